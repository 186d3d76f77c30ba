import Core
import Foundation
import Hummingbird
import Storage

/// Sign-in and sign-out for organisers and jurors, and changing one's password.
struct AuthController {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("connexion", use: self.form)
        router.post("connexion", use: self.login)
        router.post("deconnexion", use: self.logout)
        router.get("compte/mot-de-passe", use: self.passwordForm)
        router.post("compte/mot-de-passe", use: self.changePassword)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let user = context.user { return .seeOther(Self.home(for: user)) }
        let next = Self.safeNext(request.uri.queryParameters.get("suite") ?? "") ?? ""
        return services.renderer.page(
            "auth/login", title: "Connexion", model: LoginPage(error: nil, email: "", next: next), request: request, context: context)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        let email = User.normaliseEmail(form.text("email")) ?? String(form.text("email").lowercased().prefix(320))
        let password = String((form["password"] ?? "").prefix(1024))
        let next = Self.safeNext(form.text("suite"))
        let now = services.now()
        let device = DeviceCookie.nonce(request.cookies[DeviceCookie.name]?.value, email: email, signer: services.signer)
        let keys = LoginThrottle.keys(email: email, client: context.client.address, knownDevice: device)
        if let until = try services.loginThrottle.blockedUntil(keys, now: now) {
            let wait = ThrottlePolicy.frenchWait(until.timeIntervalSince(now))
            var response = loginPage(
                error: "Trop de tentatives de connexion depuis ce poste : réessayez dans \(wait).", email: form.text("email"), next: next,
                request: request, context: context, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(until.timeIntervalSince(now).rounded(.up)))
            return response
        }
        let user = try services.database.user(email: email)
        // bcrypt runs whatever was wrong (a dummy hash for an unknown address), so that addresses cannot be told apart.
        let verified = try await Passwords.offloadedVerify(password, hash: user?.passwordHash)
        guard verified, let user, !user.disabled, let userID = user.id else {
            try services.loginThrottle.recordFailure(keys, now: now)
            return loginPage(
                error: "Adresse e-mail ou mot de passe incorrect.", email: form.text("email"), next: next, request: request, context: context,
                status: .unauthorized)
        }
        try services.loginThrottle.recordSuccess(keys)
        var response = try Self.signIn(user, id: userID, services: services, redirect: next ?? Self.home(for: user))
        if device == nil {
            response.setCookie(
                Cookie(
                    name: DeviceCookie.name, value: DeviceCookie.make(email: email, signer: services.signer), maxAge: DeviceCookie.lifetime,
                    path: "/connexion", httpOnly: true, sameSite: .strict))
        }
        return response
    }

    func loginPage(
        error: String, email: String, next: String?, request: Request, context: AppRequestContext, status: HTTPResponse.Status
    ) -> Response {
        services.renderer.page(
            "auth/login", title: ErrorSummary.title("Connexion", hasErrors: true), model: LoginPage(error: error, email: email, next: next ?? ""),
            request: request, context: context,
            status: status)
    }

    /// Opens a session for an account and redirects; the cookie holds a random token whose hash is stored.
    static func signIn(_ user: User, id userID: Int64, services: Services, redirect: String, flash: String? = nil) throws -> Response {
        let token = Tokens.random()
        let lifetime = TimeInterval(services.config.sessionLifetimeHours * 3600)
        try services.database.createSession(tokenHash: Tokens.hash(token), userID: userID, now: services.now(), lifetime: lifetime)
        var response = Response.seeOther(redirect, flash: flash)
        response.setCookie(
            Cookie(name: SessionMiddleware.sessionCookie, value: token, maxAge: Int(lifetime), path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let hash = context.sessionTokenHash { try services.database.deleteSession(tokenHash: hash) }
        var response = Response.seeOther("/", flash: "Vous êtes déconnecté.")
        response.setCookie(Cookie(name: SessionMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: - Password change

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.user != nil else { throw WebError.unauthenticated }
        return passwordPage(errors: [:], request: request, context: context)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        guard let user = context.user, let userID = user.id else { throw WebError.unauthenticated }
        let form = try await request.form(context)
        let current = String((form["current"] ?? "").prefix(1024))
        let password = form["password"] ?? ""
        let now = services.now()
        let keys = LoginThrottle.keys(email: user.email, client: context.client.address, knownDevice: nil)
        if let until = try services.loginThrottle.blockedUntil(keys, now: now) {
            throw WebError.tooManyRequests("Trop d’essais : réessayez dans \(ThrottlePolicy.frenchWait(until.timeIntervalSince(now))).")
        }
        var errors: [String: String] = [:]
        if !(try await Passwords.offloadedVerify(current, hash: user.passwordHash)) {
            errors["current"] = "Le mot de passe actuel est incorrect."
            try services.loginThrottle.recordFailure(keys, now: now)
        }
        if let problem = services.passwordRules.problem(with: password, context: [user.email]) { errors["password"] = problem }
        if password != (form["password2"] ?? "") { errors["password2"] = "Les deux mots de passe ne sont pas identiques." }
        guard errors.isEmpty else { return passwordPage(errors: errors, request: request, context: context, status: .unprocessableContent) }
        let hash = try await Passwords.offloadedHash(password)
        try services.database.setPasswordHash(userID: userID, hash: hash, keepingSession: context.sessionTokenHash)
        try services.audit(context, "mot de passe", "Mot de passe changé ; les autres sessions du compte sont fermées")
        return .seeOther(Self.home(for: user), flash: "Votre mot de passe est changé. Vos autres sessions sont fermées.")
    }

    func passwordPage(errors: [String: String], request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        services.renderer.page(
            "auth/password", title: errors.isEmpty ? "Changer mon mot de passe" : "Erreur — Changer mon mot de passe",
            model: PasswordPage(errors: errors), request: request, context: context, status: status)
    }

    static func home(for user: User) -> String {
        user.role == .organiser ? "/organisation" : "/jury"
    }

    /// Only plain local paths are followed after login (no open redirect).
    static func safeNext(_ raw: String) -> String? {
        LocalPath.isSafeRedirect(raw) ? raw : nil
    }
}

/// The sign-in form, with the refusal and the address typed when it was refused.
struct LoginPage: PageModel {
    let error: String?
    let email: String
    /// Where to go after signing in (a local path, or empty).
    let next: String
}

/// The password change form, with what was wrong field by field.
struct PasswordPage: PageModel {
    struct Errors: Encodable, Sendable {
        let current: String?
        let password: String?
        let password2: String?
    }

    struct Problem: Encodable, Sendable {
        let field: String
        let message: String
    }

    let errors: Errors
    let hasErrors: Bool
    /// The same problems in the form's order, for the summary at the top.
    let errorList: [Problem]

    init(errors: [String: String]) {
        self.errors = Errors(current: errors["current"], password: errors["password"], password2: errors["password2"])
        hasErrors = !errors.isEmpty
        errorList = ["current", "password", "password2"].compactMap { field in errors[field].map { Problem(field: field, message: $0) } }
    }
}
