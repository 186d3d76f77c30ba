import Core
import Foundation
import Hummingbird
import Storage

/// Loads the signed-in account from the session cookie and works out the CSRF token forms must carry.
///
/// Sessions live in SQLite (only the token's hash is stored), so they survive a restart. The CSRF token is a signature
/// of the visitor's pre-session cookie and of the session cookie: a token is worth nothing without both cookies of the
/// same browser, and an attacker who can plant cookies cannot forge one without the server's secret.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let sessionCookie = "concours_session"
    static let csrfCookie = "concours_csrf"

    let database: AppDatabase
    let signer: Signer
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var sessionHash = ""
        if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            sessionHash = Tokens.hash(token)
            if let user = try database.sessionUser(tokenHash: sessionHash, now: now()) {
                context.user = user
                context.sessionTokenHash = sessionHash
            }
        }
        let existing = request.cookies[Self.csrfCookie]?.value ?? ""
        let isNewCookie = existing.count < 20 || existing.count > 64
        let cookie = CSRFCookie(isNewCookie ? nil : existing)
        context.csrfSource = CSRFSource(signer: signer, cookie: cookie, sessionHash: sessionHash)
        var response = try await next(request, context)
        // A response any cache may keep (published images) carries no cookie: a shared cache would hand it to everyone.
        let isPublic = response.headers[.cacheControl]?.hasPrefix("public") ?? false
        if isNewCookie, !isPublic {
            response.setCookie(Cookie(name: Self.csrfCookie, value: cookie.value, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The token for a pre-session cookie and a session (empty when signed out).
    static func csrfToken(signer: Signer, cookie: String, sessionHash: String) -> String {
        signer.sign("csrf", cookie, sessionHash)
    }
}

/// The visitor's pre-session cookie and session, from which their CSRF token is signed.
struct CSRFSource: Sendable {
    let signer: Signer
    let cookie: CSRFCookie
    let sessionHash: String

    var token: String { SessionMiddleware.csrfToken(signer: signer, cookie: cookie.value, sessionHash: sessionHash) }
}

/// The pre-session cookie's value: the one the browser sent, or a new random one drawn when first needed (a page's
/// token, the cookie to set), never for a public image, which sets no cookie.
final class CSRFCookie: @unchecked Sendable {
    private let lock = NSLock()
    private var drawn: String?

    init(_ sent: String?) { drawn = sent }

    var value: String {
        lock.withLock {
            if let drawn { return drawn }
            let fresh = Tokens.random()
            drawn = fresh
            return fresh
        }
    }
}
