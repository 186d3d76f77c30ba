import Core
import Foundation
import Hummingbird

/// `admin/jury-dashboard`: the jury's progress and the provisional ranking, paged (ranks stay those of the whole category).
struct JuryDashboardPage: PageModel {
    struct Juror: Encodable, Sendable {
        let name: String
        let disabled: Bool
        let progress: String
        let complete: Bool
        let drafts: Int
        let setAside: Int
        let normalisation: String?
    }

    struct EntryRow: Encodable, Sendable {
        let rank: Int
        let id: Int64
        let code: String
        let title: String
        let score: String
        let raw: String
        let count: String
        let spread: String
        let belowQuorum: Bool
        let disagreement: Bool
        let setAside: Int
    }

    struct Category: Encodable, Sendable {
        let label: String
        let entries: [EntryRow]
        let hasEntries: Bool
    }

    /// Entries listed at most under « sous le quorum » and « désaccords »; the rest are counted.
    static let shortListMax = 50

    let edition: EditionView
    let jurors: [Juror]
    let hasJurors: Bool
    let lowQuorum: [EntryRow]
    let hasLowQuorum: Bool
    /// « 12 autres affiches » when the list is cut.
    let lowQuorumMore: String?
    let disagreements: [EntryRow]
    let hasDisagreements: Bool
    let disagreementsMore: String?
    let threshold: String
    let quorum: Int
    let categories: [Category]
    let normalised: Bool
    let minimum: Int
    /// « 2 notations écartées ».
    let setAsideTotal: String
    let hasSetAside: Bool
    /// « 9 affiches recevables ».
    let entryCount: String
    let pagination: PaginationView
    /// « Relancer les 3 jurés qui n’ont pas fini », during judging when someone has not finished.
    let reminder: String?
    /// The current round: its deal, progress and the organisers' actions.
    let round: RoundPanel
    /// Links between rounds once round 2 exists, and which one is shown.
    let roundTabs: RoundTabs?
    /// The round shown is not the current one: read-only figures.
    let showsPastRound: Bool

    init(_ board: JuryDashboard, request: Request, now: Date) {
        let edition = board.edition
        let quorum = edition.jury.quorum
        self.edition = EditionView(edition, now: now)
        jurors = board.jurors.map { line in
            var note: String?
            if board.normalised {
                note = line.treatment?.normalised == true
                    ? "normalisé" : "brut (moins de \(edition.jury.normalisationMinimum) notes ou notes toutes égales)"
            }
            return Juror(
                name: line.user.displayName, disabled: line.user.disabled, progress: "\(line.submitted) / \(line.assigned)",
                complete: line.assigned > 0 && line.submitted >= line.assigned, drafts: line.drafts, setAside: line.setAside, normalisation: note)
        }
        hasJurors = !jurors.isEmpty
        let codes = Dictionary(board.entries.compactMap { line in line.entry.id.map { ($0, line.entry.anonymousCode) } }, uniquingKeysWith: { a, _ in a })
        round = RoundPanel(status: board.status, edition: edition, codes: codes)
        roundTabs = RoundTabs(
            rounds: board.status.rounds, shown: board.round.number, path: "/organisation/editions/\(edition.year)/jury",
            shortlistCount: board.shortlist.count)
        showsPastRound = board.round.number != board.status.current.number
        let unfinished = board.jurors.filter { !$0.user.disabled && $0.submitted < $0.assigned }.count
        reminder = edition.state == .judging && unfinished > 0 && !showsPastRound && board.status.current.isOpen
            ? "Relancer par courriel \(unfinished == 1 ? "le juré qui n’a" : "les \(unfinished) jurés qui n’ont") pas fini" : nil
        func row(_ line: JuryDashboard.EntryLine, rank: Int = 0) -> EntryRow {
            EntryRow(
                rank: rank, id: line.entry.id ?? 0, code: line.entry.anonymousCode, title: line.entry.details.title,
                score: JuryDashboard.format(line.result.score), raw: JuryDashboard.format(line.result.rawScore),
                count: "\(line.result.ballotCount) / \(quorum)", spread: JuryDashboard.format(line.result.ballotCount > 0 ? line.result.spread : nil),
                belowQuorum: line.belowQuorum, disagreement: line.disagreement, setAside: line.setAside)
        }
        func more(_ count: Int) -> String? {
            count > Self.shortListMax ? FrenchTypography.count(count - Self.shortListMax, "autre affiche", "autres affiches") : nil
        }
        let low = board.entries.filter(\.belowQuorum).sorted { $0.result.ballotCount < $1.result.ballotCount }
        lowQuorum = low.prefix(Self.shortListMax).map { row($0) }
        hasLowQuorum = !low.isEmpty
        lowQuorumMore = more(low.count)
        let apart = board.entries.filter(\.disagreement).sorted { $0.result.spread > $1.result.spread }
        disagreements = apart.prefix(Self.shortListMax).map { row($0) }
        hasDisagreements = !apart.isEmpty
        disagreementsMore = more(apart.count)
        threshold = FrenchTypography.decimal(edition.jury.disagreementThreshold)
        self.quorum = quorum
        // Ranks over the whole category; only the rows of this page are shown.
        let ranked = edition.categories.map { board.ranking(category: $0.code) }
        let paging = Paging(request: request, total: ranked.reduce(0) { $0 + $1.count })
        categories = zip(edition.categories, CategoryPaging.slice(ranked, paging: paging)).compactMap { category, lines in
            lines.map { lines in
                Category(label: category.label, entries: lines.map { row($0.line, rank: $0.rank) }, hasEntries: !lines.isEmpty)
            }
        }
        normalised = board.normalised
        minimum = edition.jury.normalisationMinimum
        setAsideTotal = FrenchTypography.count(board.setAsideTotal, "notation écartée", "notations écartées")
        hasSetAside = board.setAsideTotal > 0
        entryCount = FrenchTypography.count(board.entries.count, "affiche recevable", "affiches recevables")
        pagination = PaginationView(
            paging, path: "/organisation/editions/\(edition.year)/jury",
            parameters: [("normalisation", board.normalised ? "1" : ""), ("tour", showsPastRound ? String(board.round.number) : "")],
            noun: ("affiche classée", "affiches classées"))
    }
}
