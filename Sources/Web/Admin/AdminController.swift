import Core
import Foundation
import Hummingbird
import Logging
import Storage

/// The organisers' console: editions and their lifecycle, establishments.
struct AdminController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("", use: self.home)
        group.get("editions/:year", use: self.edition)
        group.post("editions/:year/etat", use: self.move)
        group.post("editions/:year/parametres", use: self.saveSettings)
        group.get("etablissements", use: self.establishments)
        group.post("etablissements/import", use: self.importEstablishments)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let editions = try services.database.editions().map(AdminHomePage.EditionRow.init)
        let model = AdminHomePage(editions: editions, hasEditions: !editions.isEmpty, establishmentCount: FrenchTypography.count(try services.database.establishmentCount(), "établissement importé", "établissements importés"))
        return services.renderer.page("admin/home", title: "Espace organisation", model: model, request: request, context: context)
    }

    @Sendable func edition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        return services.renderer.page(
            "admin/edition", title: "\(edition.title) (\(edition.year))", model: AdminEditionPage(edition, now: services.now(), everPublished: try services.everPublished(edition)), request: request,
            context: context)
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let form = try await request.form(context)
        guard let target = EditionState(rawValue: form.text("cible")), let id = edition.id else {
            throw WebError.badRequest("Étape demandée inconnue.")
        }
        let back = "/organisation/editions/\(edition.year)"
        // On publication every participant gets the results, queued in the transaction that publishes (once per entry).
        let mail = target == .published ? try services.resultsMail(edition: edition, palmares: context.absoluteURL(path: "/palmares/\(edition.year)")) : []
        do {
            let moved = try services.database.moveEdition(id: id, to: target, actor: context.user?.email ?? "?", now: services.now(), mail: mail)
            return .seeOther(back, flash: "L’édition est passée à l’étape « \(moved.state.label) ».")
        } catch {
            return .seeOther(back, flash: error.message)
        }
    }

    @Sendable func establishments(_ request: Request, context: AppRequestContext) async throws -> Response {
        try establishmentsPage(request: request, context: context)
    }

    func establishmentsPage(
        request: Request, context: AppRequestContext, report: ImportReport? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= AppDatabase.maxSearchLength else {
            throw WebError.badRequest("La recherche est trop longue (\(AppDatabase.maxSearchLength) caractères au plus).")
        }
        let found = try services.database.searchEstablishments(query, limit: 100)
        let model = EstablishmentsPage(
            query: query, searched: !query.isEmpty,
            countText: FrenchTypography.count(try services.database.establishmentCount(), "établissement enregistré", "établissements enregistrés"),
            results: found.map(EstablishmentsPage.Row.init), report: report.map(EstablishmentsPage.Report.init), importError: error,
            errorSummary: ErrorSummary(heading: "L’annuaire n’a pas été importé.", errors: error.map { ["annuaire": $0] } ?? [:], fields: [("annuaire", "annuaire")]))
        return services.renderer.page(
            "admin/establishments", title: ErrorSummary.title("Établissements", hasErrors: error != nil), model: model, request: request, context: context,
            status: status)
    }

    /// Imports the national directory's CSV export sent from the browser; the report lists every rejected line.
    @Sendable func importEstablishments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let receiver = UploadReceiver(
            fileField: "annuaire", maxFileBytes: Self.maxDirectoryBytes, expectedCSRF: context.csrfToken, store: services.files)
        let received = try await receiver.receive(request)
        guard let file = received.file else {
            return try establishmentsPage(request: request, context: context, error: "Choisissez le fichier CSV à importer.", status: .unprocessableContent)
        }
        defer { try? FileManager.default.removeItem(at: file.temporaryURL) }
        // The national export (tens of MB, tens of thousands of rows) is parsed and imported on a Dispatch thread: seconds
        // of work that must not hold up the event loop serving this connection and others.
        let parsed: EstablishmentDirectory.Parsed
        let url = file.temporaryURL
        do {
            parsed = try await offloaded { try EstablishmentDirectory.parse(try Data(contentsOf: url)) }
        } catch let error as DirectoryError {
            return try establishmentsPage(request: request, context: context, error: error.message, status: .unprocessableContent)
        }
        let (database, now) = (services.database, services.now())
        let report = try await offloaded { try database.importEstablishments(parsed, now: now) }
        try services.audit(
            context, "établissements",
            "Import de « \(PosterIntake.cleanFileName(file.originalName)) » : \(EstablishmentsPage.Report.summary(report))")
        return try establishmentsPage(request: request, context: context, report: report)
    }

    /// The full national export is about 40 MB.
    static let maxDirectoryBytes = 100_000_000
}

extension Services {
    /// Whether the edition's results were ever published (judging cannot reopen then).
    func everPublished(_ edition: Edition) throws -> Bool {
        guard let id = edition.id else { return false }
        return try database.retentionRecord(editionId: id).publishedAt != nil
    }
}
