internal import CGD
import Foundation

/// Routes libgd's (and libjpeg's) diagnostics to a handler instead of stderr.
enum GDWarnings {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var handler: (@Sendable (String) -> Void)?
    private static let errorCountKey = "fr.concours.imaging.gdErrorCount"

    /// Installs the C callback once; every entry point that touches libgd evaluates this first.
    static let installed: Void = {
        gdSetErrorMethod(gdWarningCallback)
    }()

    static func setHandler(_ handler: (@Sendable (String) -> Void)?) {
        _ = self.installed
        self.lock.withLock { self.handler = handler }
    }

    /// Sends a message to the handler, if one is set.
    static func emit(_ message: String) {
        let handler = self.lock.withLock { self.handler }
        handler?(message)
    }

    /// Runs `body` and counts the errors libgd reports meanwhile on this thread.
    ///
    /// libgd has one global error callback but calls it on the decoding thread, so a thread-local counter
    /// tells this call's errors apart from those of concurrent decodes.
    static func capturingErrors<T>(_ body: () -> T) -> (T, errors: Int) {
        let dictionary = Thread.current.threadDictionary
        dictionary[self.errorCountKey] = 0
        defer { dictionary.removeObject(forKey: self.errorCountKey) }
        let result = body()
        return (result, dictionary[self.errorCountKey] as? Int ?? 0)
    }

    fileprivate static func recordError() {
        let dictionary = Thread.current.threadDictionary
        if let count = dictionary[self.errorCountKey] as? Int {
            dictionary[self.errorCountKey] = count + 1
        }
    }
}

/// gd's error method: `void (*)(int priority, const char *format, va_list args)`.
private func gdWarningCallback(_ priority: Int32, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?) {
    guard let format, let arguments else { return }
    var buffer = [CChar](repeating: 0, count: 1024)
    _ = buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, arguments) }
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // Priorities are syslog levels: GD_ERROR is 3, GD_WARNING 4.
    if priority <= 3 {
        GDWarnings.recordError()
    }
    let level = priority <= 3 ? "error" : priority == 4 ? "warning" : "notice"
    GDWarnings.emit("libgd \(level): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
}
