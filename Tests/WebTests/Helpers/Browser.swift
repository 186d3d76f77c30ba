import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Keeps cookies between requests and reads CSRF tokens out of pages, like a browser would.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The `_csrf` value of the last page that had a form, as a browser would post it; nil after signing in or out.
    private(set) var csrfToken: String?
    /// The value of the règlement's checkbox on the last form that had one (its version in force).
    private(set) var rulesVersion: String?
    /// A form field with this value is sent with `rulesVersion`, as a person ticking the box of the form they see.
    static let tickedRules = "\u{1}ticked-rules"
    /// Headers sent with every request (a proxy's `X-Forwarded-*`, say).
    var defaultHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
    }

    func cookieHeader() -> String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil, contentType: nil)
    }

    /// Posts a URL-encoded form; `_csrf` is the token of the last page shown unless `csrf` says otherwise.
    @discardableResult
    func post(_ uri: String, form: [(String, String)], csrf: String? = nil) async throws -> Page {
        var fields = form
        fields.insert(("_csrf", try await token(csrf)), at: 0)
        let encoded = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: ByteBuffer(string: encoded), contentType: "application/x-www-form-urlencoded")
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?, extraHeaders: HTTPFields = [:]) async throws
        -> Page
    {
        var headers = defaultHeaders
        headers.append(contentsOf: extraHeaders)
        if !cookies.isEmpty { headers[.cookie] = cookieHeader() }
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            for value in response.headers[values: .setCookie] {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { continue }
                let name = String(pair[0])
                let cookieValue = String(pair[1])
                if cookieValue.isEmpty || value.contains("Max-Age=0") { self.cookies[name] = nil } else { self.cookies[name] = cookieValue }
                if name == "concours_session" || name == "concours_csrf" { self.csrfToken = nil }
            }
            // Pages use non-breaking spaces in French typography; tests compare with plain spaces.
            let body = String(buffer: response.body).replacingOccurrences(of: "\u{00A0}", with: " ")
            if let token = Self.formToken(in: body) { self.csrfToken = token }
            if let version = Self.fieldValue("reglement", in: body) { self.rulesVersion = version }
            return Page(status: response.status, headers: response.headers, body: body)
        }
    }

    /// The token to send: the one given, else the last page's, else one read from a page with a form (the home page
    /// when signed in, the sign-in page otherwise), as a person would have a page open before posting.
    func token(_ given: String?) async throws -> String {
        if let given { return given }
        if csrfToken == nil { try await get(cookies["concours_session"] == nil ? "/connexion" : "/") }
        return csrfToken ?? ""
    }

    /// The value of the first `_csrf` hidden field of a page.
    static func formToken(in body: String) -> String? {
        guard let start = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = body[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The value of the first input named `name` on a page.
    static func fieldValue(_ name: String, in body: String) -> String? {
        guard let start = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = body[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Signs in through the login form.
    func login(email: String = "orga@ac-creteil.fr", password: String = "motdepasse-solide") async throws -> Page {
        try await get("/connexion")
        return try await post("/connexion", form: [("email", email), ("password", password)])
    }
}

extension Browser {
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }
}

extension Browser {
    /// A file part of a multipart form.
    struct FilePart {
        var field = "affiche"
        var filename: String
        var contentType = "application/octet-stream"
        var data: Data
    }

    /// Posts `multipart/form-data`; `_csrf` comes first, from the cookie, unless `csrf` says otherwise.
    @discardableResult
    func postMultipart(_ uri: String, fields: [(String, String)], file: FilePart?, csrf: String? = nil, headers: HTTPFields = [:]) async throws
        -> Page
    {
        var all = fields
        if all.contains(where: { $0.1 == Self.tickedRules }) {
            if rulesVersion == nil { try await get("/participer") }
            all = all.map { $0.1 == Self.tickedRules ? ($0.0, rulesVersion ?? "") : $0 }
        }
        all.insert(("_csrf", try await token(csrf)), at: 0)
        let (body, contentType) = Self.multipart(all, file: file)
        return try await send(uri, method: .post, body: body, contentType: contentType, extraHeaders: headers)
    }

    /// A `multipart/form-data` body of these fields, in this order, then the file; and its content type.
    static func multipart(_ fields: [(String, String)], file: FilePart?) -> (body: ByteBuffer, contentType: String) {
        let boundary = "----concoursTest\(UUID().uuidString)"
        var body = Data()
        func append(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in fields {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n")
            append("Content-Type: \(file.contentType)\r\n\r\n")
            body.append(file.data)
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }
}
