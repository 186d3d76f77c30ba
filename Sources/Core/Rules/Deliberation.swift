import Foundation

/// How entries of a category are ordered for the deliberation, with the documented tie rule.
///
/// 1. higher score (mean across jurors of their weighted means, raw or normalised as chosen);
/// 2. on equal scores: higher mean on the edition's first criterion;
/// 3. then: higher median of the jurors' weighted scores;
/// 4. still equal: the organisers' decision, recorded as a manual order and shown as such;
///    without one, the entries stay *ex aequo* (same rank).
public enum Deliberation {
    /// Why an entry stands where it does relative to the one before it.
    public enum TieBreak: String, Sendable, Equatable {
        case firstCriterion
        case median
        case organisers
        case exAequo

        public var label: String {
            switch self {
            case .firstCriterion: return "départagé par le premier critère"
            case .median: return "départagé par la médiane"
            case .organisers: return "départagé par décision des organisateurs"
            case .exAequo: return "ex aequo"
            }
        }
    }

    public struct Ranked: Sendable, Equatable {
        public var result: Ranking.EntryResult
        /// 1-based; ex aequo entries share a rank.
        public var rank: Int
        /// How it was separated from the entry just above, when their scores were equal.
        public var tieBreak: TieBreak?
    }

    static let epsilon = 1e-9

    /// Orders results. `manualOrder` holds the organisers' decision for remaining ties (lower comes first).
    public static func rank(_ results: [Ranking.EntryResult], firstCriterion: String?, manualOrder: [Int64: Int] = [:]) -> [Ranked] {
        func key(_ r: Ranking.EntryResult) -> (Double, Double, Double) {
            (r.score ?? -1, firstCriterion.flatMap { r.criterionMeans[$0] } ?? -1, r.median ?? -1)
        }
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) < epsilon }
        // The keys are read once per entry (not twice per comparison), and indexes sorted rather than whole results.
        struct Keyed {
            var index: Int
            var score: Double, criterion: Double, median: Double
            var manual: Int
            var entryId: Int64
        }
        let keyed = results.enumerated().map { index, r in
            let (s, c, m) = key(r)
            return Keyed(index: index, score: s, criterion: c, median: m, manual: manualOrder[r.entryId] ?? Int.max, entryId: r.entryId)
        }
        let sorted = keyed.sorted { a, b in
            if !same(a.score, b.score) { return a.score > b.score }
            if !same(a.criterion, b.criterion) { return a.criterion > b.criterion }
            if !same(a.median, b.median) { return a.median > b.median }
            if a.manual != b.manual { return a.manual < b.manual }
            return a.entryId < b.entryId
        }.map { results[$0.index] }
        var ranked: [Ranked] = []
        for (index, result) in sorted.enumerated() {
            guard let previous = ranked.last else {
                ranked.append(Ranked(result: result, rank: 1, tieBreak: nil))
                continue
            }
            let (sa, ca, ma) = key(previous.result)
            let (sb, cb, mb) = key(result)
            var tie: TieBreak?
            var rank = index + 1
            if same(sa, sb) && result.score != nil {
                if !same(ca, cb) {
                    tie = .firstCriterion
                } else if !same(ma, mb) {
                    tie = .median
                } else if manualOrder[previous.result.entryId] != nil, manualOrder[result.entryId] != nil,
                    manualOrder[previous.result.entryId] != manualOrder[result.entryId]
                {
                    tie = .organisers
                } else {
                    tie = .exAequo
                    rank = previous.rank
                }
            }
            ranked.append(Ranked(result: result, rank: rank, tieBreak: tie))
        }
        return ranked
    }
}

/// A prize given to an entry.
public struct Award: Hashable, Sendable {
    public var editionId: Int64
    public var prizeCode: String
    /// The category for per-category prizes; nil for edition-wide ones.
    public var categoryCode: String?
    public var entryId: Int64
    /// Why the prize departs from the ranking, when it does.
    public var reason: String?
    public var assignedBy: String
    public var assignedAt: Date

    public init(
        editionId: Int64, prizeCode: String, categoryCode: String?, entryId: Int64, reason: String?, assignedBy: String, assignedAt: Date
    ) {
        self.editionId = editionId
        self.prizeCode = prizeCode
        self.categoryCode = categoryCode
        self.entryId = entryId
        self.reason = reason
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }
}

/// The rules for giving prizes during the deliberation.
public enum PrizeRules {
    /// Checks a prize for an entry and returns the award's category, or throws the French reason it is refused.
    /// - Parameters:
    ///   - rank: the entry's rank in its category's deliberation ranking (nil: not ranked).
    ///   - existing: awards already given in the edition.
    public static func check(
        prizeCode: String, entry: Entry, rank: Int?, reason: String?, edition: Edition, existing: [Award]
    ) throws(PrizeError) {
        guard edition.state == .deliberation else { throw .notDeliberating }
        guard let prize = edition.prizes.first(where: { $0.code == prizeCode }) else { throw .unknownPrize }
        guard entry.editionId == edition.id, entry.status == .active, entry.eligibility == .eligible else { throw .notEligible }
        let category = prize.perCategory ? entry.categoryCode : nil
        if let taken = existing.first(where: { $0.prizeCode == prizeCode && $0.categoryCode == category && $0.entryId != entry.id }) {
            _ = taken
            throw .alreadyAwarded(prize.label)
        }
        if existing.contains(where: { $0.entryId == entry.id && $0.prizeCode != prizeCode }) { throw .entryHasPrize }
        // A ranked prize that does not follow the ranking needs a recorded reason.
        if prize.perCategory, rank != prize.rank, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .reasonRequired(prize: prize.label, rank: rank)
        }
    }
}

/// Why a prize cannot be given.
public enum PrizeError: Error, Equatable, Sendable {
    case notDeliberating
    case unknownPrize
    case notEligible
    case alreadyAwarded(String)
    case entryHasPrize
    case reasonRequired(prize: String, rank: Int?)

    public var message: String {
        switch self {
        case .notDeliberating: return "Les prix ne s’attribuent que pendant la délibération."
        case .unknownPrize: return "Ce prix n’existe pas dans cette édition."
        case .notEligible: return "Seule une affiche recevable et non retirée peut recevoir un prix."
        case .alreadyAwarded(let label): return "Le « \(label) » est déjà attribué : retirez-le d’abord de l’autre affiche."
        case .entryHasPrize: return "Cette affiche a déjà un prix : une affiche ne reçoit qu’un prix."
        case .reasonRequired(let prize, let rank):
            let position = rank.map { $0 == 1 ? "classée 1re" : "classée \($0)e" } ?? "non classée"
            return "Cette affiche est \(position) : indiquez pourquoi elle reçoit le « \(prize) » hors de l’ordre du classement."
        }
    }
}
