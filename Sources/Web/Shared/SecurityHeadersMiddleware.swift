import Core
import Hummingbird
import NIOCore

/// The outermost layer: works out who the client is (through trusted proxies only), then gives every response its
/// security headers: no framing, no sniffing, no referrer leak, a strict content policy, HSTS over HTTPS, `Secure`
/// on every cookie over HTTPS, no `Location` outside the site, and a closed connection after a 413.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let config: AppConfig

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.client = ClientInfo(request: request, remote: context.remoteAddress, config: config)
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"
        }
        let secure = context.client.isHTTPS || config.usesSecureCookies
        if context.client.isHTTPS, config.hstsMaxAge > 0 {
            response.headers[.strictTransportSecurity] = "max-age=\(config.hstsMaxAge)"
        }
        if secure { Self.markCookiesSecure(&response.headers) }
        if let location = response.headers[.location], !Self.isOwnLocation(location, publicBase: config.publicBase) {
            context.logger.error("refused a redirect outside the site", metadata: ["location": "\(location)", "path": "\(request.uri.path)"])
            response = try WebError.badRequest("Redirection refusée.").response(from: request, context: context)
        }
        if response.status == .contentTooLarge {
            // Stop reading a body we refused: the connection closes once the answer is written.
            response.headers[.connection] = "close"
            context.closeConnectionAfterResponse()
        }
        return response
    }

    /// Adds `; Secure` to every `Set-Cookie` that lacks it.
    static func markCookiesSecure(_ headers: inout HTTPFields) {
        let cookies = headers[values: .setCookie]
        guard !cookies.isEmpty else { return }
        headers[values: .setCookie] = cookies.map { $0.lowercased().contains("; secure") ? $0 : $0 + "; Secure" }
    }

    /// A local path, or an address under the configured public one.
    static func isOwnLocation(_ location: String, publicBase: String) -> Bool {
        if LocalPath.isSafeRedirect(location) { return true }
        guard !publicBase.isEmpty, location.hasPrefix(publicBase + "/") else { return false }
        return LocalPath.isSafeRedirect(String(location.dropFirst(publicBase.count)))
    }
}

/// Lets through only signed-in accounts of one role; others are sent to the login page or refused.
struct RequireRole: RouterMiddleware {
    typealias Context = AppRequestContext
    let role: Core.Role

    init(_ role: Core.Role) {
        self.role = role
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.user else { throw WebError.unauthenticated }
        guard user.role == role else { throw WebError.forbidden }
        return try await next(request, context)
    }
}
