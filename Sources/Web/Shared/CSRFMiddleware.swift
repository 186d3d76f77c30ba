import Foundation
import Hummingbird

/// Checks every state-changing request, whatever its content type:
/// - a cross-site `Sec-Fetch-Site` or a foreign `Origin` is refused;
/// - the routes that stream an upload take `multipart/form-data` only, and their handler checks the `_csrf` field (the
///   first part) before it accepts any file byte;
/// - every other route takes `application/x-www-form-urlencoded` only (anything else is a 415, never read as a form)
///   and its `_csrf` field must be the token bound to the visitor's cookies (see ``SessionMiddleware``).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The configured public address's authority, compared with `Origin` (else the request's own host is).
    let publicAuthority: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post || request.method == .put || request.method == .delete || request.method == .patch else {
            return try await next(request, context)
        }
        try checkOrigin(request, context: context)
        let contentType = request.headers[.contentType]
        if UploadRoutes.streams(request.uri.path) {
            guard Request.isMultipartForm(contentType) else { throw WebError.unsupportedMedia(FormMessages.wrongType) }
            return try await next(request, context)
        }
        // The same reading as the handler's (type checked, size bounded); the collected body stays for the handler.
        var request = request
        let sent = try await request.form(context)["_csrf"] ?? ""
        let expected = context.csrfToken
        guard !expected.isEmpty, Tokens.constantTimeEqual(sent, expected) else { throw WebError.csrf }
        return try await next(request, context)
    }

    /// Browsers say where a request comes from: `Sec-Fetch-Site` (same-origin, or none for a typed address) and
    /// `Origin`. Either, when present, must name this site.
    func checkOrigin(_ request: Request, context: Context) throws {
        if let site = request.headers[.secFetchSite]?.lowercased(), site != "same-origin", site != "none" { throw WebError.csrf }
        guard let origin = request.headers[.origin] else { return }
        guard let components = URLComponents(string: origin), let host = components.host?.lowercased() else { throw WebError.csrf }
        let authority = components.port.map { "\(host):\($0)" } ?? host
        let expected = publicAuthority ?? request.head.authority.flatMap(ClientAddress.validAuthority)
        guard let expected, RequestGuardMiddleware.sameAuthority(authority, expected) else { throw WebError.csrf }
    }
}

/// The routes whose body is a streamed `multipart/form-data` upload.
enum UploadRoutes {
    static func streams(_ path: String) -> Bool {
        if path == "/participer" || path == "/organisation/etablissements/import" { return true }
        // /depot/<token>/affiche
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "depot" && !parts[2].isEmpty && parts[3] == "affiche"
    }
}
