import Core
import Foundation
import Hummingbird
import Storage

/// Sign-in and sign-out for organisers and jurors.
struct AuthController {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("connexion", use: self.form)
        router.post("connexion", use: self.login)
        router.post("deconnexion", use: self.logout)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let user = context.user { return .seeOther(Self.home(for: user)) }
        let next = request.uri.queryParameters.get("suite") ?? ""
        return services.renderer.page("auth/login", title: "Connexion", values: ["next": next], request: request, context: context)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        let email = User.normaliseEmail(form.text("email")) ?? form.text("email").lowercased()
        let password = form["password"] ?? ""
        let next = Self.safeNext(form.text("suite"))
        let now = services.now()
        if let until = await services.loginThrottle.blockedUntil(email, now: now) {
            return services.renderer.page(
                "auth/login", title: "Connexion",
                values: [
                    "error": "Trop de tentatives de connexion pour cette adresse : réessayez après \(ParisTime.longDateTime(until).components(separatedBy: " à ").last ?? "quelques minutes").",
                    "email": form.text("email"), "next": next ?? "",
                ], request: request, context: context, status: .tooManyRequests)
        }
        guard let user = try services.database.user(email: email), !user.disabled, let hash = user.passwordHash,
            Passwords.verify(password, hash: hash), let userID = user.id
        else {
            await services.loginThrottle.recordFailure(email, now: now)
            // Same answer whatever was wrong, so addresses cannot be probed.
            return services.renderer.page(
                "auth/login", title: "Connexion",
                values: ["error": "Adresse e-mail ou mot de passe incorrect.", "email": form.text("email"), "next": next ?? ""],
                request: request, context: context, status: .unauthorized)
        }
        await services.loginThrottle.reset(email)
        return try Self.signIn(user, id: userID, services: services, redirect: next ?? Self.home(for: user))
    }

    /// Opens a session for an account and redirects; the cookie holds a random token whose hash is stored.
    static func signIn(_ user: User, id userID: Int64, services: Services, redirect: String, flash: String? = nil) throws -> Response {
        let token = Tokens.random()
        let lifetime = TimeInterval(services.config.sessionLifetimeHours * 3600)
        try services.database.createSession(tokenHash: Tokens.hash(token), userID: userID, now: services.now(), lifetime: lifetime)
        var response = Response.seeOther(redirect, flash: flash)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.sessionCookie, value: token, maxAge: Int(lifetime), path: "/",
                secure: services.config.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let hash = context.sessionTokenHash { try services.database.deleteSession(tokenHash: hash) }
        var response = Response.seeOther("/", flash: "Vous êtes déconnecté.")
        response.setCookie(Cookie(name: SessionMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    static func home(for user: User) -> String {
        user.role == .organiser ? "/organisation" : "/jury"
    }

    /// Only local paths are followed after login (no open redirect).
    static func safeNext(_ raw: String) -> String? {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\") else { return nil }
        return raw
    }
}
