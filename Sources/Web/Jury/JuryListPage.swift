import Core
import Storage

/// `jury/list`: one page of the juror's posters in their own order, with their progress.
struct JuryListPage: PageModel {
    struct Row: Encodable, Sendable {
        let code: String
        let title: String
        let category: String
        let state: String
        let stateLabel: String
        let isFavourite: Bool
    }

    /// « À noter », « Notées », « Toutes »: links to the list filtered.
    struct FilterLink: Encodable, Sendable {
        let label: String
        let href: String
        let isCurrent: Bool
    }

    let edition: EditionView
    let isOpen: Bool
    /// Why ballots can no longer change (shown when `isOpen` is false).
    let closedText: String
    /// « Second tour : … » in round 2.
    let round: String?
    /// What a juror with no poster reads.
    let emptyText: String
    let entries: [Row]
    /// The juror has posters at all (whatever the filter).
    let hasEntries: Bool
    /// The filter keeps none of them.
    let filterIsEmpty: Bool
    let progress: String
    let submitted: Int
    let total: Int
    let nextCode: String?
    let filters: [FilterLink]
    let pagination: PaginationView?
    /// The juror's own submitted scores, summed up (nil before the first).
    let distribution: JurorDistribution?

    /// Round 2's notice: the juror scores the shortlist afresh, round-1 ballots stay as they were.
    static func roundText(_ round: JudgingRound) -> String? {
        round.number > 1
            ? "Second tour\u{00A0}: notez à nouveau les affiches retenues, sans reprendre vos notes du premier tour (elles restent enregistrées, mais ne sont plus affichées)."
            : nil
    }

    /// The `statut` values in links, by filter.
    static func parameter(_ filter: JurorListFilter) -> String {
        switch filter {
        case .all: return ""
        case .toScore: return "a-noter"
        case .scored: return "notees"
        case .favourites: return "coups-de-coeur"
        }
    }

    static func filter(_ text: String?) -> JurorListFilter {
        JurorListFilter.allCases.first { !parameter($0).isEmpty && parameter($0) == text } ?? .all
    }

    /// Once judging is closed nothing is left « à noter » and a draft is no longer one to finish: the words say so.
    static func label(_ filter: JurorListFilter, isOpen: Bool = true) -> String {
        switch filter {
        case .all: return "Toutes"
        case .toScore: return isOpen ? "À noter" : "Non notées"
        case .scored: return "Notées"
        case .favourites: return "★ Coups de cœur"
        }
    }

    static func row(_ poster: JurorPoster, edition: Edition, isOpen: Bool = true) -> Row {
        Row(
            code: poster.code, title: poster.title, category: edition.category(code: poster.categoryCode)?.label ?? "",
            state: poster.state.rawValue, stateLabel: stateLabel(poster.state, isOpen: isOpen), isFavourite: poster.isFavourite)
    }

    static func stateLabel(_ state: JurorBallotState, isOpen: Bool = true) -> String {
        switch state {
        case .todo: return isOpen ? "À noter" : "Non notée"
        case .draft: return isOpen ? "Brouillon" : "Brouillon non validé (non compté)"
        case .done: return "Notée"
        }
    }
}
