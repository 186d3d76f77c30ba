import Core
import Foundation
import Hummingbird
import Storage

/// The jurors' pages: the anonymous list of posters to score, and the scoring form.
///
/// Nothing here may reveal who made a poster: pages, image URLs and responses carry only the anonymous code,
/// the metadata-free preview, the title, the (possibly redacted) statement and the category.
struct JuryController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("", use: self.list)
        group.get("affiches/:code", use: self.scoreForm)
        group.post("affiches/:code", use: self.save)
        group.get("affiches/:code/image", use: self.preview)
        group.get("affiches/:code/vignette", use: self.thumbnail)
        addViewerRoutes(to: group)
    }

    /// The edition being judged (or just judged: read-only afterwards).
    func judgedEdition() throws -> Edition? {
        try services.database.editions().first { [.judging, .deliberation, .published].contains($0.state) }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        let juror = try requireJuror(context)
        guard let edition = try judgedEdition(), let editionID = edition.id else {
            return services.renderer.page("jury/waiting", title: "Espace jury", model: NoContent(), request: request, context: context)
        }
        let memo = services.pageKey(request, context: context, stamp: stamp, edition: edition)
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        let database = services.database
        try database.prepareJurorOrder(editionId: editionID, jurorId: juror)
        let round = try database.currentRound(editionId: editionID)
        let isOpen = Self.isOpen(edition, round: round)
        let progress = try await database.jurorProgress(editionId: editionID, jurorId: juror)
        let filter = JuryListPage.filter(request.uri.queryParameters.get("statut"))
        let count = filter == .all ? progress.total : try await database.jurorPosterCount(editionId: editionID, jurorId: juror, filter: filter)
        let paging = Paging(request: request, total: count)
        let posters = try await database.jurorPosters(editionId: editionID, jurorId: juror, filter: filter, limit: paging.size, offset: paging.offset)
        let kept: (JurorListFilter) -> [(String, String)] = { [("statut", JuryListPage.parameter($0))] }
        let filters = JurorListFilter.allCases.map { choice in
            // A filter's link starts again on its first page, keeping the page size.
            var items = kept(choice).filter { !$0.1.isEmpty }
            if paging.size != Paging.defaultSize { items.append(("par", String(paging.size))) }
            let href = items.isEmpty ? "/jury" : "/jury?" + items.map { "\($0.0)=\(PaginationView.escape($0.1))" }.joined(separator: "&")
            return JuryListPage.FilterLink(label: JuryListPage.label(choice, isOpen: isOpen), href: href, isCurrent: choice == filter)
        }
        // Every submitted ballot of the juror is read and summed up (thousands in a large académie): off the event loop.
        let criteria = edition.criteria
        let distribution = try await offloaded {
            JurorDistribution(ballots: try database.jurorSubmittedBallots(editionId: editionID, jurorId: juror), criteria: criteria)
        }
        let model = JuryListPage(
            edition: EditionView(edition, now: services.now()),
            isOpen: isOpen,
            closedText: Self.closedText(edition, round: round),
            round: JuryListPage.roundText(round),
            emptyText: round.perPoster == nil
                ? "Aucune affiche ne vous est attribuée pour le moment."
                : "Aucune affiche ne vous est encore attribuée\u{00A0}: les organisateurs répartissent les affiches entre les jurés.",
            entries: posters.map { JuryListPage.row($0, edition: edition, isOpen: isOpen) },
            hasEntries: progress.total > 0,
            filterIsEmpty: progress.total > 0 && count == 0,
            progress: "\(progress.submitted) / \(progress.total) notées",
            submitted: progress.submitted,
            total: progress.total,
            nextCode: progress.nextCode,
            filters: filters,
            pagination: progress.total > 0 ? PaginationView(paging, path: "/jury", parameters: kept(filter), noun: ("affiche", "affiches")) : nil,
            distribution: distribution)
        return services.renderer.page(
            "jury/list", title: "Espace jury — affiches à noter", model: model, request: request, context: context, memo: memo)
    }

    @Sendable func scoreForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        let juror = try requireJuror(context)
        // A page kept for this juror, address and state of the database was visible to them then, and still is.
        let memo = try judgedEdition().flatMap { services.pageKey(request, context: context, stamp: stamp, edition: $0) }
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        let (edition, placement) = try await requireEntry(context, juror: juror)
        let round = try services.database.currentRound(editionId: edition.id ?? 0)
        let ballot = try services.database.ballot(entryId: placement.entry.id ?? 0, jurorId: juror, round: round.number)
        let raw = (ballot?.scores ?? [:]).mapValues(String.init)
        return try await render(
            edition: edition, round: round, placement: placement, juror: juror, raw: raw, comment: ballot?.comment ?? "",
            submitted: ballot?.submitted ?? false, problems: [:], request: request, context: context, memo: memo)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let juror = try requireJuror(context)
        let (edition, placement) = try await requireEntry(context, juror: juror)
        let entry = placement.entry
        let round = try services.database.currentRound(editionId: edition.id ?? 0)
        guard Self.isOpen(edition, round: round) else { throw WebError.closed(Self.closedText(edition, round: round)) }
        let form = try await request.form(context)
        let submitting = form["action"] == "valider"
        var raw: [String: String] = [:]
        for criterion in edition.criteria { if let value = form["note_\(criterion.code)"] { raw[criterion.code] = value } }
        let comment = String(form.text("commentaire"))
        var (scores, problems) = BallotValidation.check(raw: raw, criteria: edition.criteria, submitting: submitting)
        if comment.count > BallotValidation.commentMax {
            problems["commentaire"] = "Le commentaire ne doit pas dépasser \(BallotValidation.commentMax) caractères."
        }
        guard problems.isEmpty, let entryID = entry.id, let editionID = edition.id else {
            return try await render(
                edition: edition, round: round, placement: placement, juror: juror, raw: raw, comment: comment, submitted: false,
                problems: problems, request: request, context: context, status: .unprocessableContent)
        }
        try services.database.saveBallot(
            Ballot(entryId: entryID, jurorId: juror, scores: scores, comment: comment, submitted: submitting, updatedAt: services.now(), round: round.number))
        if submitting {
            services.metrics.ballotSubmitted()
            // On to the next poster still to score, in this juror's order.
            if let next = try await services.database.nextToScore(after: placement, editionId: editionID, jurorId: juror) {
                return .seeOther("/jury/affiches/\(next)", flash: "Notation de \(entry.anonymousCode) enregistrée.")
            }
            return .seeOther("/jury", flash: "Notation de \(entry.anonymousCode) enregistrée. Toutes vos affiches sont notées : merci !")
        }
        return .seeOther("/jury/affiches/\(entry.anonymousCode)", flash: "Brouillon enregistré : vous pourrez y revenir.")
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let entry = try requireVisibleEntry(context, juror: juror)
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.previewPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let entry = try requireVisibleEntry(context, juror: juror)
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    /// Jurors may change ballots while the edition is being judged and its current round is not closed.
    static func isOpen(_ edition: Edition, round: JudgingRound) -> Bool {
        edition.state == .judging && round.isOpen
    }

    /// Why ballots cannot change any more.
    static func closedText(_ edition: Edition, round: JudgingRound) -> String {
        edition.state == .judging && !round.isOpen
            ? "\(round.label) est clos\u{00A0}: vos notes sont consultables mais ne peuvent plus être modifiées."
            : "La phase d’évaluation est close\u{00A0}: vos notes sont consultables mais ne peuvent plus être modifiées."
    }

    func render(
        edition: Edition, round: JudgingRound, placement: JurorPlacement, juror: Int64, raw: [String: String], comment: String,
        submitted: Bool, problems: [String: String], request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok,
        memo: PageMemo.Key? = nil
    ) async throws -> Response {
        let entry = placement.entry
        let editionID = edition.id ?? 0
        let favourites = try services.database.favourites(editionId: editionID, jurorId: juror)
        let choices = try await comparisonChoices(placement, editionId: editionID, juror: juror, favourites: favourites)
        let model = ScorePage(
            code: entry.anonymousCode, title: entry.details.title, statement: entry.statementForJury,
            category: edition.category(code: entry.categoryCode)?.label ?? "",
            criteria: ScorePage.criteria(edition, raw: raw, problems: problems), comment: comment, commentError: problems["commentaire"],
            hasProblems: !problems.isEmpty,
            errorSummary: ErrorSummary(
                heading: "La notation n’a pas été enregistrée.", errors: problems,
                fields: edition.criteria.map { ($0.code, "note-\($0.code)-\($0.scale.min)") } + [("commentaire", "commentaire")]),
            submitted: submitted, isOpen: Self.isOpen(edition, round: round), closedText: Self.closedText(edition, round: round),
            round: JuryListPage.roundText(round), position: placement.position,
            total: placement.total, previous: placement.previousCode, next: placement.nextCode,
            isFavourite: entry.id.map(favourites.contains) ?? false,
            compareChoices: choices, canCompare: !choices.isEmpty)
        return services.renderer.page(
            "jury/score", title: ErrorSummary.title("Affiche \(entry.anonymousCode) — notation", hasErrors: !problems.isEmpty), model: model, request: request, context: context, status: status,
            memo: memo)
    }

    func requireJuror(_ context: AppRequestContext) throws -> Int64 {
        guard let user = context.user, user.role == .juror, let id = user.id else { throw WebError.forbidden }
        return id
    }

    /// The entry behind a code and its place in the juror's order, only if this juror may see it (eligible, active, no
    /// conflict): any other code, a conflicted poster's included, gets the same 404 as a code that does not exist.
    func requireEntry(_ context: AppRequestContext, juror: Int64) async throws -> (Edition, JurorPlacement) {
        let code = try context.parameters.require("code")
        guard let edition = try judgedEdition(), let editionID = edition.id else { throw WebError.notFound }
        try services.database.prepareJurorOrder(editionId: editionID, jurorId: juror)
        guard let placement = try await services.database.jurorPlacement(editionId: editionID, jurorId: juror, anonymousCode: code) else {
            throw WebError.notFound
        }
        return (edition, placement)
    }

    /// The entry behind a code for its images: one lookup, same visibility rule, no ordering needed.
    func requireVisibleEntry(_ context: AppRequestContext, juror: Int64) throws -> Entry {
        let code = try context.parameters.require("code")
        guard let editionID = try judgedEdition()?.id,
            let entry = try services.database.juryEntry(editionId: editionID, jurorId: juror, anonymousCode: code)
        else { throw WebError.notFound }
        return entry
    }
}
