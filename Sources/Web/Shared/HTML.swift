import Foundation
import Hummingbird

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    let body: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Response {
    /// A 303 redirect after a form, optionally carrying a one-time message shown on the next page.
    static func seeOther(_ location: String, flash: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        var response = Response(status: .seeOther, headers: headers)
        if let flash {
            response.setCookie(Cookie(name: Flash.cookie, value: Flash.encode(flash), path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

/// One-time messages carried by a cookie across a redirect.
enum Flash {
    static let cookie = "concours_flash"

    static func encode(_ text: String) -> String {
        Data(text.utf8).base64URLEncoded
    }

    static func decode(_ value: String) -> String? {
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
