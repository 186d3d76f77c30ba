import Core
import Foundation
import Storage

/// The judging report of an edition (``JudgingReport``) with the entries it ranks: what the ranking page,
/// `classement.json` and `classement.csv` show. Built off the event loops and kept until something it reads changes
/// (migration 019's judging counter: not a sign-in, a journal line or a queued mail).
struct Classement: Sendable {
    let edition: Edition
    /// Built without its rank intervals (kept per database state); ``load`` puts them in when they are known.
    private(set) var report: JudgingReport
    let listings: Listings
    /// The round ranked (one round until a second one is run).
    let round: Int
    /// The rounds whose ballots count: the round itself, and round 1 too for a cumulative round 2.
    let countedRounds: [Int]
    /// Every round so far.
    let rounds: [JudgingRound]

    /// Anonymous code by entry id.
    var codes: [Int64: String] { listings.mapValues(\.entry.anonymousCode) }

    /// The ranked entries by id, over the edition's list of eligible entries as the storage keeps it (in round 1): a
    /// dictionary of copies held a second list of 5,000 listings (4.7 MB) for the whole life of the classement.
    struct Listings: Sendable {
        private let all: [EntryListing]
        private let positions: [Int64: Int]

        init(_ all: [EntryListing]) {
            self.all = all
            var positions: [Int64: Int] = [:]
            positions.reserveCapacity(all.count)
            for (position, listing) in all.enumerated() {
                if let id = listing.entry.id, positions[id] == nil { positions[id] = position }
            }
            self.positions = positions
        }

        subscript(id: Int64) -> EntryListing? { positions[id].map { all[$0] } }
        var count: Int { positions.count }
        /// Each ranked entry once, in the list's order (newest first).
        var values: [EntryListing] { positions.values.sorted().map { all[$0] } }

        func mapValues<T>(_ transform: (EntryListing) -> T) -> [Int64: T] { positions.mapValues { transform(all[$0]) } }
    }

    /// Bootstrap draws: the floor of 1,000 (300 posters × 8 jurors take well under a second in a release build).
    static let draws = 1000

    /// - Parameters:
    ///   - round: the round to rank, by number; nil or unknown: the current one (round 2 once opened: the final ranking).
    ///   - intervals: whether to wait for the rank intervals (``RankIntervals``); without them the report's
    ///     `pendingUncertainty` stays set and the page says they are being computed.
    static func load(edition: Edition, database: AppDatabase, round: Int? = nil, intervals: IntervalWait) async throws -> Classement {
        var classement = try await memoised(memo, edition: edition, database: database, variant: round ?? 0, scope: .judging) {
            try Classement(edition: edition, database: database, round: round)
        }
        if let estimates = await intervals.estimates(for: classement.report.pendingUncertainty) {
            classement.report = classement.report.attaching(estimates)
        }
        return classement
    }

    private static let memo = Memo<StampedEdition, Classement>(capacity: 4)

    init(edition: Edition, database: AppDatabase, round requested: Int? = nil) throws {
        self.edition = edition
        let editionID = edition.id ?? 0
        let rounds = try database.judgingRounds(editionId: editionID)
        let round = rounds.first { $0.number == requested } ?? rounds.last ?? .first
        self.round = round.number
        countedRounds = round.countedRounds
        self.rounds = rounds.isEmpty ? [.first] : rounds
        // Round 2 ranks its shortlist afresh; round 1 every eligible poster.
        let shortlist = round.number > 1 ? try database.shortlist(editionId: editionID) : [:]
        // Read column by column (thousands of rows), as the jury dashboard does.
        let all = try database.eligibleListings(editionId: editionID)
        let eligible = round.number == 1 ? all : all.filter { listing in listing.entry.id.map { shortlist[$0] != nil } == true }
        listings = Listings(eligible)
        // As on the jury dashboard: a ballot on a poster of an establishment the juror is in conflict with is set aside.
        var conflicts: [Int64: Set<String>] = [:]
        for conflict in try database.allConflicts() { conflicts[conflict.jurorId, default: []].insert(conflict.uai) }
        let establishments = listings.mapValues(\.entry.establishment.code)
        // A cumulative round 2 also counts round 1's ballots on the shortlisted posters.
        let counted = try round.countedRounds.flatMap { try database.boardBallots(editionId: editionID, round: $0) }.filter { ballot in
            guard let uai = establishments[ballot.entryId] else { return false }
            return !(conflicts[ballot.jurorId]?.contains(uai) ?? false)
        }
        let ballots = JudgedScore.from(ballots: counted, criteria: edition.criteria)
        report = JudgingReport.make(
            ballots, posters: eligible.compactMap { listing in listing.entry.id.map { (id: $0, category: listing.entry.categoryCode) } },
            categoryOrder: edition.categories.map(\.code), scale: Self.scale(edition), prizePlaces: Self.prizePlaces(edition),
            draws: Self.draws, deferUncertainty: true)
    }

