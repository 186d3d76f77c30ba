import Core
import Foundation
import Storage

/// Progress and provisional ranking of an edition's jury, for organisers (and the deliberation).
struct JuryDashboard: Sendable {
    struct EntryLine {
        /// The entry and its establishment: a place in the edition's list of eligible entries, which every line shares
        /// (the list the storage keeps, in round 1). A line is copied into its category's ranking, the page's lists and the
        /// deliberation's board, and an entry weighs hundreds of bytes (5,000 of them on a large edition): a copy of each
        /// listing per line held a second list of them.
        private let listings: [EntryListing]
        private let position: Int
        var entry: Entry { listings[position].entry }
        var establishment: Establishment { listings[position].establishment }
        /// `score` is the method's, `rawScore` the raw mean, `spread` the method's reading of the ballots.
        var result: Ranking.EntryResult
        var belowQuorum: Bool
        var disagreement: Bool
        var setAside: Int
        /// The method's score leaves the scale (said, not clamped).
        var outOfScale: Bool
        /// 90 % rank interval and prize-place chance, when the uncertainty was computed.
        var interval: ClosedRange<Int>?
        var prizeProbability: Double?

        init(
            listings: [EntryListing], position: Int, result: Ranking.EntryResult, belowQuorum: Bool, disagreement: Bool, setAside: Int,
            outOfScale: Bool, interval: ClosedRange<Int>?, prizeProbability: Double?
        ) {
            self.listings = listings
            self.position = position
            self.result = result
            self.belowQuorum = belowQuorum
            self.disagreement = disagreement
            self.setAside = setAside
            self.outOfScale = outOfScale
            self.interval = interval
            self.prizeProbability = prizeProbability
        }
    }

    struct JurorLine {
        var user: User
        var assigned: Int
        var submitted: Int
        var drafts: Int
        var setAside: Int
        /// z-score: whether the juror's ballots were standardised (enough of them, not all equal).
        var standardised: Bool
        /// Calibrated: the juror's estimated offset and relative weight.
        var offset: Double?
        var weight: Double?
    }

    var edition: Edition
    /// The round shown (by default the current one), every round so far, and where the current one stands.
    var round: JudgingRound
    var status: RoundStatus
    /// Round 2's posters and why each is there (empty in round 1).
    var shortlist: [Int64: ShortlistSource]
    var entries: [EntryLine]
    var jurors: [JurorLine]
    /// How ballots become a score on this view (the calibrated method unless the organisers choose another).
    var method: ScoringMethod
    /// Posters of each category whose ranks cannot be told apart (empty when the uncertainty was not computed).
    var groups: [String: [RankUncertainty.Group]]
    /// False above ``uncertaintyLimit`` counted ballots: the bootstrap is then left to the classement page.
    var uncertaintyComputed: Bool
    var setAsideTotal: Int
    /// The organisers' tie decisions (deliberation), so that the dashboard orders exactly as the deliberation page.
    var manualOrder: [Int64: Int] = [:]

    /// Builds the dashboard: only submitted ballots without a conflict count; conflicted ones are set aside.
    /// The dashboard, kept until something it reads changes (not a sign-in, a journal line or a queued mail: migration
    /// 019): paging through it, or opening the deliberation after it, costs one aggregation of every ballot instead of one
    /// per page.
    /// - Parameter round: the round to show, by number; nil or unknown: the current one.
    /// - Parameter intervals: whether to wait for the rank intervals (``RankIntervals``); without them
    ///   `pendingUncertainty` stays set and the page says they are being computed.
    static func load(
        edition: Edition, database: AppDatabase, method: ScoringMethod = .default, round: Int? = nil, intervals: IntervalWait
    ) async throws -> JuryDashboard {
        let variant = (round ?? 0) * 10 + (ScoringMethod.allCases.firstIndex(of: method) ?? 0)
        var board = try await memoised(boards, edition: edition, database: database, variant: variant, scope: .judging) {
            try JuryDashboard(edition: edition, database: database, method: method, round: round)
        }
        if let estimates = await intervals.estimates(for: board.pendingUncertainty) { board.attach(estimates) }
        return board
    }

    /// The report the board was built from, without its rank intervals (see ``attach(_:)``).
    private var report: JudgingReport
    /// What the rank intervals still need, while they are not in (nil once attached, or above ``uncertaintyLimit``).
    var pendingUncertainty: JudgingReport.UncertaintyRequest? { report.pendingUncertainty }

