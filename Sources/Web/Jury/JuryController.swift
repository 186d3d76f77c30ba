import Core
import Crypto
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
    }

    /// The edition being judged (or just judged: read-only afterwards).
    func judgedEdition() throws -> Edition? {
        try services.database.editions().first { [.judging, .deliberation, .published].contains($0.state) }
    }

    /// The juror's entries in their own stable shuffled order.
    func orderedEntries(edition: Edition, jurorId: Int64) throws -> [Entry] {
        guard let editionID = edition.id else { return [] }
        let seed = try services.database.orderSeed(userID: jurorId)
        let entries = try services.database.juryEntries(editionId: editionID, jurorId: jurorId)
        return entries.map { entry in (entry, SHA256.hash(data: Data((seed + entry.anonymousCode).utf8)).map { $0 }) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        guard let edition = try judgedEdition() else {
            return services.renderer.page("jury/waiting", title: "Espace jury", request: request, context: context)
        }
        let entries = try orderedEntries(edition: edition, jurorId: juror)
        let ballots = Dictionary(
            try services.database.ballots(editionId: edition.id ?? 0, jurorId: juror).map { ($0.entryId, $0) }, uniquingKeysWith: { a, _ in a })
        let submitted = entries.filter { ballots[$0.id ?? 0]?.submitted == true }.count
        let items = entries.map { entry -> [String: Any] in
            let ballot = ballots[entry.id ?? 0]
            return [
                "code": entry.anonymousCode, "title": entry.details.title,
                "category": edition.category(code: entry.categoryCode)?.label ?? "",
                "state": ballot == nil ? "todo" : (ballot?.submitted == true ? "done" : "draft"),
                "stateLabel": ballot == nil ? "À noter" : (ballot?.submitted == true ? "Notée" : "Brouillon"),
            ]
        }
        let values: [String: Any] = [
            "edition": ["title": edition.title, "year": edition.year, "theme": edition.theme],
            "isOpen": edition.state == .judging,
            "entries": items,
            "hasEntries": !items.isEmpty,
            "progress": "\(submitted) / \(entries.count) notées",
            "submitted": submitted,
            "total": entries.count,
            "nextCode": entries.first { ballots[$0.id ?? 0]?.submitted != true }?.anonymousCode ?? "",
        ]
        return services.renderer.page("jury/list", title: "Espace jury — affiches à noter", values: values, request: request, context: context)
    }

    @Sendable func scoreForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let (edition, entry, position, entries) = try requireEntry(context, juror: juror)
        let ballot = try services.database.ballot(entryId: entry.id ?? 0, jurorId: juror)
        let raw = (ballot?.scores ?? [:]).mapValues(String.init)
        return try render(
            edition: edition, entry: entry, position: position, entries: entries, juror: juror, raw: raw, comment: ballot?.comment ?? "",
            submitted: ballot?.submitted ?? false, problems: [:], request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let juror = try requireJuror(context)
        let (edition, entry, position, entries) = try requireEntry(context, juror: juror)
        guard edition.state == .judging else {
            throw WebError.closed("La phase d’évaluation est close : les notes ne peuvent plus être modifiées.")
        }
        let form = try await request.form(context)
        let submitting = form["action"] == "valider"
        var raw: [String: String] = [:]
        for criterion in edition.criteria { if let value = form["note_\(criterion.code)"] { raw[criterion.code] = value } }
        let comment = String(form.text("commentaire"))
        var (scores, problems) = BallotValidation.check(raw: raw, criteria: edition.criteria, submitting: submitting)
        if comment.count > BallotValidation.commentMax {
            problems["commentaire"] = "Le commentaire ne doit pas dépasser \(BallotValidation.commentMax) caractères."
        }
        guard problems.isEmpty, let entryID = entry.id else {
            return try render(
                edition: edition, entry: entry, position: position, entries: entries, juror: juror, raw: raw, comment: comment,
                submitted: false, problems: problems, request: request, context: context, status: .unprocessableContent)
        }
        try services.database.saveBallot(
            Ballot(entryId: entryID, jurorId: juror, scores: scores, comment: comment, submitted: submitting, updatedAt: services.now()))
        if submitting {
            // On to the next poster still to score, in this juror's order.
            let ballots = try services.database.ballots(editionId: edition.id ?? 0, jurorId: juror)
            let done = Set(ballots.filter(\.submitted).map(\.entryId))
            let after = entries[(position + 1)...] + entries[..<position]
            if let next = after.first(where: { !done.contains($0.id ?? 0) }) {
                return .seeOther("/jury/affiches/\(next.anonymousCode)", flash: "Notation de \(entry.anonymousCode) enregistrée.")
            }
            return .seeOther("/jury", flash: "Notation de \(entry.anonymousCode) enregistrée. Toutes vos affiches sont notées : merci !")
        }
        return .seeOther("/jury/affiches/\(entry.anonymousCode)", flash: "Brouillon enregistré : vous pourrez y revenir.")
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let entry = try requireVisibleEntry(context, juror: juror)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.previewPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let entry = try requireVisibleEntry(context, juror: juror)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    func render(
        edition: Edition, entry: Entry, position: Int, entries: [Entry], juror: Int64, raw: [String: String], comment: String,
        submitted: Bool, problems: [String: String], request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let criteria = edition.criteria.map { criterion -> [String: Any] in
            let chosen = raw[criterion.code] ?? ""
            return [
                "code": criterion.code, "label": criterion.label, "description": criterion.description ?? "",
                "weight": EditionView.number(criterion.weight),
                "options": (criterion.scale.min...criterion.scale.max).map { value in
                    ["value": value, "checked": chosen == String(value), "id": "note-\(criterion.code)-\(value)"]
                },
                "error": problems[criterion.code] ?? "",
            ]
        }
        let previous = position > 0 ? entries[position - 1].anonymousCode : ""
        let next = position + 1 < entries.count ? entries[position + 1].anonymousCode : ""
        let values: [String: Any] = [
            "code": entry.anonymousCode,
            "title": entry.details.title,
            "statement": entry.statementForJury,
            "category": edition.category(code: entry.categoryCode)?.label ?? "",
            "criteria": criteria,
            "comment": comment,
            "commentError": problems["commentaire"] ?? "",
            "hasProblems": !problems.isEmpty,
            "submitted": submitted,
            "isOpen": edition.state == .judging,
            "position": position + 1,
            "total": entries.count,
            "previous": previous,
            "next": next,
        ]
        return services.renderer.page(
            "jury/score", title: "Affiche \(entry.anonymousCode) — notation", values: values, request: request, context: context, status: status)
    }

    func requireJuror(_ context: AppRequestContext) throws -> Int64 {
        guard let user = context.user, user.role == .juror, let id = user.id else { throw WebError.forbidden }
        return id
    }

    /// The entry behind a code, only if this juror may see it (eligible, active, no conflict).
    func requireEntry(_ context: AppRequestContext, juror: Int64) throws -> (Edition, Entry, Int, [Entry]) {
        let code = try context.parameters.require("code")
        guard let edition = try judgedEdition() else { throw WebError.notFound }
        let entries = try orderedEntries(edition: edition, jurorId: juror)
        guard let position = entries.firstIndex(where: { $0.anonymousCode == code }) else { throw WebError.notFound }
        return (edition, entries[position], position, entries)
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
