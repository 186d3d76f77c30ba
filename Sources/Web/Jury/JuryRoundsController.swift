import Core
import Foundation
import Hummingbird
import Storage

/// The organisers' control of judging rounds, from the jury dashboard: how posters are dealt (every juror, or k jurors
/// per poster), redealing after the jury changed, closing a round with missing ballots, and round 2 on a shortlist.
struct JuryRoundsController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("editions/:year/jury/repartition", use: self.deal)
        group.post("editions/:year/jury/tour/cloture", use: self.close)
        group.get("editions/:year/jury/second-tour", use: self.preview)
        group.post("editions/:year/jury/second-tour", use: self.openSecond)
        group.post("editions/:year/jury/second-tour/annulation", use: self.cancelSecond)
        group.post("editions/:year/jury/second-tour/regle", use: self.setRule)
    }

    static func dashboard(_ edition: Edition) -> String { "/organisation/editions/\(edition.year)/jury" }

    /// Sets the current round's mode and (re)deals it.
    @Sendable func deal(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let back = Self.dashboard(edition)
        let form = try await request.form(context)
        guard [.draft, .open, .closed, .judging].contains(edition.state) else {
            return .seeOther(back, flash: "La répartition ne peut plus changer une fois la délibération commencée.")
        }
        let perPoster: Int?
        switch form.text("mode") {
        case "tous": perPoster = nil
        case "k":
            guard let k = Int(form.text("k")), JudgingRound.perPosterRange.contains(k) else {
                return .seeOther(
                    back, flash: "Indiquez un nombre de jurés par affiche entre \(JudgingRound.perPosterRange.lowerBound) et \(JudgingRound.perPosterRange.upperBound)\u{00A0}; rien n’a changé.")
            }
            perPoster = k
        default: throw WebError.badRequest("Mode de répartition inconnu.")
        }
        let deal: JuryAssignment.Deal
        do {
            deal = try services.database.deal(editionId: edition.id ?? 0, perPoster: perPoster, actor: context.user?.email ?? "?", now: services.now())
        } catch {
            return .seeOther(back, flash: error.message)
        }
        guard let k = perPoster else {
            return .seeOther(back, flash: "Répartition enregistrée\u{00A0}: chaque juré note toutes les affiches (hors conflits d’intérêts).")
        }
        var flash = "Répartition enregistrée\u{00A0}: \(FrenchTypography.count(k, "juré", "jurés")) par affiche, \(FrenchTypography.count(deal.pairs.count, "attribution", "attributions"))."
        if !deal.shortfalls.isEmpty {
            flash += " \(FrenchTypography.count(deal.shortfalls.count, "affiche n’a", "affiches n’ont")) pas assez de jurés sans conflit d’intérêts (voir ci-dessous)."
        }
        if !deal.connected { flash += " Attention\u{00A0}: des groupes de jurés ne partagent aucune affiche, leurs sévérités ne peuvent pas être comparées." }
        return .seeOther(back, flash: flash)
    }

    /// Closes the current round; with ballots missing, only when the organiser confirms it.
    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let back = Self.dashboard(edition)
        let form = try await request.form(context)
        guard edition.state == .judging else { return .seeOther(back, flash: "Un tour se clôt pendant l’évaluation.") }
        let id = edition.id ?? 0
        let round = try services.database.currentRound(editionId: id)
        let missing = try services.database.roundProgress(editionId: id, round: round).missing
        if missing > 0 && form["confirmer"] != "1" {
            return .seeOther(
                back,
                flash: "\(FrenchTypography.count(missing, "notation manque", "notations manquent")) encore\u{00A0}: cochez la case de confirmation pour clore \(round.number == 1 ? "le premier" : "le second") tour malgré tout.")
        }
        do {
            let closed = try services.database.closeRound(editionId: id, actor: context.user?.email ?? "?", now: services.now())
            return .seeOther(
                back,
                flash: "\(closed.label) clos" + (missing > 0 ? " avec \(FrenchTypography.count(missing, "notation manquante", "notations manquantes"))." : ".")
                    + " Les jurés peuvent relire leurs notes sans les modifier.")
        } catch {
            return .seeOther(back, flash: error.message)
        }
    }

    /// The proposed shortlist: the top n of each category by round 1's default method, to adjust before opening round 2.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        guard edition.state == .judging, try services.database.currentRound(editionId: edition.id ?? 0).number == 1 else {
            return .seeOther(Self.dashboard(edition), flash: "Le second tour s’ouvre pendant l’évaluation, après le premier tour.")
        }
        let n = SecondRoundPage.perCategory(request.uri.queryParameters.get("n"))
        let classement = try await Classement.load(edition: edition, database: services.database, round: 1, intervals: services.pageIntervals)
        let favourites = try services.database.favouriteCounts(editionId: edition.id ?? 0)
        let model = SecondRoundPage(classement, perCategory: n, favourites: favourites, now: services.now())
        return services.renderer.page("admin/second-round", title: "Second tour — \(edition.year)", model: model, request: request, context: context)
    }

    /// Opens round 2 on the posters ticked (and those added by code or reference).
    @Sendable func openSecond(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let back = Self.dashboard(edition)
        let form = try await request.form(context)
        let id = edition.id ?? 0
        guard edition.state == .judging, try services.database.currentRound(editionId: id).number == 1 else {
            return .seeOther(back, flash: "Le second tour s’ouvre pendant l’évaluation, après le premier tour.")
        }
        let n = SecondRoundPage.perCategory(form["n"])
        let classement = try await Classement.load(edition: edition, database: services.database, round: 1, intervals: .never)
        let top = SecondRoundPage.top(classement, perCategory: n)
        var chosen: [Int64: ShortlistSource] = [:]
        for value in form.all("affiche") {
            guard let entry = Int64(value), classement.listings[entry] != nil else { throw WebError.badRequest("Affiche inconnue.") }
            chosen[entry] = top.contains(entry) ? .rank : .added
        }
        // Codes or references typed in: each must name an eligible poster of this edition.
        let byName = Dictionary(
            classement.listings.values.flatMap { listing in
                [(listing.entry.anonymousCode.uppercased(), listing.entry.id ?? 0), (listing.entry.reference.uppercased(), listing.entry.id ?? 0)]
            }, uniquingKeysWith: { a, _ in a })
        let typed = form.text("ajout").uppercased().split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        let unknown = typed.filter { byName[$0] == nil }
        guard unknown.isEmpty else {
            return .seeOther(
                back + "/second-tour?n=\(n)",
                flash: "Aucune affiche recevable ne porte \(unknown.count > 1 ? "les codes" : "le code") \(unknown.joined(separator: ", "))\u{00A0}: le second tour n’a pas été ouvert.")
        }
        for name in typed { if let entry = byName[name], chosen[entry] == nil { chosen[entry] = .added } }
        // Jurors' coups de cœur, when asked: every flagged eligible poster not already there.
        if form["coups-de-coeur"] == "1" {
            for entry in try services.database.favouriteCounts(editionId: id).keys where classement.listings[entry] != nil && chosen[entry] == nil {
                chosen[entry] = .favourite
            }
        }
        guard chosen.count >= 2 else {
            return .seeOther(back + "/second-tour?n=\(n)", flash: "Retenez au moins 2 affiches pour un second tour.")
        }
        let cumulative = try Self.cumulative(form)
        do {
            try services.database.openSecondRound(
                editionId: id, shortlist: chosen, cumulative: cumulative, actor: context.user?.email ?? "?", now: services.now())
        } catch {
            return .seeOther(back, flash: error.message)
        }
        return .seeOther(
            back,
            flash: "Second tour ouvert sur \(FrenchTypography.count(chosen.count, "affiche", "affiches"))\u{00A0}: chaque juré les note à nouveau (hors conflits d’intérêts), sans voir ses notes du premier tour\u{00A0}; "
                + JudgingRound(number: 2, cumulative: cumulative).finalRuleLabel + ".")
    }

    /// The final-rule field: "0" (round 2 alone, also when absent) or "1" (both rounds counted).
    static func cumulative(_ form: FormData) throws -> Bool {
        switch form["cumul"] {
        case nil, "0": return false
        case "1": return true
        default: throw WebError.badRequest("Règle du classement final inconnue.")
        }
    }

    /// Changes round 2's final rule while judging runs.
    @Sendable func setRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let back = Self.dashboard(edition)
        let form = try await request.form(context)
        let cumulative = try Self.cumulative(form)
        guard edition.state == .judging else {
            return .seeOther(back, flash: "La règle du classement final ne change que pendant l’évaluation.")
        }
        do {
            try services.database.setCumulative(
                editionId: edition.id ?? 0, cumulative: cumulative, actor: context.user?.email ?? "?", now: services.now())
        } catch {
            return .seeOther(back, flash: error.message)
        }
        return .seeOther(back, flash: "Règle enregistrée\u{00A0}: " + JudgingRound(number: 2, cumulative: cumulative).finalRuleLabel + ".")
    }

    @Sendable func cancelSecond(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let back = Self.dashboard(edition)
        _ = try await request.form(context)
        guard edition.state == .judging else { return .seeOther(back, flash: "Le second tour ne peut être annulé que pendant l’évaluation.") }
        do {
            try services.database.cancelSecondRound(editionId: edition.id ?? 0, actor: context.user?.email ?? "?", now: services.now())
        } catch {
            return .seeOther(back, flash: error.message)
        }
        return .seeOther(back, flash: "Second tour annulé\u{00A0}: le premier tour est rouvert tel qu’il était.")
    }
}
