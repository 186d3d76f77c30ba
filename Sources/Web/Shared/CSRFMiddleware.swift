import Foundation
import Hummingbird

/// Refuses state-changing requests whose `_csrf` field does not match the visitor's CSRF cookie.
///
/// URL-encoded forms are checked here. Multipart uploads carry the token in their first part and are checked by their
/// handler as the body streams; routes that do that are listed in `streamingRoutes`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post || request.method == .put || request.method == .delete || request.method == .patch else {
            return try await next(request, context)
        }
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            // Checked by the streaming handler before it accepts any file byte.
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let form = FormData(String(buffer: body))
        let sent = form["_csrf"] ?? request.headers[.xCSRFToken] ?? ""
        guard !context.csrfToken.isEmpty, Tokens.constantTimeEqual(sent, context.csrfToken),
            request.cookies[SessionMiddleware.csrfCookie] != nil
        else {
            throw WebError.csrf
        }
        return try await next(request, context)
    }
}
