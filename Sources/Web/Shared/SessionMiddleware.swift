import Core
import Foundation
import Hummingbird
import Storage

/// Loads the signed-in account from the session cookie and sets up the CSRF token cookie.
///
/// Sessions live in SQLite (only the token's hash is stored), so they survive a restart.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let sessionCookie = "concours_session"
    static let csrfCookie = "concours_csrf"

    let database: AppDatabase
    let secureCookies: Bool
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            let hash = Tokens.hash(token)
            if let user = try database.sessionUser(tokenHash: hash, now: now()) {
                context.user = user
                context.sessionTokenHash = hash
            }
        }
        let existing = request.cookies[Self.csrfCookie]?.value ?? ""
        let isNewToken = existing.count < 20
        context.csrfToken = isNewToken ? Tokens.random() : existing
        var response = try await next(request, context)
        if isNewToken {
            response.setCookie(
                Cookie(name: Self.csrfCookie, value: context.csrfToken, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
            )
        }
        return response
    }
}
