import Core
import Foundation
import Storage

/// Progress and provisional ranking of an edition's jury, for organisers (and the deliberation).
struct JuryDashboard: Sendable {
    struct EntryLine {
        var entry: Entry
        var establishment: Establishment?
        var result: Ranking.EntryResult
        var belowQuorum: Bool
        var disagreement: Bool
        var setAside: Int
    }

    struct JurorLine {
        var user: User
        var assigned: Int
        var submitted: Int
        var drafts: Int
        var setAside: Int
        var treatment: Ranking.JurorTreatment?
    }

    var edition: Edition
    /// The round shown (by default the current one), every round so far, and where the current one stands.
    var round: JudgingRound
    var status: RoundStatus
    /// Round 2's posters and why each is there (empty in round 1).
    var shortlist: [Int64: ShortlistSource]
    var entries: [EntryLine]
    var jurors: [JurorLine]
    var normalised: Bool
    var setAsideTotal: Int
    /// The organisers' tie decisions (deliberation), so that the dashboard orders exactly as the deliberation page.
    var manualOrder: [Int64: Int] = [:]

    /// Builds the dashboard: only submitted ballots without a conflict count; conflicted ones are set aside.
    /// The dashboard, kept until the database changes: paging through it, or opening the deliberation after it, costs
    /// one aggregation of every ballot instead of one per page.
    /// - Parameter round: the round to show, by number; nil or unknown: the current one.
    static func load(edition: Edition, database: AppDatabase, normalise: Bool, round: Int? = nil) async throws -> JuryDashboard {
        try await memoised(normalise ? normalisedBoards : rawBoards, edition: edition, database: database, variant: round ?? 0) {
            try JuryDashboard(edition: edition, database: database, normalise: normalise, round: round)
        }
    }

    private static let normalisedBoards = Memo<StampedEdition, JuryDashboard>(capacity: 4)
    private static let rawBoards = Memo<StampedEdition, JuryDashboard>(capacity: 4)

    init(edition: Edition, database: AppDatabase, normalise: Bool, round requested: Int? = nil) throws {
        self.edition = edition
        self.normalised = normalise
        let editionID = edition.id ?? 0
        status = try database.roundStatus(editionId: editionID)
        let round = status.rounds.first { $0.number == requested } ?? status.current
        self.round = round
        shortlist = try database.shortlist(editionId: editionID)
        // Round 2 ranks the shortlist only; round 1 every eligible poster.
        let shortlisted = shortlist
        let eligible = try database.eligibleListings(editionId: editionID).filter { listing in
            round.number == 1 || listing.entry.id.map { shortlisted[$0] != nil } == true
        }
        let byID = Dictionary(uniqueKeysWithValues: eligible.compactMap { listing in listing.entry.id.map { ($0, listing) } })
        var conflicts: [Int64: Set<String>] = [:]
        for conflict in try database.allConflicts() { conflicts[conflict.jurorId, default: []].insert(conflict.uai) }
        func conflicted(_ ballot: Ballot) -> Bool {
            guard let uais = conflicts[ballot.jurorId], let listing = byID[ballot.entryId] else { return false }
            return uais.contains(listing.entry.establishment.code)
        }
        manualOrder = try database.manualOrder(editionId: editionID)
        let ballots = try database.boardBallots(editionId: editionID, round: round.number)
        var counted: [Ballot] = []
        var setAsideByEntry: [Int64: Int] = [:]
        var byJuror: [Int64: (submitted: Int, drafts: Int, setAside: Int)] = [:]
        for ballot in ballots {
            let isConflicted = conflicted(ballot)
            var mine = byJuror[ballot.jurorId] ?? (0, 0, 0)
            if !ballot.submitted {
                mine.drafts += 1
            } else if isConflicted {
                mine.setAside += 1
                setAsideByEntry[ballot.entryId, default: 0] += 1
            } else {
                mine.submitted += 1
                counted.append(ballot)
            }
            byJuror[ballot.jurorId] = mine
        }
        setAsideTotal = setAsideByEntry.values.reduce(0, +)
        let result = Ranking.aggregate(
            entryIds: eligible.compactMap(\.entry.id), ballots: counted, criteria: edition.criteria, normalise: normalise,
            minimumForNormalisation: edition.jury.normalisationMinimum)
        let results = Dictionary(uniqueKeysWithValues: result.entries.map { ($0.entryId, $0) })
        entries = eligible.compactMap { listing in
            guard let id = listing.entry.id, let r = results[id] else { return nil }
            return EntryLine(
                entry: listing.entry, establishment: listing.establishment, result: r, belowQuorum: r.ballotCount < edition.jury.quorum,
                disagreement: r.ballotCount >= 2 && r.spread > edition.jury.disagreementThreshold, setAside: setAsideByEntry[id] ?? 0)
        }
        var eligibleByUAI: [String: Int] = [:]
        for listing in eligible { eligibleByUAI[listing.entry.establishment.code, default: 0] += 1 }
        let treatments = Dictionary(uniqueKeysWithValues: result.jurors.map { ($0.jurorId, $0) })
        // With k per poster, a juror's work is what was dealt to them (conflicts are never dealt).
        var dealt: [Int64: Int]?
        if round.perPoster != nil {
            var counts: [Int64: Int] = [:]
            for pair in try database.dealtPairs(editionId: editionID, round: round.number) where byID[pair.posterId] != nil {
                counts[pair.jurorId, default: 0] += 1
            }
            dealt = counts
        }
        jurors = try database.jurors().compactMap { summary in
            guard let id = summary.user.id else { return nil }
            let hidden = Set(summary.conflicts.map(\.code)).reduce(0) { $0 + (eligibleByUAI[$1] ?? 0) }
            let mine = byJuror[id] ?? (0, 0, 0)
            return JurorLine(
                user: summary.user, assigned: dealt.map { $0[id] ?? 0 } ?? (eligible.count - hidden), submitted: mine.submitted, drafts: mine.drafts, setAside: mine.setAside,
                treatment: treatments[id])
        }
    }

    /// An entry with its rank in its category.
    struct RankedLine {
        var line: EntryLine
        /// Shared by entries still ex aequo after the tie rule.
        var rank: Int
    }

    /// Entries of a category, best first, by the deliberation page's rule (``Deliberation/rank(_:firstCriterion:manualOrder:)``:
    /// score, then the first criterion's mean, the median, the organisers' decision; still equal, ex aequo, listed by entry
    /// id — never by anonymous code); entries without any counted score come last.
    func ranking(category: String) -> [RankedLine] {
        let lines = entries.filter { $0.entry.categoryCode == category }
        let byID = Dictionary(lines.compactMap { line in line.entry.id.map { ($0, line) } }, uniquingKeysWith: { a, _ in a })
        return Deliberation.rank(lines.map(\.result), firstCriterion: edition.criteria.first?.code, manualOrder: manualOrder).compactMap { ranked in
            byID[ranked.result.entryId].map { RankedLine(line: $0, rank: ranked.rank) }
        }
    }

    /// `3,42` — two decimals with a French comma.
    static func format(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
    }
}
