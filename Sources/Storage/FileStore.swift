import Crypto
import Foundation

/// Content-addressed files under a folder: `ab/cdef….ext`, named by the SHA-256 of their bytes.
///
/// Files are written to `tmp/` first, flushed, then renamed into place, so a reader never sees half a file.
public struct FileStore: Sendable {
    public let root: URL
    /// `root` as a path, without a trailing slash: stored files are served by path (building a `URL` per request cost 4 %
    /// of an image's time).
    private let rootPath: String
    var temporaryFolder: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// Creates the folder (and its `tmp/`) if needed.
    public init(root: URL) throws {
        self.root = root
        var rootPath = root.path
        while rootPath.count > 1, rootPath.hasSuffix("/") { rootPath.removeLast() }
        self.rootPath = rootPath
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tmp", isDirectory: true), withIntermediateDirectories: true)
    }

    /// The SHA-256 of some bytes, in lower-case hex.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hexadecimal of `bytes` (a digest), written directly: `String(format:)` per byte is slow on Linux.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 15)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The relative path a content hash is stored under.
    public static func relativePath(hash: String, fileExtension: String) -> String {
        "\(hash.prefix(2))/\(hash.dropFirst(2)).\(fileExtension)"
    }

    public func url(forRelativePath path: String) -> URL { root.appendingPathComponent(path) }

    /// The absolute path of a stored file, as ``url(forRelativePath:)`` gives it.
    public func path(forRelativePath path: String) -> String { rootPath + "/" + path }

    /// Stores bytes and returns their hash and relative path; storing the same bytes again is a no-op.
    @discardableResult
    public func put(_ data: Data, fileExtension: String) throws -> (hash: String, path: String) {
        let hash = Self.sha256Hex(data)
        let path = Self.relativePath(hash: hash, fileExtension: fileExtension)
        let destination = url(forRelativePath: path)
        if FileManager.default.fileExists(atPath: destination.path) { return (hash, path) }
        let temp = try newTemporaryURL()
        try writeDurably(data, to: temp)
        try moveIntoPlace(temp, destination: destination)
        return (hash, path)
    }

    /// Moves an already written temporary file (under this store's `tmp/`) into place under its hash.
    public func adopt(temporaryFile temp: URL, hash: String, fileExtension: String) throws -> String {
        let path = Self.relativePath(hash: hash, fileExtension: fileExtension)
        let destination = url(forRelativePath: path)
        if FileManager.default.fileExists(atPath: destination.path) {
            try? FileManager.default.removeItem(at: temp)
            return path
        }
        try moveIntoPlace(temp, destination: destination)
        return path
    }

    /// A fresh path under `tmp/` (nothing is created).
    public func newTemporaryURL() throws -> URL {
        temporaryFolder.appendingPathComponent(UUID().uuidString + ".part")
    }

    /// Deletes leftovers of interrupted writes; returns how many files went.
    @discardableResult
    public func cleanTemporaries() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder.path)) ?? []
        var removed = 0
        for name in names where (try? FileManager.default.removeItem(at: temporaryFolder.appendingPathComponent(name))) != nil {
            removed += 1
        }
        return removed
    }

    /// Deletes stored files that `referenced` does not list (left by a crash between the file and its row, or by
    /// replaced posters). Run at start-up only, when no upload is in flight. Returns how many files went.
    @discardableResult
    public func removeUnreferenced(keeping referenced: Set<String>) throws -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return 0 }
        var removed = 0
        for case let path as String in enumerator where !path.hasPrefix("tmp") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url(forRelativePath: path).path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            if !referenced.contains(path) {
                try FileManager.default.removeItem(at: url(forRelativePath: path))
                removed += 1
            }
        }
        return removed
    }

    func writeDurably(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    func moveIntoPlace(_ temp: URL, destination: URL) throws {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if rename(temp.path, destination.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
