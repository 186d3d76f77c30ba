import Foundation
import Hummingbird

/// Stored images as responses.
enum ImageResponse {
    /// Who may keep a copy.
    enum Caching {
        /// Private-link, organiser and jury images: never stored by the browser or a proxy.
        case none
        /// Images of a published palmarès.
        case published

        var header: String {
            switch self {
            case .none: return "no-store"
            case .published: return "public, max-age=300"
            }
        }
    }

    /// Sends a stored file inline (renditions) or as a download (originals), never sniffed.
    static func file(_ url: URL, contentType: String, downloadName: String? = nil, caching: Caching = .none) throws -> Response {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw WebError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = caching.header
        if let downloadName {
            let ascii = downloadName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 32 ? String($0) : "_" }.joined()
            let encoded = downloadName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
            headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
