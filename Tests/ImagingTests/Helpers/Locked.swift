import Foundation

/// A value behind a lock, for test bookkeeping across threads (Mutex needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        self.lock.withLock { body(&self.value) }
    }
}
