import Core
import Foundation
import Storage

/// Everything the deliberation shows: per category, the ranked eligible entries with identities, scores and prizes.
struct DeliberationBoard: Sendable {
    struct Line {
        /// The dashboard's line (the entry, its establishment, what the method read of its ballots): a reference to the
        /// edition's list of entries, not a copy of the entry (the board is built on each view, 5,000 lines).
        let line: JuryDashboard.EntryLine
        var entry: Entry { line.entry }
        var establishment: Establishment { line.establishment }
        /// `ranked.result.score` is the method's score, `rawScore` the raw mean.
        var ranked: Deliberation.Ranked
        var award: Award?
        var manualPosition: Int?
        var disagreement: Bool { line.disagreement }
        var outOfScale: Bool { line.outOfScale }
        var interval: ClosedRange<Int>? { line.interval }
        var prizeProbability: Double? { line.prizeProbability }
    }

    var edition: Edition
    /// Ranked lines by category code.
    var categories: [String: [Line]]
    var awards: [Award]
    /// The method the ranking reads the ballots with (calibrated unless the organisers choose another).
    var method: ScoringMethod
    /// The dashboard it was built from: its round, its groups of posters the scores cannot separate.
    var dashboard: JuryDashboard

    /// The board, built off Swift's cooperative threads from the (kept) jury dashboard of the same method: both rank
    /// by the same rule (score, first criterion's mean, median, the organisers' decision).
    static func load(
        edition: Edition, database: AppDatabase, method: ScoringMethod = .default, intervals: IntervalWait
    ) async throws -> DeliberationBoard {
        let dashboard = try await JuryDashboard.load(edition: edition, database: database, method: method, intervals: intervals)
        return try await offloaded { try DeliberationBoard(edition: edition, dashboard: dashboard, database: database) }
    }

    init(edition: Edition, dashboard: JuryDashboard, database: AppDatabase) throws {
        self.edition = edition
        self.method = dashboard.method
        self.dashboard = dashboard
        let editionID = edition.id ?? 0
        let manual = try database.manualOrder(editionId: editionID)
        awards = try database.awards(editionId: editionID)
        let awardsByEntry = Dictionary(uniqueKeysWithValues: awards.map { ($0.entryId, $0) })
        var categories: [String: [Line]] = [:]
        for category in edition.categories {
            categories[category.code] = dashboard.ranking(category: category.code).compactMap { ranked in
                guard let id = ranked.line.entry.id else { return nil }
                return Line(line: ranked.line, ranked: ranked.ranked, award: awardsByEntry[id], manualPosition: manual[id])
            }
        }
        self.categories = categories
    }

    /// The rank of an entry in its category, if ranked.
    func rank(of entryId: Int64) -> Int? {
        for lines in categories.values {
            if let line = lines.first(where: { $0.entry.id == entryId }) { return line.ranked.rank }
        }
        return nil
    }

    func line(entryId: Int64) -> Line? {
        categories.values.lazy.compactMap { $0.first { $0.entry.id == entryId } }.first
    }
}
