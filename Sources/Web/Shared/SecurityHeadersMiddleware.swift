import Core
import Hummingbird

/// Headers every page gets: no framing, no sniffing, no referrer leak, a strict content policy.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"
        }
        return response
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
