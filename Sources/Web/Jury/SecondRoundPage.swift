import Core
import Foundation

/// `admin/second-round`: the proposed shortlist, per category the top n of round 1 by the default method (ticked) and the
/// next few (unticked), for the organisers to adjust before opening round 2.
struct SecondRoundPage: PageModel {
    struct Row: Encodable, Sendable {
        let id: Int64
        let code: String
        let reference: String
        let title: String
        let rank: String
        let score: String
        let interval: String
        let probability: String
        let ballots: String
        let checked: Bool
        /// « ★ 2 » when jurors flagged it as a coup de cœur.
        let favourites: String?
    }

    struct Category: Encodable, Sendable {
        let label: String
        let rows: [Row]
        let hasRows: Bool
        let notices: [String]
    }

    /// Posters below the cut shown, unticked, in each category.
    static let beyondCut = 5
    static let defaultPerCategory = 4

    let edition: EditionView
    let perCategory: Int
    let categories: [Category]
    let method: String
    let proposed: String
    /// « 3 affiches » flagged by jurors outside the proposal, added when the box is ticked.
    let favouritesOutside: String?
    /// Set while the rank intervals are computed in the background (``UncertaintyText/pending(_:)``).
    let intervalsPending: String?

    /// `?n=` read leniently: 1 to 50, else 4.
    static func perCategory(_ value: String?) -> Int {
        guard let value, let n = Int(value.trimmingCharacters(in: .whitespaces)), (1...50).contains(n) else { return defaultPerCategory }
        return n
    }

    /// The computed shortlist: top n of each category by the default method, ex aequo at the cut all kept.
    static func top(_ classement: Classement, perCategory: Int) -> Set<Int64> {
        var scores: [Int64: Double] = [:]
        var categories: [Int64: String] = [:]
        for category in classement.report.categories {
            for row in category.rows {
                categories[row.posterId] = category.code
                if let score = row.scores[classement.report.method] { scores[row.posterId] = score }
            }
        }
        return Set(Shortlist.make(scores: scores, categories: categories, perCategory: perCategory))
    }

    init(_ classement: Classement, perCategory: Int, favourites: [Int64: Int] = [:], now: Date) {
        edition = EditionView(classement.edition, now: now)
        self.perCategory = perCategory
        let report = classement.report
        method = report.method.label
        intervalsPending = UncertaintyText.pending(report.pendingUncertainty, selfUpdating: false)
        let pending = intervalsPending != nil
        let top = Self.top(classement, perCategory: perCategory)
        proposed = FrenchTypography.count(top.count, "affiche proposée", "affiches proposées")
        let outside = favourites.keys.filter { classement.listings[$0] != nil && !top.contains($0) }
        favouritesOutside = outside.isEmpty ? nil : FrenchTypography.count(outside.count, "affiche", "affiches")
        categories = report.categories.map { category in
            var rows: [Row] = []
            var beyond = 0
            for row in category.rows {
                let isTop = top.contains(row.posterId)
                if !isTop && favourites[row.posterId] == nil {
                    guard beyond < Self.beyondCut, row.ranks[report.method] != nil else { continue }
                    beyond += 1
                }
                guard let entry = classement.listings[row.posterId]?.entry else { continue }
                rows.append(
                    Row(
                        id: row.posterId, code: entry.anonymousCode, reference: entry.reference, title: entry.details.title,
                        rank: row.ranks[report.method].map { "\($0)\(row.exAequo ? " ex aequo" : "")" } ?? "—",
                        score: row.scores[report.method].map(FrenchTypography.decimal) ?? "—",
                        interval: UncertaintyText.interval(row.interval, pending: pending),
                        probability: UncertaintyText.probability(row.prizeProbability, pending: pending),
                        ballots: String(row.ballotCount), checked: isTop,
                        favourites: favourites[row.posterId].map { "★\(FrenchTypography.noBreakSpace)\($0)" }))
            }
            let notices = category.groups.map { UncertaintyText.notice($0, codes: classement.codes) }
            return Category(
                label: classement.edition.category(code: category.code)?.label ?? category.code, rows: rows, hasRows: !rows.isEmpty, notices: notices)
        }
    }
}
