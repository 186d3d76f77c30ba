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
        let parameters = request.uri.queryParameters
        let query = AdminEntriesQuery({ parameters.get($0) }, edition: edition)
        let list = try await services.database.entryList(editionId: editionID, filter: query.filter) { Paging(request: request, total: $0) }
        let filter = query.filter
        let counts = list.counts
        var model = AdminEntriesPage(
            edition: EditionView(edition, now: services.now()),
            counts: AdminEntriesPage.Counts(
                total: counts.total, withdrawn: counts.withdrawn, cancelled: counts.cancelled,
                byCategory: edition.categories.map { .init(label: $0.label, count: counts.byCategory[$0.code, default: 0]) },
                byDepartement: counts.byDepartement.sorted { $0.key < $1.key }.map { .init(departement: $0.key, count: $0.value) }),
            filters: AdminEntriesPage.Filters(
                categories: edition.categories.map { .init(code: $0.code, label: $0.label, selected: $0.code == filter.categoryCode) },
                departements: list.departements.map { .init(code: $0, label: $0, selected: $0 == filter.departement) },
                statuses: AdminEntriesQuery.statuses.map { .init(code: $0.0.rawValue, label: $0.1, selected: $0.0 == filter.status) },
                eligibilities: AdminEntriesQuery.eligibilities.map { .init(code: $0.0, label: $0.1, selected: $0.0 == filter.eligibility) }),
            query: query.search,
            pageSize: list.paging.size == Paging.defaultSize ? nil : String(list.paging.size),
            entries: list.listings.map { AdminEntriesPage.Row($0, edition: edition) },
            hasEntries: !list.listings.isEmpty,
            pagination: PaginationView(
                list.paging, path: "/organisation/editions/\(edition.year)/depots", parameters: query.parameters, noun: ("dépôt", "dépôts")))
        model.canRemindTeachers = edition.state == .open && edition.submissionDeadline > services.now()
        return services.renderer.page(
            "admin/entries", title: "Dépôts — \(edition.title) (\(edition.year))", model: model, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, edition) = try requireEntry(context)
        guard let establishment = try services.database.establishment(uai: entry.establishment) else { throw WebError.notFound }
        let ballots = try ballotRows(entry, edition: edition)
        let model = AdminEntryPage(
            edition: EditionView(edition, now: services.now()), entry: AdminEntryPage.Details(entry, establishment: establishment, edition: edition),
            ballots: ballots, hasBallots: !ballots.isEmpty)
        return services.renderer.page("admin/entry", title: "Dépôt \(entry.reference)", model: model, request: request, context: context)
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.previewPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    /// The untouched original, as a download that browsers never render or sniff.
    @Sendable func original(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        if let deleted = entry.originalDeletedAt {
            throw WebError.gone("Le fichier original de ce dépôt a été \(Retention.deletedLabel(deleted)) (durée de conservation écoulée).")
        }
        let ext = (entry.poster.originalPath as NSString).pathExtension
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.originalPath), contentType: entry.poster.originalContentType,
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
            decision = .ineligible(reason: FrenchTypography.typed(String(reason.prefix(500))))
        default:
            throw WebError.badRequest("Décision inconnue.")
        }
        var mail: [MailMessage] = []
        if case .ineligible(let reason) = decision, entry.status == .active, let edition = try services.database.edition(id: entry.editionId),
            let facts = services.entryFacts(entry, edition: edition)
        {
            mail = [MailTexts.ineligible(facts, reason: reason, lostLinkPage: context.absoluteURL(path: LostLinkController.path), now: services.now())]
        }
        try services.database.setEligibility(id: id, decision, now: services.now(), mail: mail)
        try services.audit(
            context, "recevabilité", "Dépôt \(entry.reference) : \(decision.label)\(decision.reason.map { " (\($0))" } ?? "")", editionId: entry.editionId)
        return .seeOther(back, flash: "Dépôt \(entry.reference) : « \(decision.label) ».")
    }

    /// Cancels an entry (an entry filed for a school by someone else uses up its quota): audited, with the reason
    /// shown on the school's private page.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, id, form, back) = try await entryDecision(request, context: context)
        // Typed text gets French typography when it is stored (« Doublon : … » with a no-break space).
        let reason = FrenchTypography.typed(String(form.text("motif").prefix(500)))
        guard !reason.isEmpty else { return .seeOther(back, flash: "Indiquez le motif de l’annulation.") }
        guard entry.status == .active else { return .seeOther(back, flash: "Ce dépôt n’est plus en lice : il ne peut pas être annulé.") }
        let edition = try services.database.edition(id: entry.editionId)
        let mail = edition.map { services.changeMail(entry, edition: $0, change: .cancelled(reason: reason), privateLink: nil) } ?? []
        try services.database.cancelEntry(id: id, reason: reason, now: services.now(), mail: mail)
        try services.audit(context, "annulation", "Dépôt \(entry.reference) annulé : \(reason)", editionId: entry.editionId)
        return .seeOther(back, flash: "Dépôt \(entry.reference) annulé.")
    }

    /// The jurors' scores and comments on the entry, for organisers; scores under a conflict are shown as set aside.
    func ballotRows(_ entry: Entry, edition: Edition) throws -> [AdminEntryPage.Ballot] {
        guard let id = entry.id else { return [] }
        let conflicts = Set(try services.database.allConflicts().filter { $0.uai == entry.establishment.code }.map(\.jurorId))
        return try services.database.ballots(entryId: id).map { ballot in
            let juror = try services.database.user(id: ballot.jurorId)
            return AdminEntryPage.Ballot(
                juror: juror?.displayName ?? "?",
                scores: edition.criteria.map { "\($0.label) : \(ballot.scores[$0.code].map(String.init) ?? "—")" }.joined(separator: " · "),
                weighted: JuryDashboard.format(ballot.weightedScore(criteria: edition.criteria)),
                comment: ballot.comment,
                status: conflicts.contains(ballot.jurorId) ? "écartée (conflit)" : (ballot.submitted ? "validée" : "brouillon"),
                at: Markup(ParisTime.dateTime(ballot.updatedAt)))
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
