import Core
import Foundation
import Hummingbird
import Logging
import Storage

/// Organisers manage jurors (invitations, conflicts, access) and follow the jury's progress.
struct AdminJuryController {
    let services: Services
    static let invitationLifetime: TimeInterval = 14 * 86_400

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("jury", use: self.list)
        group.post("jury", use: self.create)
        group.post("jury/:id/invitation", use: self.reissue)
        group.post("jury/:id/acces", use: self.toggleAccess)
        group.post("jury/:id/conflits", use: self.addConflict)
        group.post("jury/:id/conflits/retrait", use: self.removeConflict)
        group.get("editions/:year/jury", use: self.dashboard)
        group.post("depots/:id/texte-jury", use: self.redact)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await listPage(request: request, context: context)
    }

    func listPage(
        request: Request, context: AppRequestContext, errors: [String: String] = [:], form: FormData? = nil,
        invitation: JurorsPage.Invitation? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = services.now()
        let parameters = request.uri.queryParameters
        let query = JurorsQuery { parameters.get($0) }
        let list = try await services.database.jurorList(filter: query.filter) { Paging(request: request, total: $0) }
        let anyJurors = list.counts.values.reduce(0, +) > 0
        let model = JurorsPage(
            invitation: invitation,
            jurors: list.jurors.map { JurorsPage.Row($0, now: now) },
            hasJurors: !list.jurors.isEmpty,
            anyJurors: anyJurors,
            emptyText: anyJurors ? "Aucun juré ne correspond." : "Aucun juré pour le moment.",
            query: query.search,
            accessOptions: JurorsQuery.accessLabels.map { access, label in
                .init(code: access.rawValue, label: "\(label) (\(list.counts[access, default: 0]))", selected: access == query.filter.access)
            },
            pageSize: list.paging.size == Paging.defaultSize ? nil : String(list.paging.size),
            pagination: PaginationView(list.paging, path: "/organisation/jury", parameters: query.parameters, noun: ("juré", "jurés")),
            errors: JurorsPage.Errors(nom: errors["nom"], email: errors["email"], conflits: errors["conflits"]),
            errorSummary: ErrorSummary(
                heading: "Le juré n’a pas été créé.", errors: errors, fields: [("nom", "nom"), ("email", "email"), ("conflits", "conflits")]),
            form: JurorsPage.Form(name: form?.text("nom") ?? "", email: form?.text("email") ?? "", conflits: form?.text("conflits") ?? ""))
        return services.renderer.page(
            "admin/jury", title: ErrorSummary.title("Jury", hasErrors: !errors.isEmpty), model: model, request: request, context: context, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        var errors: [String: String] = [:]
        let name = form.text("nom")
        if name.isEmpty { errors["nom"] = "Indiquez le nom du juré." }
        let email = User.normaliseEmail(form.text("email"))
        if email == nil { errors["email"] = "Indiquez une adresse e-mail valide." }
        let (conflicts, conflictError) = try parseUAIs(form.text("conflits"))
        if let conflictError { errors["conflits"] = conflictError }
        guard errors.isEmpty, let email else {
            return try await listPage(request: request, context: context, errors: errors, form: form, status: .unprocessableContent)
        }
        let juror: User
        do {
            juror = try services.database.createJuror(name: name, email: email, conflicts: conflicts, now: services.now())
        } catch {
            return try await listPage(request: request, context: context, errors: ["email": error.message], form: form, status: .conflict)
        }
        try services.audit(context, "juré", "Juré créé : \(name) <\(email)>\(conflicts.isEmpty ? "" : ", conflits : " + conflicts.map(\.code).joined(separator: ", "))")
        return try await invite(juror, request: request, context: context)
    }

    @Sendable func reissue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        return try await invite(juror, request: request, context: context, reissued: true)
    }

    /// Issues a new single-use link (earlier ones stop working) and shows it once, with a ready-to-send e-mail.
    func invite(_ juror: User, request: Request, context: AppRequestContext, reissued: Bool = false) async throws -> Response {
        guard let id = juror.id else { throw WebError.notFound }
        let token = Tokens.random()
        let link = context.absoluteURL(path: "/invitation/\(token)")
        let message = MailTexts.invitation(
            to: MailAddress(juror.email, name: juror.displayName), link: link, expiresAt: services.now().addingTimeInterval(Self.invitationLifetime),
            reissued: reissued)
        try services.database.issueInvitation(
            userID: id, tokenHash: Tokens.hash(token), now: services.now(), lifetime: Self.invitationLifetime, mail: [message])
        let expires = ParisTime.longDateTime(services.now().addingTimeInterval(Self.invitationLifetime))
        let body = """
            Bonjour \(juror.displayName),

            Nous vous invitons à participer au jury du concours d’affiches de la Semaine de la persévérance scolaire.
            Ouvrez ce lien personnel pour choisir votre mot de passe (il ne sert qu’une fois et expire le \(expires)) :
            \(link)

            Merci de votre participation.
            """
        let mailto = "mailto:\(juror.email)?subject=\(Self.encode("Invitation au jury du concours d’affiches"))&body=\(Self.encode(body))"
        try services.audit(context, "invitation", "Lien d’invitation émis pour \(juror.displayName) <\(juror.email)>, valable jusqu’au \(expires)")
        return try await listPage(
            request: request, context: context,
            invitation: JurorsPage.Invitation(name: juror.displayName, email: juror.email, link: link, expires: Markup(expires), mailto: mailto))
    }

    @Sendable func toggleAccess(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        guard let id = juror.id else { throw WebError.notFound }
        try services.database.setUserDisabled(userID: id, disabled: !juror.disabled)
        try services.audit(context, "accès juré", "\(juror.displayName) <\(juror.email)> \(juror.disabled ? "réactivé" : "désactivé")")
        return .seeOther("/organisation/jury", flash: juror.disabled ? "\(juror.displayName) peut de nouveau se connecter." : "\(juror.displayName) ne peut plus se connecter.")
    }

    @Sendable func addConflict(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let juror = try requireJuror(context)
        let form = try await request.form(context)
        let (uais, error) = try parseUAIs(form.text("uai"))
        guard error == nil, let id = juror.id, !uais.isEmpty else {
            return .seeOther("/organisation/jury", flash: error ?? "Indiquez le code UAI de l’établissement.")
        }
        for uai in uais { try services.database.addConflict(userID: id, uai: uai, declaredBy: "organiser", now: services.now()) }
        try services.audit(context, "conflit", "Conflit ajouté pour \(juror.displayName) : \(uais.map(\.code).joined(separator: ", "))")
        return .seeOther(
            "/organisation/jury",
            flash: "Conflit enregistré pour \(juror.displayName) : ses notes déjà données pour cet établissement sont écartées du classement.")
    }

    @Sendable func removeConflict(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let juror = try requireJuror(context)
        let form = try await request.form(context)
        guard let id = juror.id, let uai = try? UAI(form.text("uai")) else { throw WebError.badRequest("Code UAI invalide.") }
        try services.database.removeConflict(userID: id, uai: uai)
        try services.audit(context, "conflit", "Conflit retiré pour \(juror.displayName) : \(uai)")
        return .seeOther("/organisation/jury", flash: "Conflit retiré pour \(juror.displayName).")
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let parameters = request.uri.queryParameters
        let board = try await JuryDashboard.load(
            edition: edition, database: services.database, method: ScoreReading.method { parameters.get($0) },
            round: RoundTabs.requested(parameters.get("tour")), intervals: services.pageIntervals)
        let model = JuryDashboardPage(board, request: request, now: services.now())
        return services.renderer.page("admin/jury-dashboard", title: "Suivi du jury — \(edition.year)", model: model, request: request, context: context)
    }

    @Sendable func redact(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id", as: Int64.self)
        guard let entry = try services.database.entry(id: id), let edition = try services.database.edition(id: entry.editionId) else {
            throw WebError.notFound
        }
        let back = "/organisation/depots/\(id)"
        guard [.draft, .open, .closed].contains(edition.state) else {
            return .seeOther(back, flash: "Le texte lu par le jury ne peut plus changer une fois l’évaluation commencée.")
        }
        let form = try await request.form(context)
        let text = form.text("texte")
        let value: String? = text.isEmpty || text == entry.details.statement ? nil : String(text.prefix(EntryValidation.statementMax))
        try services.database.setJuryStatement(entryId: id, value, now: services.now())
        try services.audit(
            context, "texte du jury", "Dépôt \(entry.reference) : \(value == nil ? "note d’intention d’origine" : "version expurgée")", editionId: entry.editionId)
        return .seeOther(back, flash: value == nil ? "Le jury lira la note d’intention d’origine." : "Le jury lira la version expurgée.")
    }

    func requireJuror(_ context: AppRequestContext) throws -> User {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let user = try services.database.user(id: id), user.role == .juror else { throw WebError.notFound }
        return user
    }

    /// Known UAIs from a list typed with commas, spaces or new lines; the first problem in French.
    func parseUAIs(_ text: String) throws -> ([UAI], String?) {
        var result: [UAI] = []
        for part in text.split(whereSeparator: { ", ;\n\t".contains($0) }) {
            do {
                let uai = try UAI(String(part))
                guard try services.database.establishment(uai: uai) != nil else {
                    return (result, "Le code UAI \(uai) ne figure pas dans la liste des établissements.")
                }
                result.append(uai)
            } catch let error as UAIError {
                return (result, error.message)
            }
        }
        return (result, nil)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
