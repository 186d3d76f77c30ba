import Core
import Foundation
import Hummingbird
import Storage

/// The organisers' deliberation: ranking with identities, tie decisions, prizes; then exports.
struct DeliberationController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("editions/:year/deliberation", use: self.show)
        group.post("editions/:year/prix", use: self.award)
        group.post("editions/:year/prix/retrait", use: self.removeAward)
        group.post("editions/:year/departage", use: self.tieOrder)
        group.get("editions/:year/export.csv", use: self.csv)
        group.get("editions/:year/classement", use: self.classement)
        group.get("editions/:year/classement.json", use: self.classementJSON)
        group.get("editions/:year/classement.csv", use: self.classementCSV)
        group.get("editions/:year/laureats.zip", use: self.zip)
        group.get("journal", use: self.journal)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let parameters = request.uri.queryParameters
        let board = try await DeliberationBoard.load(
            edition: edition, database: services.database, method: ScoreReading.method { parameters.get($0) }, intervals: services.pageIntervals)
        let model = DeliberationPage(board, query: { request.uri.queryParameters.get($0) }, now: services.now())
        return services.renderer.page(
            "admin/deliberation", title: "Délibération — \(edition.year)", model: model, request: request, context: context)
    }

    @Sendable func award(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let form = try await request.form(context)
        let method = ScoreReading.method { form[$0] }
        let back = Self.back(edition: edition, form: form)
        guard let entryID = Int64(form.text("depot")), let entry = try services.database.entry(id: entryID), let editionID = edition.id else {
            throw WebError.badRequest("Affiche inconnue.")
        }
        let prizeCode = form.text("prix")
        let reason = form.text("motif")
        func refusal(_ message: String) -> DeliberationPage.Refusal {
            .init(entryID: entryID, field: .prize, message: message, prizeCode: prizeCode, reason: reason, order: "")
        }
        guard !prizeCode.isEmpty else {
            return try await refused(edition, form: form, refusal: refusal("Choisissez le prix à attribuer à \(entry.anonymousCode)."), request: request, context: context)
        }
        let board = try await DeliberationBoard.load(edition: edition, database: services.database, method: method, intervals: .never)
        do {
            try PrizeRules.check(
                prizeCode: prizeCode, entry: entry, rank: board.rank(of: entryID), reason: reason, edition: edition, existing: board.awards)
        } catch {
            return try await refused(edition, form: form, refusal: refusal(error.message), request: request, context: context)
        }
        let prize = edition.prizes.first { $0.code == prizeCode }
        let actor = context.user?.email ?? "?"
        let award = Award(
            editionId: editionID, prizeCode: prizeCode, categoryCode: prize?.perCategory == true ? entry.categoryCode : nil, entryId: entryID,
            reason: reason.isEmpty ? nil : String(reason.prefix(500)), assignedBy: actor, assignedAt: services.now())
        let label = prize?.label ?? prizeCode
        do {
            try services.database.assignAward(
                award, audit: "\(label) → \(entry.anonymousCode) (\(entry.reference))" + (award.reason.map { ", motif : \($0)" } ?? ""))
        } catch {
            return try await refused(edition, form: form, refusal: refusal(error.message), request: request, context: context)
        }
        return .seeOther(back, flash: "« \(label) » attribué à \(entry.anonymousCode).")
    }

    @Sendable func removeAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (edition, entry, _, back) = try await deliberationTarget(&request, context: context)
        guard let editionID = edition.id, let entryID = entry.id else { throw WebError.notFound }
        try services.database.removeAward(
            editionId: editionID, entryId: entryID, actor: context.user?.email ?? "?", audit: "Prix retiré à \(entry.anonymousCode) (\(entry.reference))",
            now: services.now())
        return .seeOther(back, flash: "Prix retiré à \(entry.anonymousCode).")
    }

    @Sendable func tieOrder(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (edition, entry, form, back) = try await deliberationTarget(&request, context: context)
        guard let editionID = edition.id, let entryID = entry.id else { throw WebError.notFound }
        let text = form.text("ordre")
        let position = Int(text)
        guard text.isEmpty || (position.map { (1...999).contains($0) } ?? false) else {
            let refusal = DeliberationPage.Refusal(
                entryID: entryID, field: .order, message: "L’ordre de départage doit être un nombre entier de 1 à 999.", prizeCode: "", reason: "",
                order: text)
            return try await refused(edition, form: form, refusal: refusal, request: request, context: context)
        }
        try services.database.setManualOrder(
            entryId: entryID, position: position, actor: context.user?.email ?? "?",
            audit: "Départage de \(entry.anonymousCode) : \(position.map { "position \($0)" } ?? "retiré")", editionId: editionID, now: services.now())
        return .seeOther(back, flash: "Départage enregistré pour \(entry.anonymousCode).")
    }

    /// The deliberation page shown again (422) with a refused form's values and reason, on the page it was sent from.
    func refused(
        _ edition: Edition, form: FormData, refusal: DeliberationPage.Refusal, request: Request, context: AppRequestContext
    ) async throws -> Response {
        let board = try await DeliberationBoard.load(
            edition: edition, database: services.database, method: ScoreReading.method { form[$0] }, intervals: services.pageIntervals)
        let model = DeliberationPage(board, query: { form[$0] }, now: services.now(), refusal: refusal)
        return services.renderer.page(
            "admin/deliberation", title: ErrorSummary.title("Délibération — \(edition.year)", hasErrors: true), model: model, request: request,
            context: context, status: .unprocessableContent)
    }

    /// The deliberation page the form was sent from: its reading and its page (numbers only), never another path.
    static func back(edition: Edition, form: FormData) -> String {
        var items: [String] = []
        let code = ScoreReading.code(ScoreReading.method { form[$0] })
        if !code.isEmpty { items.append("\(ScoreReading.parameter)=\(code)") }
        if let size = Int(form.text("par").prefix(4)), size != Paging.defaultSize, Paging.sizes.contains(size) { items.append("par=\(size)") }
        if let page = Int(form.text("page").prefix(9)), page > 1 { items.append("page=\(page)") }
        return "/organisation/editions/\(edition.year)/deliberation" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }

    /// The edition (in deliberation), the entry named by the form's `depot` field, the form, and the page to go back to.
    func deliberationTarget(_ request: inout Request, context: AppRequestContext) async throws -> (Edition, Entry, FormData, String) {
        let edition = try services.requireEdition(context)
        let form = try await request.form(context)
        let back = Self.back(edition: edition, form: form)
        guard edition.state == .deliberation else { throw WebError.conflict(PrizeError.notDeliberating.message) }
        guard let entryID = Int64(form.text("depot")), let entry = try services.database.entry(id: entryID), entry.editionId == edition.id else {
            throw WebError.badRequest("Affiche inconnue.")
        }
        return (edition, entry, form, back)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let data = try await ResultsExport.csv(edition: edition, database: services.database)
        return Self.download(data, type: "text/csv; charset=utf-8", attachment: "concours-\(edition.year)-affiches.csv")
    }

    @Sendable func classement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let classement = try await Classement.load(
            edition: edition, database: services.database, round: RoundTabs.requested(request.uri.queryParameters.get("tour")),
            intervals: services.pageIntervals)
        return services.renderer.page(
            "admin/classement", title: "Classement et incertitude — \(edition.year)", model: ClassementPage(classement, request: request, now: services.now()),
            request: request, context: context)
    }

    @Sendable func classementJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let data = try await Classement.load(
            edition: edition, database: services.database, round: RoundTabs.requested(request.uri.queryParameters.get("tour")),
            intervals: services.exportIntervals
        ).jsonData()
        return Self.download(data, type: "application/json; charset=utf-8", attachment: nil)
    }

    @Sendable func classementCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let data = try await Classement.load(
            edition: edition, database: services.database, round: RoundTabs.requested(request.uri.queryParameters.get("tour")),
            intervals: services.exportIntervals
        ).csvData()
        return Self.download(data, type: "text/csv; charset=utf-8", attachment: "concours-\(edition.year)-classement.csv")
    }

    /// An organisers' export: never cached, saved under `attachment` when given.
    static func download(_ data: Data, type: String, attachment: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        if let attachment { headers[.contentDisposition] = "attachment; filename=\"\(attachment)\"" }
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func zip(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let files = try ResultsExport.winnerFiles(edition: edition, database: services.database, store: services.files)
        let back = "/organisation/editions/\(edition.year)/deliberation"
        guard !files.isEmpty else {
            return .seeOther(back, flash: "Aucun prix n’est encore attribué : rien à exporter.")
        }
        // Refused before the first byte: once streaming has started, the only way to fail is a truncated download.
        let limits = services.zipLimits
        let planned = files.map { (name: $0.name, byteCount: $0.byteCount) }
        guard limits.admit(planned) else {
            let size = ZipStreamWriter.archiveSize(planned)
            context.logger.warning(
                "winners' ZIP for \(edition.year) refused: \(files.count) files, \(size) bytes; limits \(limits.maxEntries) files, \(limits.maxBytes) bytes")
            return .seeOther(
                back,
                flash: "L’archive des lauréats dépasserait la taille maximale d’un fichier ZIP (4 Go) :"
                    + " téléchargez les originaux un par un depuis la page de chaque affiche.")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"concours-\(edition.year)-laureats.zip\""
        headers[.cacheControl] = "no-store"
        let logger = context.logger
        let body = ResponseBody { writer in
            var zip = ZipStreamWriter(limits: limits)
            do {
                for file in files {
                    // Read and checksummed on a Dispatch thread (an original can weigh tens of MB): not on the event
                    // loop that serves this connection and others.
                    let (bytes, next) = try await offloaded { [zip] in
                        var zip = zip
                        let bytes = try zip.entry(name: file.name, contentsOf: file.url)
                        return (bytes, zip)
                    }
                    zip = next
                    try await writer.write(ByteBuffer(bytes: bytes))
                }
            } catch {
                // An unreadable original, or one grown since it was counted: the client only sees a truncated download.
                logger.error("winners' ZIP for \(edition.year) stopped mid-stream: \(error)")
                throw error
            }
            try await writer.write(ByteBuffer(bytes: zip.finish()))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    @Sendable func journal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let events = try services.database.auditEvents().map {
            JournalPage.Event(at: Markup(ParisTime.dateTime($0.at)), actor: $0.actor, action: $0.action, details: Markup(FrenchTypography.typed($0.details)))
        }
        return services.renderer.page(
            "admin/journal", title: "Journal des actions", model: JournalPage(events: events, hasEvents: !events.isEmpty), request: request,
            context: context)
    }
}

/// `admin/journal`: the latest organisers' actions, most recent first.
struct JournalPage: PageModel {
    struct Event: Encodable, Sendable {
        let at: Markup
        let actor: String
        let action: String
        /// Stored text, shown with its ordinals raised (« 1<sup>er</sup> prix → … »).
        let details: Markup
    }

    let events: [Event]
    let hasEvents: Bool
}
