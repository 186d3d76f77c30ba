import Core
import Foundation
import Hummingbird
import Storage

/// Jurors accept their personal, single-use, expiring invitation: they choose a password and may declare conflicts.
struct InvitationController {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("invitation/:token", use: self.form)
        router.post("invitation/:token", use: self.accept)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let state = try requireInvitation(context)
        return page(state, errors: [:], declared: "", request: request, context: context)
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let token = try context.parameters.require("token")
        let state = try requireInvitation(context)
        let form = try await request.form(context)
        let password = form["password"] ?? ""
        var errors: [String: String] = [:]
        if let problem = services.passwordRules.problem(with: password, context: [state.user.email]) { errors["password"] = problem }
        if password != (form["password2"] ?? "") { errors["password2"] = "Les deux mots de passe ne sont pas identiques." }
        var conflicts: [UAI] = []
        let declared = form.text("conflits")
        for part in declared.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == ";" }) where !part.isEmpty {
            do {
                let uai = try UAI(String(part))
                guard try services.database.establishment(uai: uai) != nil else {
                    errors["conflits"] = "Le code UAI \(uai) ne figure pas dans la liste des établissements."
                    continue
                }
                conflicts.append(uai)
            } catch let error as UAIError {
                errors["conflits"] = error.message
            }
        }
        guard errors.isEmpty else {
            return page(state, errors: errors, declared: declared, request: request, context: context, status: .unprocessableContent)
        }
        let passwordHash = try await Passwords.offloadedHash(password)
        do {
            let user = try services.database.acceptInvitation(
                tokenHash: Tokens.hash(token), passwordHash: passwordHash, declaredConflicts: conflicts, now: services.now())
            guard let id = user.id else { throw WebError.notFound }
            return try AuthController.signIn(user, id: id, services: services, redirect: "/jury", flash: "Bienvenue dans le jury, \(user.displayName).")
        } catch let error as StorageError {
            throw WebError.gone(error.message)
        }
    }

    func page(
        _ state: InvitationState, errors: [String: String], declared: String, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let model = InvitationPage(
            name: state.user.displayName, email: state.user.email, expiresAt: Markup(ParisTime.longDateTime(state.expiresAt)),
            errors: .init(password: errors["password"], password2: errors["password2"], conflits: errors["conflits"]),
            errorSummary: ErrorSummary(
                heading: "Votre compte n’a pas été activé.", errors: errors,
                fields: [("password", "password"), ("password2", "password2"), ("conflits", "conflits")]),
            conflits: declared)
        return services.renderer.page(
            "jury/invitation", title: ErrorSummary.title("Invitation au jury", hasErrors: !errors.isEmpty), model: model, request: request, context: context, status: status)
    }

    /// The invitation behind the link, refused (410) when used or expired.
    func requireInvitation(_ context: AppRequestContext) throws -> InvitationState {
        let token = try context.parameters.require("token")
        guard let state = try services.database.invitation(tokenHash: Tokens.hash(token)), !state.user.disabled else { throw WebError.notFound }
        guard state.usedAt == nil, state.expiresAt > services.now() else { throw WebError.gone(StorageError.invitationInvalid.message) }
        return state
    }
}

/// `jury/invitation`: the form a juror fills in once to join the jury.
struct InvitationPage: PageModel {
    struct Errors: Encodable, Sendable {
        let password: String?
        let password2: String?
        let conflits: String?
    }

    let name: String
    let email: String
    let expiresAt: Markup
    let errors: Errors
    let errorSummary: ErrorSummary?
    /// The UAI codes as typed, shown again after a problem.
    let conflits: String
}
