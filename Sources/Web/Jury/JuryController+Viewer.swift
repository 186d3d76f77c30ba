import Core
import Foundation
import Hummingbird
import Storage

/// The jurors' viewer: the large image for zooming, the « coup de cœur » flag and the comparison of two posters.
/// Every code goes through the same visibility rule as the scoring page: any code the juror may not see is a 404.
extension JuryController {
    func addViewerRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("affiches/:code/grande", use: self.large)
        group.post("affiches/:code/coup-de-coeur", use: self.setFavourite)
        group.get("comparer", use: self.compare)
    }

    @Sendable func large(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let entry = try requireVisibleEntry(context, juror: juror)
        let url = await LargeRendition(files: services.files, intake: services.intake).file(for: entry.poster)
        return try await ImageResponse.file(path: url.path, contentType: "image/jpeg", request: request, context: context)
    }

    @Sendable func setFavourite(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let juror = try requireJuror(context)
        let (edition, placement) = try await requireEntry(context, juror: juror)
        guard edition.state == .judging, let editionID = edition.id, let entryID = placement.entry.id else {
            throw WebError.closed("La phase d’évaluation est close : les coups de cœur ne peuvent plus être modifiés.")
        }
        let form = try await request.form(context)
        let on: Bool
        switch form["valeur"] {
        case "1": on = true
        case "0": on = false
        default: throw WebError.badRequest("Valeur de coup de cœur inattendue.")
        }
        try services.database.setFavourite(editionId: editionID, jurorId: juror, entryId: entryID, on, now: services.now())
        let code = placement.entry.anonymousCode
        return .seeOther(
            "/jury/affiches/\(code)", flash: on ? "Affiche \(code) ajoutée à vos coups de cœur." : "Affiche \(code) retirée de vos coups de cœur.")
    }

    @Sendable func compare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let juror = try requireJuror(context)
        let query = request.uri.queryParameters
        guard let a = query.get("a"), let b = query.get("b"), !a.isEmpty, !b.isEmpty else {
            throw WebError.badRequest("Choisissez deux affiches à comparer.")
        }
        guard let edition = try judgedEdition(), let editionID = edition.id else { throw WebError.notFound }
        let database = services.database
        try database.prepareJurorOrder(editionId: editionID, jurorId: juror)
        guard let left = try await database.jurorPlacement(editionId: editionID, jurorId: juror, anonymousCode: a),
            let right = try await database.jurorPlacement(editionId: editionID, jurorId: juror, anonymousCode: b)
        else { throw WebError.notFound }
        let favourites = try database.favourites(editionId: editionID, jurorId: juror)
        let model = ComparePage(
            left: ComparePage.side(left, edition: edition, favourites: favourites),
            right: ComparePage.side(right, edition: edition, favourites: favourites))
        return services.renderer.page(
            "jury/compare", title: "Comparer les affiches \(left.entry.anonymousCode) et \(right.entry.anonymousCode)", model: model, request: request,
            context: context)
    }

    /// The « Comparer avec… » choices of a scoring page: the neighbours in the juror's order, then their coups de cœur.
    func comparisonChoices(_ placement: JurorPlacement, editionId: Int64, juror: Int64, favourites: Set<Int64>) async throws -> [ScorePage.Choice] {
        var choices: [ScorePage.Choice] = []
        var seen: Set<String> = [placement.entry.anonymousCode]
        func add(_ code: String?, _ label: String) {
            guard let code, !seen.contains(code) else { return }
            seen.insert(code)
            choices.append(ScorePage.Choice(code: code, label: label))
        }
        add(placement.previousCode, "\(placement.previousCode ?? "") (précédente)")
        add(placement.nextCode, "\(placement.nextCode ?? "") (suivante)")
        if !favourites.isEmpty {
            let flagged = try await services.database.jurorPosters(editionId: editionId, jurorId: juror, filter: .favourites, limit: 50, offset: 0)
            for poster in flagged { add(poster.code, "\(poster.code) — \(poster.title) (coup de cœur)") }
        }
        return choices
    }
}
