/// Two rounds: round 1 (every poster, k jurors each) gives a shortlist, round 2 (every non-conflicted juror scores
/// the shortlist afresh, without round-1 scores) gives the final ranking.
public enum Shortlist {
    /// The organisers' changes to the computed shortlist.
    public struct Adjustments: Sendable, Equatable {
        public var added: Set<Int64>
        public var removed: Set<Int64>
        /// Jurors' « coup de cœur » flags: flagged posters are added when `includeFavourites`.
        public var favourites: Set<Int64>
        public var includeFavourites: Bool

        public init(added: Set<Int64> = [], removed: Set<Int64> = [], favourites: Set<Int64> = [], includeFavourites: Bool = false) {
            self.added = added
            self.removed = removed
            self.favourites = favourites
            self.includeFavourites = includeFavourites
        }
    }

    /// The top `perCategory` posters of each category by `scores` (the default method's), under `RankOrdering`
    /// (ex aequo at the cut are all kept), then the organisers' adjustments. Sorted by poster id.
    public static func make(
        scores: [Int64: Double], categories: [Int64: String], perCategory: Int, adjustments: Adjustments = .init()
    ) -> [Int64] {
        var chosen = Set<Int64>()
        for category in Set(categories.values) {
            let items = categories.filter { $0.value == category }.map { RankOrdering.Item(posterId: $0.key, score: scores[$0.key]) }
            for ranked in RankOrdering.rank(items) where (ranked.rank ?? .max) <= perCategory { chosen.insert(ranked.posterId) }
        }
        chosen.formUnion(adjustments.added)
        if adjustments.includeFavourites { chosen.formUnion(adjustments.favourites) }
        chosen.subtract(adjustments.removed)
        return chosen.filter { categories[$0] != nil }.sorted()
    }

    /// Round 2's deal: every non-conflicted juror scores every shortlisted poster.
    public static func secondRound(
        shortlist: [Int64], categories: [Int64: String], jurors: [Int64], conflicts: Set<JuryAssignment.Pair>
    ) -> JuryAssignment.Deal {
        JuryAssignment.deal(
            posters: shortlist.map { JuryAssignment.Poster(id: $0, category: categories[$0] ?? "") }, jurors: jurors,
            conflicts: conflicts, mode: .everyJuror)
    }
}
