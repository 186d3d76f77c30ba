import Core
import Foundation
import Hummingbird

/// `/organisation/editions/YEAR/classement`: the three methods side by side, the default method's rank intervals and
/// prize-place probabilities, and the posters the scores cannot separate, per category; paged like the dashboard
/// (`?page=`, `?par=`), ranks and intervals computed over the whole category.
struct ClassementPage: PageModel {
    struct Row: Encodable, Sendable {
        let id: Int64
        let code: String
        let reference: String
        let title: String
        let establishment: String
        let rank: String
        let exAequo: Bool
        let interval: String
        let probability: String
        let ballots: String
        let raw: String
        let z: String
        let calibrated: String
        let rawRank: String
        let zRank: String
        let disagreement: Bool
        let outOfScale: Bool
        /// Set on the first row of a group of indistinguishable posters: its sentence, spanning the group.
        let groupStart: String?
        let inGroup: Bool
    }

    struct Category: Encodable, Sendable {
        let label: String
        let rows: [Row]
        let hasRows: Bool
        let notices: [String]
    }

    let edition: EditionView
    let categories: [Category]
    let method: String
    let explanation: String
    let roundTabs: RoundTabs?
    /// `?tour=1` when a past round is shown, so that the exports give the same round.
    let exportQuery: String
    let pagination: PaginationView
    /// Set while the rank intervals are computed in the background (``UncertaintyText/pending(_:)``).
    let intervalsPending: String?

    init(_ classement: Classement, request: Request, now: Date) {
        edition = EditionView(classement.edition, now: now)
        let report = classement.report
        method = report.method.label
        intervalsPending = UncertaintyText.pending(report.pendingUncertainty)
        let pending = intervalsPending != nil
        roundTabs = RoundTabs(
            rounds: classement.rounds, shown: classement.round, path: "/organisation/editions/\(classement.edition.year)/classement",
            shortlistCount: classement.listings.count)
        exportQuery = classement.round != classement.rounds.last?.number ? "?tour=\(classement.round)" : ""
        explanation =
            "Intervalle de rang à \(Int((report.level * 100).rounded()))\(FrenchTypography.noBreakSpace)%, et probabilité d’être dans les "
            + "\(FrenchTypography.count(report.prizePlaces, "place primée", "places primées")) de sa catégorie, estimés par "
            + "\(FrenchTypography.count(report.draws, "tirage", "tirages")) de rééchantillonnage des notes (graine fixe\u{00A0}: mêmes chiffres à chaque calcul)."
        let paging = Paging(request: request, total: report.categories.reduce(0) { $0 + $1.rows.count })
        let slices = CategoryPaging.slice(report.categories.map(\.rows), paging: paging)
        categories = zip(report.categories, slices).compactMap { category, slice -> Category? in
            guard let slice else { return nil }
            // Only the groups with a poster on this page: their sentence, and their notice above the table.
            let onPage = Set(slice.map(\.posterId))
            let groups = category.groups.filter { $0.posterIds.contains(where: onPage.contains) }
            let starts = Dictionary(groups.compactMap { g in g.posterIds.first.map { ($0, g) } }, uniquingKeysWith: { a, _ in a })
            let members = Set(groups.flatMap(\.posterIds))
            let rows = slice.compactMap { row -> Row? in
                guard let listing = classement.listings[row.posterId] else { return nil }
                let entry = listing.entry
                func score(_ method: ScoringMethod) -> String { row.scores[method].map(FrenchTypography.decimal) ?? "—" }
                func rank(_ method: ScoringMethod) -> String { row.ranks[method].map(String.init) ?? "—" }
                return Row(
                    id: row.posterId, code: entry.anonymousCode, reference: entry.reference, title: entry.details.title,
                    establishment: listing.establishment.name, rank: rank(report.method), exAequo: row.exAequo,
                    interval: UncertaintyText.interval(row.interval, pending: pending),
                    probability: UncertaintyText.probability(row.prizeProbability, pending: pending),
                    ballots: String(row.ballotCount), raw: score(.rawMean), z: score(.zScore), calibrated: score(.calibrated),
                    rawRank: rank(.rawMean), zRank: rank(.zScore), disagreement: row.disagreement, outOfScale: row.outOfScale,
                    groupStart: starts[row.posterId].map { Self.capitalised($0.sentence) }, inGroup: members.contains(row.posterId))
            }
            let notices = groups.map { UncertaintyText.notice($0, codes: classement.codes) }
            return Category(
                label: classement.edition.category(code: category.code)?.label ?? category.code, rows: rows, hasRows: !rows.isEmpty,
                notices: notices)
        }
        pagination = PaginationView(
            paging, path: "/organisation/editions/\(classement.edition.year)/classement",
            parameters: [("tour", exportQuery.isEmpty ? "" : String(classement.round))], noun: ("affiche classée", "affiches classées"))
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
