import Core
import Foundation
import Storage

/// Everything the deliberation shows: per category, the ranked eligible entries with identities, scores and prizes.
struct DeliberationBoard: Sendable {
    struct Line {
        var entry: Entry
        var establishment: Establishment
        var ranked: Deliberation.Ranked
        var normalisedScore: Double?
        var award: Award?
        var manualPosition: Int?
    }

    var edition: Edition
    /// Ranked lines by category code.
    var categories: [String: [Line]]
    var awards: [Award]
    /// Ranking by normalised scores instead of raw means.
    var byNormalised: Bool

    /// The board, built off Swift's cooperative threads from the (kept) normalised jury dashboard.
    static func load(edition: Edition, database: AppDatabase, byNormalised: Bool) async throws -> DeliberationBoard {
        // One dashboard, normalised: its results carry the raw mean too, which is the whole raw reading
        // (normalisation changes nothing else), so the raw line is the same result with the raw mean as score.
        let dashboard = try await JuryDashboard.load(edition: edition, database: database, normalise: true)
        return try await offloaded { try DeliberationBoard(edition: edition, dashboard: dashboard, database: database, byNormalised: byNormalised) }
    }

    init(edition: Edition, dashboard: JuryDashboard, database: AppDatabase, byNormalised: Bool) throws {
        self.edition = edition
        self.byNormalised = byNormalised
        let editionID = edition.id ?? 0
        func raw(_ result: Ranking.EntryResult) -> Ranking.EntryResult {
            var result = result
            result.score = result.rawScore
            return result
        }
        let normalisedByID = Dictionary(uniqueKeysWithValues: dashboard.entries.compactMap { line in line.entry.id.map { ($0, line.result) } })
        let rawByID = normalisedByID.mapValues(raw)
        let manual = try database.manualOrder(editionId: editionID)
        awards = try database.awards(editionId: editionID)
        let awardsByEntry = Dictionary(uniqueKeysWithValues: awards.map { ($0.entryId, $0) })
        var categories: [String: [Line]] = [:]
        var byCategory: [String: [JuryDashboard.EntryLine]] = [:]
        for line in dashboard.entries { byCategory[line.entry.categoryCode, default: []].append(line) }
        for category in edition.categories {
            let lines = byCategory[category.code] ?? []
            let results = lines.map { byNormalised ? $0.result : raw($0.result) }
            let ranked = Deliberation.rank(results, firstCriterion: edition.criteria.first?.code, manualOrder: manual)
            let byID = Dictionary(uniqueKeysWithValues: lines.compactMap { line in line.entry.id.map { ($0, line) } })
            categories[category.code] = ranked.compactMap { item in
                guard let line = byID[item.result.entryId], let establishment = line.establishment else { return nil }
                var result = item
                // Show the raw mean as "score" whatever the ordering; the normalised one beside it.
                if let rawResult = rawByID[item.result.entryId] { result.result = rawResult }
                return Line(
                    entry: line.entry, establishment: establishment, ranked: result,
                    normalisedScore: normalisedByID[item.result.entryId]?.score, award: awardsByEntry[item.result.entryId],
                    manualPosition: manual[item.result.entryId])
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