    /// Puts the bootstrap's outcome in: each entry's interval and prize-place chance, in the rankings too, and the groups.
    mutating func attach(_ estimates: [RankUncertainty.Estimate]) {
        report = report.attaching(estimates)
        let rows = Dictionary(report.categories.flatMap(\.rows).map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
        func updated(_ line: EntryLine) -> EntryLine {
            var line = line
            let row = line.entry.id.flatMap { rows[$0] }
            line.interval = row?.interval
            line.prizeProbability = row?.prizeProbability
            return line
        }
        entries = entries.map(updated)
        for (code, lines) in rankings { rankings[code] = lines.map { RankedLine(line: updated($0.line), ranked: $0.ranked) } }
        groups = Dictionary(report.categories.map { ($0.code, $0.groups) }, uniquingKeysWith: { a, _ in a })
    }

    private static let boards = Memo<StampedEdition, JuryDashboard>(capacity: 8)

    /// Counted ballots up to which the dashboard and the deliberation show the rank uncertainty (1,000 bootstrap draws:
    /// about 0.4 s at 2,000 ballots in a release build, in the background once per new set of ballots; above, it is left
    /// to the classement page).
    static let uncertaintyLimit = 3_000

    init(edition: Edition, database: AppDatabase, method: ScoringMethod = .default, round requested: Int? = nil) throws {
        self.edition = edition
        self.method = method
        let editionID = edition.id ?? 0
        status = try database.roundStatus(editionId: editionID)
        let round = status.rounds.first { $0.number == requested } ?? status.current
        self.round = round
        shortlist = try database.shortlist(editionId: editionID)
        // Round 2 ranks the shortlist only; round 1 every eligible poster.
        let shortlisted = shortlist
        let all = try database.eligibleListings(editionId: editionID)
        // The kept list itself in round 1 (5,000 listings are not copied).
        let eligible = round.number == 1 ? all : all.filter { listing in listing.entry.id.map { shortlisted[$0] != nil } == true }
        // Each eligible poster's establishment (the conflicts' key).
        var uaiByID: [Int64: String] = [:]
        uaiByID.reserveCapacity(eligible.count)
        for listing in eligible { if let id = listing.entry.id { uaiByID[id] = listing.entry.establishment.code } }
        var conflicts: [Int64: Set<String>] = [:]
        for conflict in try database.allConflicts() { conflicts[conflict.jurorId, default: []].insert(conflict.uai) }
        func conflicted(_ ballot: Ballot) -> Bool {
            guard let uais = conflicts[ballot.jurorId], let uai = uaiByID[ballot.entryId] else { return false }
            return uais.contains(uai)
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
        // A cumulative round 2 also counts round 1's ballots on the shortlisted posters (jurors' progress stays round 2's).
        for earlier in round.countedRounds where earlier != round.number {
            for ballot in try database.boardBallots(editionId: editionID, round: earlier)
            where ballot.submitted && uaiByID[ballot.entryId] != nil && !conflicted(ballot) {
                counted.append(ballot)
            }
        }
        // Counts, medians and criterion means (the tie-breakers) from the raw ballots; scores, spreads, disagreement and
        // uncertainty from the method, through the same report as the classement page.
        let raw = Ranking.aggregate(
            entryIds: eligible.compactMap(\.entry.id), ballots: counted, criteria: edition.criteria, normalise: false,
            minimumForNormalisation: edition.jury.normalisationMinimum)
        let judged = JudgedScore.from(ballots: counted, criteria: edition.criteria)
        uncertaintyComputed = judged.count <= Self.uncertaintyLimit
        let parameters = ScoringMethod.Parameters(zScoreMinimum: edition.jury.normalisationMinimum)
        let report = JudgingReport.make(
            judged, posters: eligible.compactMap { listing in listing.entry.id.map { (id: $0, category: listing.entry.categoryCode) } },
            categoryOrder: edition.categories.map(\.code), scale: Classement.scale(edition), prizePlaces: Classement.prizePlaces(edition),
            draws: uncertaintyComputed ? Classement.draws : 0, method: method, parameters: parameters,
            disagreementShare: edition.jury.disagreementShare, deferUncertainty: true, methods: [method])
        self.report = report
        let rows = Dictionary(report.categories.flatMap(\.rows).map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
        groups = Dictionary(report.categories.map { ($0.code, $0.groups) }, uniquingKeysWith: { a, _ in a })
        let results = Dictionary(uniqueKeysWithValues: raw.entries.map { ($0.entryId, $0) })
        entries = eligible.indices.compactMap { position in
            guard let id = eligible[position].entry.id, var r = results[id] else { return nil }
            let row = rows[id]
            r.score = row?.scores[method]
            r.spread = row?.spread ?? 0
            return EntryLine(
                listings: eligible, position: position, result: r, belowQuorum: r.ballotCount < edition.jury.quorum,
                disagreement: row?.disagreement ?? false, setAside: setAsideByEntry[id] ?? 0, outOfScale: row?.outOfScale ?? false,
                interval: row?.interval, prizeProbability: row?.prizeProbability)
        }
        var ballotsByJuror: [Int64: [Double]] = [:]
        for ballot in judged { ballotsByJuror[ballot.jurorId, default: []].append(ballot.value) }
        var eligibleByUAI: [String: Int] = [:]
        for listing in eligible { eligibleByUAI[listing.entry.establishment.code, default: 0] += 1 }
        // With k per poster, a juror's work is what was dealt to them (conflicts are never dealt).
        var dealt: [Int64: Int]?
        if round.perPoster != nil {
            var counts: [Int64: Int] = [:]
            for pair in try database.dealtPairs(editionId: editionID, round: round.number) where uaiByID[pair.posterId] != nil {
                counts[pair.jurorId, default: 0] += 1
            }
            dealt = counts
        }
        jurors = try database.jurors().compactMap { summary in
            guard let id = summary.user.id else { return nil }
            let hidden = Set(summary.conflicts.map(\.code)).reduce(0) { $0 + (eligibleByUAI[$1] ?? 0) }
            let mine = byJuror[id] ?? (0, 0, 0)
            let values = ballotsByJuror[id] ?? []
            return JurorLine(
                user: summary.user, assigned: dealt.map { $0[id] ?? 0 } ?? (eligible.count - hidden), submitted: mine.submitted,
                drafts: mine.drafts, setAside: mine.setAside,
                standardised: values.count >= max(2, edition.jury.normalisationMinimum) && (values.max() ?? 0) - (values.min() ?? 0) > 1e-12,
                offset: method == .calibrated && !values.isEmpty ? report.jurorOffsets[id] : nil,
                weight: method == .calibrated && !values.isEmpty ? report.jurorWeights[id] : nil)
        }
        rankings = Self.rankings(entries, categories: edition.categories.map(\.code), firstCriterion: edition.criteria.first?.code, manualOrder: manualOrder)
    }

    /// An entry with its rank in its category.
    struct RankedLine {
        var line: EntryLine
        /// The deliberation's ranking of it: rank (shared by entries still ex aequo after the tie rule) and tie-break.
        var ranked: Deliberation.Ranked
        var rank: Int { ranked.rank }
    }

    /// Entries of a category, best first, by the deliberation page's rule (``Deliberation/rank(_:firstCriterion:manualOrder:)``:
    /// score, then the first criterion's mean, the median, the organisers' decision; still equal, ex aequo, listed by entry
    /// id — never by anonymous code); entries without any counted score come last.
    func ranking(category: String) -> [RankedLine] { rankings[category] ?? [] }

    /// Every category's ranking, made once when the dashboard is built (the dashboard is kept until the database
    /// changes, and each page of it, the deliberation and the CSV read the same ranking).
    private(set) var rankings: [String: [RankedLine]] = [:]

    /// Every category's ranking in one pass over the entries (each line copied once, into its ranking; 5,000 entries).
    private static func rankings(
        _ entries: [EntryLine], categories: [String], firstCriterion: String?, manualOrder: [Int64: Int]
    ) -> [String: [RankedLine]] {
        var members: [String: [Int]] = Dictionary(uniqueKeysWithValues: categories.map { ($0, []) })
        var indexByID: [Int64: Int] = [:]
        indexByID.reserveCapacity(entries.count)
        for (index, line) in entries.enumerated() {
            members[line.entry.categoryCode, default: []].append(index)
            if let id = line.entry.id, indexByID[id] == nil { indexByID[id] = index }
        }
        return members.mapValues { indices in
            Deliberation.rank(indices.map { entries[$0].result }, firstCriterion: firstCriterion, manualOrder: manualOrder).compactMap { ranked in
                indexByID[ranked.result.entryId].map { RankedLine(line: entries[$0], ranked: ranked) }
            }
        }
    }

    /// `3,42` — two decimals with a French comma.
    static func format(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
    }
}
