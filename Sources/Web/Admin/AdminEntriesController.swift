import Core
import Foundation
import Hummingbird
import Logging
import Storage

/// Organisers check entries: lists with filters and counts, entry pages with the original file, eligibility decisions.
struct AdminEntriesController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("editions/:year/depots", use: self.list)
        group.get("depots/:id", use: self.show)
        group.get("depots/:id/vignette", use: self.thumbnail)
        group.get("depots/:id/apercu", use: self.preview)
        group.get("depots/:id/original", use: self.original)
        group.post("depots/:id/recevabilite", use: self.setEligibility)
        group.post("depots/:id/annulation", use: self.cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        guard let editionID = edition.id else { throw WebError.notFound }
        let query = request.uri.queryParameters
        let filter = EntryFilter(
            categoryCode: query.get("categorie").flatMap { $0.isEmpty ? nil : $0 },
            departement: query.get("departement").flatMap { $0.isEmpty ? nil : $0 },
            status: query.get("statut").flatMap { EntryStatus(rawValue: $0) },
            eligibility: query.get("recevabilite").flatMap { $0.isEmpty ? nil : $0 })
        // One read: the counts and the département choices cover the whole edition, the table the filtered part.
        let all = try services.database.entries(editionId: editionID)
        let listings = all.filter(filter.matches)
        let counts = EntryCounts(all)
        let departements = Set(all.map(\.establishment.departement)).sorted()
        let values: [String: Any] = [
            "edition": EditionView(edition, now: services.now()).values,
            "entries": listings.map { listing -> [String: Any] in
                var values = EntryView.values(listing.entry, establishment: listing.establishment, edition: edition)
                values["createdAtShort"] = ParisTime.short(listing.entry.createdAt)
                return values
            },
            "hasEntries": !listings.isEmpty,
            "shown": listings.count,
            "counts": [
                "total": counts.total, "withdrawn": counts.withdrawn, "cancelled": counts.cancelled,
                "byCategory": edition.categories.map { ["label": $0.label, "count": counts.byCategory[$0.code, default: 0]] },
                "byDepartement": counts.byDepartement.sorted { $0.key < $1.key }.map { ["departement": $0.key, "count": $0.value] },
            ],
            "filters": [
                "categories": edition.categories.map { ["code": $0.code, "label": $0.label, "selected": $0.code == filter.categoryCode] },
                "departements": departements.map { ["code": $0, "selected": $0 == filter.departement] },
                "statuses": [
                    ["code": "active", "label": "En lice", "selected": filter.status == .active],
                    ["code": "withdrawn", "label": "Retirées", "selected": filter.status == .withdrawn],
                    ["code": "cancelled", "label": "Annulées", "selected": filter.status == .cancelled],
                ],
                "eligibilities": [
                    ["code": "pending", "label": "À vérifier", "selected": filter.eligibility == "pending"],
                    ["code": "eligible", "label": "Recevables", "selected": filter.eligibility == "eligible"],
                    ["code": "ineligible", "label": "Non recevables", "selected": filter.eligibility == "ineligible"],
                ],
            ],
        ]
        return services.renderer.page(
            "admin/entries", title: "Dépôts — \(edition.title) (\(edition.year))", values: values, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, edition) = try requireEntry(context)
        guard let establishment = try services.database.establishment(uai: entry.establishment) else { throw WebError.notFound }
        var values: [String: Any] = ["edition": EditionView(edition, now: services.now()).values]
        values["entry"] = EntryView.values(entry, establishment: establishment, edition: edition)
        values["ballots"] = try ballotValues(entry, edition: edition)
        values["hasBallots"] = !(values["ballots"] as? [Any] ?? []).isEmpty
        values["consentWording"] = [
            "imageRights": ConsentWording.imageRights, "authorsRights": ConsentWording.authorsRights, "publicGallery": ConsentWording.publicGallery,
        ]
        return services.renderer.page("admin/entry", title: "Dépôt \(entry.reference)", values: values, request: request, context: context)
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.previewPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    /// The untouched original, as a download that browsers never render or sniff.
    @Sendable func original(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        let ext = (entry.poster.originalPath as NSString).pathExtension
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.originalPath), contentType: "application/octet-stream",
            downloadName: "\(entry.reference).\(ext)", request: request, context: context)
    }

    @Sendable func setEligibility(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, id, form, back) = try await entryDecision(request, context: context)
        let decision: Eligibility
        switch form.text("decision") {
        case "eligible": decision = .eligible
        case "pending": decision = .pending
        case "ineligible":
            let reason = form.text("motif")
            guard !reason.isEmpty else { return .seeOther(back, flash: "Indiquez le motif de non-recevabilité.") }
            decision = .ineligible(reason: String(reason.prefix(500)))
        default:
            throw WebError.badRequest("Décision inconnue.")
        }
        try services.database.setEligibility(id: id, decision, now: services.now())
        try services.audit(
            context, "recevabilité", "Dépôt \(entry.reference) : \(decision.label)\(decision.reason.map { " (\($0))" } ?? "")", editionId: entry.editionId)
        return .seeOther(back, flash: "Dépôt \(entry.reference) : « \(decision.label) ».")
    }

    /// Cancels an entry (an entry filed for a school by someone else uses up its quota): audited, with the reason
    /// shown on the school's private page.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, id, form, back) = try await entryDecision(request, context: context)
        let reason = String(form.text("motif").prefix(500))
        guard !reason.isEmpty else { return .seeOther(back, flash: "Indiquez le motif de l’annulation.") }
        guard entry.status == .active else { return .seeOther(back, flash: "Ce dépôt n’est plus en lice : il ne peut pas être annulé.") }
        try services.database.cancelEntry(id: id, reason: reason, now: services.now())
        try services.audit(context, "annulation", "Dépôt \(entry.reference) annulé : \(reason)", editionId: entry.editionId)
        return .seeOther(back, flash: "Dépôt \(entry.reference) annulé.")
    }

    /// The jurors' scores and comments on the entry, for organisers; scores under a conflict are shown as set aside.
    func ballotValues(_ entry: Entry, edition: Edition) throws -> [[String: Any]] {
        guard let id = entry.id else { return [] }
        let conflicts = Set(try services.database.allConflicts().filter { $0.uai == entry.establishment.code }.map(\.jurorId))
        return try services.database.ballots(entryId: id).map { ballot in
            let juror = try services.database.user(id: ballot.jurorId)
            return [
                "juror": juror?.displayName ?? "?",
                "scores": edition.criteria.map { "\($0.label) : \(ballot.scores[$0.code].map(String.init) ?? "—")" }.joined(separator: " · "),
                "weighted": JuryDashboard.format(ballot.weightedScore(criteria: edition.criteria)),
                "comment": ballot.comment,
                "status": conflicts.contains(ballot.jurorId) ? "écartée (conflit)" : (ballot.submitted ? "validée" : "brouillon"),
                "at": ParisTime.short(ballot.updatedAt),
            ]
        }
    }

    /// An organiser's decision form on an entry: the entry, its id, the form and the page to go back to.
    func entryDecision(_ request: Request, context: AppRequestContext) async throws -> (Entry, Int64, FormData, String) {
        var request = request
        let (entry, _) = try requireEntry(context)
        guard let id = entry.id else { throw WebError.notFound }
        return (entry, id, try await request.form(context), "/organisation/depots/\(id)")
    }

    func requireEntry(_ context: AppRequestContext) throws -> (Entry, Edition) {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let entry = try services.database.entry(id: id), let edition = try services.database.edition(id: entry.editionId) else {
            throw WebError.notFound
        }
        return (entry, edition)
    }
}
