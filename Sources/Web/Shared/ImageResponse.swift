import Foundation
import Hummingbird

/// Stored images as responses, streamed from disk.
enum ImageResponse {
    /// Who may keep a copy.
    enum Caching {
        /// Private-link, organiser and jury images: never stored by the browser or a proxy.
        case none
        /// Images of a published palmarès, at an address without their version: kept briefly.
        case published
        /// Images of a published palmarès at their versioned address (`?v=`): the bytes there never change.
        case immutable

        var header: String {
            switch self {
            case .none: return "no-store"
            case .published: return "public, max-age=300"
            case .immutable: return "public, max-age=31536000, immutable"
            }
        }
    }

    /// The version of a stored file's content: the start of the SHA-256 its path is named after (`ab/cdef….jpg`).
    static func contentVersion(ofStoredPath path: String) -> String {
        // Byte by byte: every published image's request asks.
        var version = [UInt8]()
        version.reserveCapacity(16)
        for byte in path.utf8 {
            if byte == UInt8(ascii: ".") || version.count == 16 { break }
            if byte != UInt8(ascii: "/") { version.append(byte) }
        }
        return String(decoding: version, as: UTF8.self)
    }

    /// The strong `ETag` of a stored file: `…/ab/cdef….jpg` holds the bytes whose SHA-256 is `abcdef…`.
    static func etag(ofStoredFile path: String) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).suffix(2)
        let folder = components.count == 2 ? components.first.map(String.init) ?? "" : ""
        let file = components.last.map { name in name.lastIndex(of: ".").map { String(name[..<$0]) } ?? String(name) } ?? ""
        return "\"\(folder)\(file)\""
    }

    static let fileIO = FileIO()
    /// Thumbnails and previews kept in memory: their names are their content's hash, so a copy is never stale.
    static let smallFiles = SmallFileCache(maxFileBytes: 512 << 10, budgetBytes: 32 << 20)

    /// Sends a stored file inline (renditions) or as a download (originals), never sniffed. Stored files are named after
    /// the SHA-256 of their bytes, so that name is a strong `ETag`, and a matching `If-None-Match` gets a 304.
    static func file(
        path: String, contentType: String, downloadName: String? = nil, caching: Caching = .none, request: Request, context: AppRequestContext
    ) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = caching.header
        let etag = Self.etag(ofStoredFile: path)
        headers[.eTag] = etag
        if let downloadName {
            let ascii = downloadName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 32 ? String($0) : "_" }.joined()
            let encoded = downloadName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
            headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        }
        if let sent = request.headers[.ifNoneMatch], sent.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        if downloadName == nil, let bytes = smallFiles.bytes(at: path) {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
        }
        let body: ResponseBody
        do {
            body = try await fileIO.loadFile(path: path, context: context)
        } catch {
            throw WebError.notFound
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// Small stored files in memory, up to a byte budget (when it is spent the cache starts afresh). Only for files named
/// after their content, which never change under the same name.
final class SmallFileCache: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: ByteBuffer] = [:]
    private var total = 0
    let maxFileBytes: Int
    let budgetBytes: Int

    init(maxFileBytes: Int, budgetBytes: Int) {
        self.maxFileBytes = maxFileBytes
        self.budgetBytes = budgetBytes
    }

    /// The file's bytes if it is small (read on first use); nil for a large or missing file, which is then streamed.
    func bytes(at path: String) -> ByteBuffer? {
        if let known = lock.withLock({ files[path] }) { return known }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= maxFileBytes,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        let buffer = ByteBuffer(bytes: data)
        lock.withLock {
            if total + data.count > budgetBytes {
                files.removeAll()
                total = 0
            }
            files[path] = buffer
            total += data.count
        }
        return buffer
    }
}
