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
        /// How the method read this juror: « normalisé », « décalage +0,4, poids 1,1 »…
        let reading: String?
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
        let outOfScale: Bool
        let interval: String
        let probability: String
        /// « Ces 3 affiches ne peuvent pas être départagées par les notes », above the first of such a run.
        let groupStart: String?
        let inGroup: Bool
    }

    struct Category: Encodable, Sendable {
        let label: String
        let entries: [EntryRow]
        let hasEntries: Bool
        /// The runs of posters the scores cannot separate, named by code, over the whole category.
        let notices: [String]
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
    /// The method's score, and the raw mean beside it unless the method is the raw mean.
    let methodLabel: String
    let explanation: String
    let showsRaw: Bool
    let showsReading: Bool
    let readings: [ScoreReading.Link]
    let showsUncertainty: Bool
    /// Why the rank intervals are not on this page (too many ballots), with the way to them.
    let uncertaintyNote: String?
    /// Set while the rank intervals are computed in the background (``UncertaintyText/pending(_:selfUpdating:)``).
    let intervalsPending: String?
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
            switch board.method {
            case .zScore:
                note = line.standardised ? "normalisé" : "brut (moins de \(edition.jury.normalisationMinimum) notes ou notes toutes égales)"
            case .calibrated:
                if let offset = line.offset, let weight = line.weight {
                    note = "décalage \(offset >= 0 ? "+" : "−")\(FrenchTypography.decimal(abs(offset))), poids \(FrenchTypography.decimal(weight))"
                }
            case .rawMean: note = nil
            }
            return Juror(
                name: line.user.displayName, disabled: line.user.disabled, progress: "\(line.submitted) / \(line.assigned)",
                complete: line.assigned > 0 && line.submitted >= line.assigned, drafts: line.drafts, setAside: line.setAside, reading: note)
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
        var groupStarts: [Int64: String] = [:]
        var grouped = Set<Int64>()
        var notices: [String: [String]] = [:]
        for (category, groups) in board.groups {
            for group in groups {
                if let first = group.posterIds.first { groupStarts[first] = ClassementPage.capitalised(group.sentence) }
                grouped.formUnion(group.posterIds)
                notices[category, default: []].append(UncertaintyText.notice(group, codes: codes))
            }
        }
        func row(_ line: JuryDashboard.EntryLine, rank: Int = 0) -> EntryRow {
            let id = line.entry.id ?? 0
            return EntryRow(
                rank: rank, id: id, code: line.entry.anonymousCode, title: line.entry.details.title,
                score: JuryDashboard.format(line.result.score), raw: JuryDashboard.format(line.result.rawScore),
                count: "\(line.result.ballotCount) / \(quorum)", spread: JuryDashboard.format(line.result.ballotCount >= 2 ? line.result.spread : nil),
                belowQuorum: line.belowQuorum, disagreement: line.disagreement, setAside: line.setAside, outOfScale: line.outOfScale,
                interval: UncertaintyText.interval(line.interval, pending: board.pendingUncertainty != nil),
                probability: UncertaintyText.probability(line.prizeProbability, pending: board.pendingUncertainty != nil),
                groupStart: groupStarts[id], inGroup: grouped.contains(id))
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
        let scale = Classement.scale(edition)
        threshold =
            "\(FrenchTypography.decimal(edition.jury.disagreementShare * 100))\(FrenchTypography.noBreakSpace)% du barème, soit "
            + "\(FrenchTypography.decimal(edition.jury.disagreementShare * Double(scale.max - scale.min)))\(FrenchTypography.noBreakSpace)points"
        self.quorum = quorum
        // Ranks over the whole category; only the rows of this page are shown.
        let ranked = edition.categories.map { board.ranking(category: $0.code) }
        let paging = Paging(request: request, total: ranked.reduce(0) { $0 + $1.count })
        categories = zip(edition.categories, CategoryPaging.slice(ranked, paging: paging)).compactMap { category, lines in
            lines.map { lines in
                Category(
                    label: category.label, entries: lines.map { row($0.line, rank: $0.rank) }, hasEntries: !lines.isEmpty,
                    notices: notices[category.code] ?? [])
            }
        }
        methodLabel = board.method.label
        explanation = ScoreReading.explanation(board.method, minimum: edition.jury.normalisationMinimum)
        showsRaw = board.method != .rawMean
        showsReading = board.method != .rawMean
        showsUncertainty = board.uncertaintyComputed
        intervalsPending = UncertaintyText.pending(board.pendingUncertainty)
        uncertaintyNote =
            board.uncertaintyComputed
            ? nil
            : "Plus de \(FrenchTypography.grouped(JuryDashboard.uncertaintyLimit)) notations\(FrenchTypography.noBreakSpace): l’incertitude des rangs n’est pas recalculée à chaque affichage de cette page. Elle figure sur la page « Classement et incertitude »."
        let roundKept: [(String, String)] = [("tour", showsPastRound ? String(board.round.number) : "")]
        readings = ScoreReading.links(path: "/organisation/editions/\(edition.year)/jury", current: board.method, kept: roundKept)
        setAsideTotal = FrenchTypography.count(board.setAsideTotal, "notation écartée", "notations écartées")
        hasSetAside = board.setAsideTotal > 0
        entryCount = FrenchTypography.count(board.entries.count, "affiche recevable", "affiches recevables")
        pagination = PaginationView(
            paging, path: "/organisation/editions/\(edition.year)/jury",
            parameters: [(ScoreReading.parameter, ScoreReading.code(board.method))] + roundKept,
            noun: ("affiche classée", "affiches classées"))
    }
}
