import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A streaming `multipart/form-data` parser: feed it body chunks as they arrive, it calls back with parts and their bytes.
///
/// Memory stays bounded by one chunk plus the delimiter, whatever the body size; delimiter search uses `memmem`, so the
/// parser is fast in debug builds too. Malformed bodies throw ``MultipartError`` (a 400 for the client).
struct MultipartParser {
    /// One part's headers.
    struct PartHeaders: Equatable {
        var name: String
        var filename: String?
        var contentType: String?
    }

    enum Event {
        case begin(PartHeaders)
        case body(UnsafeRawBufferPointer)
        case end
    }

    enum State {
        case preamble
        case afterDelimiter
        case headers
        case body
        case done
    }

    static let maxHeaderBytes = 8192

    private let firstDelimiter: [UInt8]
    private let delimiter: [UInt8]
    private var pending: [UInt8] = []
    private(set) var state: State = .preamble

    /// - Parameters:
    ///   - boundary: the `boundary` parameter of the request's Content-Type.
    init(boundary: String) {
        self.firstDelimiter = Array("--\(boundary)".utf8)
        self.delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The boundary from a `multipart/form-data; boundary=…` header, or nil.
    static func boundary(fromContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty, value.count <= 70 else { return nil }
            return value
        }
        return nil
    }

    var isDone: Bool { state == .done }

    /// Consumes a chunk, calling `handler` for each event it completes.
    mutating func feed(_ buffer: ByteBuffer, _ handler: (Event) throws -> Void) throws {
        buffer.withUnsafeReadableBytes { pending.append(contentsOf: $0) }
        try process(handler)
    }

    /// Checks that the body ended with the closing delimiter.
    func finish() throws(MultipartError) {
        guard state == .done else { throw .truncated }
    }

    private mutating func process(_ handler: (Event) throws -> Void) throws {
        var offset = 0
        defer { if offset > 0 { pending.removeFirst(offset) } }
        loop: while true {
            switch state {
            case .preamble:
                guard let index = find(firstDelimiter, from: offset) else {
                    // Keep only what could still start the delimiter.
                    offset = max(offset, pending.count - firstDelimiter.count)
                    break loop
                }
                offset = index + firstDelimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard pending.count - offset >= 2 else { break loop }
                let a = pending[offset]
                let b = pending[offset + 1]
                if a == UInt8(ascii: "-") && b == UInt8(ascii: "-") {
                    state = .done
                    offset = pending.count
                    break loop
                }
                // Transport padding (spaces/tabs) may precede the CRLF.
                var cursor = offset
                while cursor < pending.count, pending[cursor] == UInt8(ascii: " ") || pending[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                guard pending.count - cursor >= 2 else { break loop }
                guard pending[cursor] == 13, pending[cursor + 1] == 10 else { throw MultipartError.malformed }
                offset = cursor + 2
                state = .headers
            case .headers:
                guard let end = find([13, 10, 13, 10], from: offset) else {
                    if pending.count - offset > Self.maxHeaderBytes { throw MultipartError.malformed }
                    break loop
                }
                guard end - offset <= Self.maxHeaderBytes else { throw MultipartError.malformed }
                let text = String(decoding: pending[offset..<end], as: UTF8.self)
                try handler(.begin(try Self.parseHeaders(text)))
                offset = end + 4
                state = .body
            case .body:
                if let index = find(delimiter, from: offset) {
                    if index > offset { try emit(from: offset, to: index, handler) }
                    try handler(.end)
                    offset = index + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Everything but a possible delimiter start can go out now.
                    let safeEnd = pending.count - (delimiter.count - 1)
                    if safeEnd > offset {
                        try emit(from: offset, to: safeEnd, handler)
                        offset = safeEnd
                    }
                    break loop
                }
            case .done:
                offset = pending.count
                break loop
            }
        }
    }

    private func emit(from start: Int, to end: Int, _ handler: (Event) throws -> Void) throws {
        try pending.withUnsafeBytes { raw in
            try handler(.body(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
        }
    }

    /// First index of `needle` at or after `start`: `memchr` for its first byte, then `memcmp` (C speed in any build).
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard pending.count - start >= needle.count, let first = needle.first else { return nil }
        return pending.withUnsafeBytes { haystack -> Int? in
            needle.withUnsafeBytes { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var position = start
                let lastStart = haystack.count - needle.count
                while position <= lastStart {
                    guard let hit = memchr(base + position, Int32(first), lastStart - position + 1) else { return nil }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, patternBase, needle.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }

    static func parseHeaders(_ text: String) throws(MultipartError) -> PartHeaders {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "content-disposition" {
                let params = parameters(value)
                name = params["name"]
                filename = params["filename"]
            } else if key == "content-type" {
                contentType = value
            }
        }
        guard let name else { throw .malformed }
        return PartHeaders(name: name, filename: filename, contentType: contentType)
    }

    /// `form-data; name="a"; filename="b c.jpg"` → ["name": "a", "filename": "b c.jpg"]; quoted values may hold `;`.
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var chars = Substring(value)
        // Skip the disposition type.
        if let semicolon = chars.firstIndex(of: ";") { chars = chars[chars.index(after: semicolon)...] } else { return result }
        while !chars.isEmpty {
            chars = chars.drop(while: { $0 == " " || $0 == ";" })
            guard let equals = chars.firstIndex(of: "=") else { break }
            let key = chars[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            chars = chars[chars.index(after: equals)...]
            var parsed = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                var escaped = false
                while let c = chars.first {
                    chars = chars.dropFirst()
                    if escaped {
                        parsed.append(c)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        break
                    } else {
                        parsed.append(c)
                    }
                }
            } else {
                let end = chars.firstIndex(of: ";") ?? chars.endIndex
                parsed = chars[..<end].trimmingCharacters(in: .whitespaces)
                chars = chars[end...]
            }
            result[key] = parsed
        }
        return result
    }
}

/// Why a multipart body could not be read.
enum MultipartError: Error, Equatable {
    case malformed
    case truncated
    case noBoundary
}