    /// The scale of the weighted mean: the criteria's (they share one in every shipped edition), else their widest span.
    static func scale(_ edition: Edition) -> Criterion.Scale {
        let scales = edition.criteria.map(\.scale)
        guard let first = scales.first else { return Criterion.Scale(min: 0, max: 10) }
        return Criterion.Scale(min: scales.map(\.min).min() ?? first.min, max: scales.map(\.max).max() ?? first.max)
    }

    /// p: the per-category prizes of the edition (3 when it defines none).
    static func prizePlaces(_ edition: Edition) -> Int {
        let count = edition.prizes.filter(\.perCategory).count
        return count > 0 ? count : 3
    }

    // MARK: - JSON

    struct JSONReport: Encodable {
        struct Method: Encodable {
            let code: String
            let label: String
        }
        struct Interval: Encodable {
            let lower: Int
            let upper: Int
        }
        struct Group: Encodable {
            let references: [String]
            let sentence: String
        }
        struct Row: Encodable {
            let reference: String
            let anonymousCode: String
            let title: String
            let round: Int
            let ballots: Int
            let rawMean: Double?
            let scores: [String: Double]
            let ranks: [String: Int]
            let exAequo: Bool
            let rankInterval: Interval?
            let prizePlaceProbability: Double?
            let disagreement: Bool
            let outOfScale: Bool
        }
        struct Category: Encodable {
            let code: String
            let label: String
            let entries: [Row]
            let indistinguishable: [Group]
        }
        let edition: Int
        let round: Int
        /// The rounds whose ballots the scores count ([2] for round 2 alone, [1, 2] when cumulative).
        let countedRounds: [Int]
        let defaultMethod: String
        let methods: [Method]
        let draws: Int
        let intervalLevel: Double
        let prizePlaces: Int
        let categories: [Category]
    }

    var json: JSONReport {
        JSONReport(
            edition: edition.year, round: round, countedRounds: countedRounds, defaultMethod: report.method.rawValue,
            methods: ScoringMethod.allCases.map { .init(code: $0.rawValue, label: $0.label) }, draws: report.draws,
            intervalLevel: report.level, prizePlaces: report.prizePlaces,
            categories: report.categories.map { category in
                JSONReport.Category(
                    code: category.code, label: edition.category(code: category.code)?.label ?? category.code,
                    entries: category.rows.compactMap { row in
                        guard let entry = listings[row.posterId]?.entry else { return nil }
                        return JSONReport.Row(
                            reference: entry.reference, anonymousCode: entry.anonymousCode, title: entry.details.title, round: round,
                            ballots: row.ballotCount, rawMean: row.scores[.rawMean].map(Self.rounded),
                            scores: Dictionary(uniqueKeysWithValues: row.scores.map { ($0.key.rawValue, Self.rounded($0.value)) }),
                            ranks: Dictionary(uniqueKeysWithValues: row.ranks.map { ($0.key.rawValue, $0.value) }), exAequo: row.exAequo,
                            rankInterval: row.interval.map { .init(lower: $0.lowerBound, upper: $0.upperBound) },
                            prizePlaceProbability: row.prizeProbability, disagreement: row.disagreement, outOfScale: row.outOfScale)
                    },
                    indistinguishable: category.groups.map { group in
                        .init(references: group.posterIds.compactMap { listings[$0]?.entry.reference }, sentence: group.sentence)
                    })
            })
    }

    /// Four decimals: enough to order, stable to compare across runs.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(json)
    }

    // MARK: - CSV (French Excel)

    func csvData() -> Data {
        var writer = CSVWriter()
        let methods = ScoringMethod.allCases
        writer.append(
            (["Catégorie", "Référence", "Code anonyme", "Titre", "Tour", "Notes"] + methods.map { "Score — \($0.label)" }
                + methods.map { "Rang — \($0.label)" }
                + ["Ex aequo", "Rang 90 % (meilleur)", "Rang 90 % (moins bon)", "Probabilité de prix", "Désaccord", "Hors échelle",
                    "Indiscernables"]).map(CSVCell.text))
        for category in report.categories {
            let label = edition.category(code: category.code)?.label ?? category.code
            for row in category.rows {
                guard let entry = listings[row.posterId]?.entry else { continue }
                let group = category.groups.first { $0.posterIds.contains(row.posterId) }
                let cells: [CSVCell] =
                    [.text(label), .text(entry.reference), .text(entry.anonymousCode), .text(entry.details.title), .number(String(round)),
                        .number(String(row.ballotCount))]
                    + methods.map { ResultsExport.decimal(row.scores[$0]) }
                    + methods.map { .number(row.ranks[$0].map(String.init) ?? "") }
                    + [.text(row.exAequo ? "oui" : "non"), .number(row.interval.map { String($0.lowerBound) } ?? ""),
                        .number(row.interval.map { String($0.upperBound) } ?? ""),
                        ResultsExport.decimal(row.prizeProbability.map { $0 * 100 }),
                        .text(row.disagreement ? "oui" : "non"), .text(row.outOfScale ? "oui" : "non"),
                        .text(group.map { g in g.posterIds.compactMap { listings[$0]?.entry.reference }.joined(separator: ", ") } ?? "")]
                writer.append(cells)
            }
        }
        return writer.data
    }
}
