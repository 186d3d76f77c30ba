import Core
import Foundation
import Hummingbird
import Storage

/// The organisers' « Données personnelles » page: retention and purge, and a person's requests (export, erasure).
struct PersonalDataController {
    let services: Services

    static let path = "/organisation/donnees"
    static let ownAccount = "Vous ne pouvez pas effacer votre propre compte\u{00A0}: demandez-le à un autre organisateur."
    static let badEmail = "Saisissez une adresse e-mail valide, par exemple prenom.nom@ac-creteil.fr."

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("donnees", use: self.show)
        group.post("donnees/purge", use: self.purge)
        group.post("donnees/recherche", use: self.lookup)
        group.post("donnees/export", use: self.export)
        group.post("donnees/effacement", use: self.erase)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try page(request: request, context: context)
    }

    /// Purges one edition, only what is due, once the organiser ticked the confirmation.
    @Sendable func purge(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        guard let year = Int(form.text("annee")), let edition = try services.database.edition(year: year), let id = edition.id else {
            throw WebError.badRequest("Édition inconnue.")
        }
        guard form.text("confirmer") == "oui" else {
            return try page(
                request: request, context: context, purgeError: (year, "Cochez la case pour confirmer la purge de l’édition \(year)."),
                status: .unprocessableContent)
        }
        let outcome = try services.database.purgeDue(
            editionId: id, policy: services.config.retention, actor: context.user?.email ?? "?", now: services.now(), files: services.files)
        guard let outcome else { return .seeOther(Self.path, flash: "Rien n’est à purger pour l’édition \(year).") }
        context.logger.notice("retention purge of edition \(year) by \(context.user?.email ?? "?")")
        return .seeOther(Self.path, flash: RetentionText.done(outcome))
    }

    /// Shows what is held for an address (sent by POST, so the address stays out of addresses and logs).
    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        guard let email = User.normaliseEmail(form.text("email")) else {
            return try page(request: request, context: context, email: form.text("email"), errors: ["email": Self.badEmail], status: .unprocessableContent)
        }
        return try page(request: request, context: context, email: email, lookup: try services.database.personalData(email: email))
    }

    /// The person's data as a JSON download.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        guard let email = User.normaliseEmail(form.text("email")) else {
            return try page(request: request, context: context, email: form.text("email"), errors: ["email": Self.badEmail], status: .unprocessableContent)
        }
        let holdings = try services.database.personalData(email: email)
        guard !holdings.isEmpty else {
            return try page(request: request, context: context, email: email, lookup: holdings)
        }
        let data = try PersonalDataExport(holdings, exportedAt: services.now()).json()
        try services.audit(
            context, "export sur demande",
            "Export pour \(Retention.masked(email: email))\u{00A0}: " + Self.holdingsSummary(holdings))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"donnees-personnelles.json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Erases what is held for an address, after confirmation; refusals are shown with the lookup.
    @Sendable func erase(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        guard let email = User.normaliseEmail(form.text("email")) else {
            return try page(request: request, context: context, email: form.text("email"), errors: ["email": Self.badEmail], status: .unprocessableContent)
        }
        let holdings = try services.database.personalData(email: email)
        guard form.text("confirmer") == "oui" else {
            return try page(
                request: request, context: context, email: email, lookup: holdings,
                errors: ["confirmation": "Cochez la case pour confirmer l’effacement."], status: .unprocessableContent)
        }
        guard let user = context.user else { throw WebError.unauthenticated }
        let outcome: ErasureOutcome
        do {
            outcome = try services.database.erasePersonalData(email: email, requestedBy: user, now: services.now())
        } catch {
            return try page(
                request: request, context: context, email: email, lookup: holdings, errors: ["confirmation": error.message], status: .conflict)
        }
        var parts: [String] = []
        if outcome.entriesErased > 0 || outcome.accountRole == nil {
            parts.append(FrenchTypography.count(outcome.entriesErased, "dépôt dont le nom et l’e-mail de l’encadrant sont effacés", "dépôts dont le nom et l’e-mail de l’encadrant sont effacés"))
        }
        if let role = outcome.accountRole { parts.append(role == .juror ? "compte de juré anonymisé (ses notes restent pour les résultats)" : "compte d’organisateur anonymisé") }
        context.logger.notice("personal data erased on request by \(user.email)")
        return .seeOther(Self.path, flash: "Effacement fait\u{00A0}: " + parts.joined(separator: "\u{00A0}; ") + ".")
    }

    func page(
        request: Request, context: AppRequestContext, email: String = "", lookup: PersonalDataHoldings? = nil, errors: [String: String] = [:],
        purgeError: (year: Int, message: String)? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let now = services.now()
        let policy = services.config.retention
        let items = try services.database.retentionOverview(policy: policy, now: now)
        let rows = items.map { PersonalDataPage.EditionRow($0, now: now, confirmError: $0.edition.year == purgeError?.year ? purgeError?.message : nil) }
        var problems = ["email", "confirmation"].compactMap { field in errors[field].map { PersonalDataPage.Problem(field: field == "email" ? "email" : "confirmer-effacement", message: $0) } }
        if let purgeError { problems.append(.init(field: "confirmer-\(purgeError.year)", message: purgeError.message)) }
        let model = PersonalDataPage(
            policy: "Noms et e-mails des encadrants de tous les dépôts\u{00A0}: effacés \(Self.delay(policy.personalDataMonths))\u{00A0}; "
                + "fichiers originaux des dépôts non primés\u{00A0}: supprimés \(Self.delay(policy.nonAwardedOriginalsMonths)).",
            editions: rows, hasEditions: !rows.isEmpty, email: email,
            errors: .init(email: errors["email"], confirmation: errors["confirmation"]), hasErrors: !problems.isEmpty, errorList: problems,
            errorHeading: purgeError != nil ? "La purge n’a pas été faite." : "La demande n’a pas été traitée.",
            lookup: lookup.map { PersonalDataPage.Lookup($0, viewer: context.user) })
        let title = problems.isEmpty ? "Données personnelles" : "Erreur — Données personnelles"
        return services.renderer.page("admin/personal-data", title: title, model: model, request: request, context: context, status: status)
    }

    /// « 2 dépôts et un compte de juré », « un compte d’organisateur » (no « 0 dépôt » beside an account).
    static func holdingsSummary(_ holdings: PersonalDataHoldings) -> String {
        var parts: [String] = []
        if !holdings.entries.isEmpty || holdings.account == nil { parts.append(FrenchTypography.count(holdings.entries.count, "dépôt", "dépôts")) }
        if let account = holdings.account { parts.append("un compte \(account.role == .juror ? "de juré" : "d’organisateur")") }
        return parts.joined(separator: " et ")
    }

    /// « 12 mois après la publication des résultats », « dès la publication des résultats ».
    static func delay(_ months: Int) -> String {
        months == 0 ? "dès la publication des résultats" : "\(FrenchTypography.count(months, "mois", "mois")) après la publication des résultats"
    }
}
