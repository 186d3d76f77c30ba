/// The whole judging picture of one round, per category: each poster's scores and ranks by the three methods side by
/// side, the default method's 90 % rank interval and prize-place probability, disagreement, and the groups of posters
/// the scores cannot separate. Built once; the ranking page, `classement.json` and the CSV all read it, so they agree.
public struct JudgingReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var posterId: Int64
        public var category: String
        /// Submitted, complete ballots.
        public var ballotCount: Int
        /// Score by method (nil without a ballot).
        public var scores: [ScoringMethod: Double]
        /// Rank by method within the category (ex aequo share the better rank; nil without a ballot).
        public var ranks: [ScoringMethod: Int]
        /// Whether the poster shares its rank by the default method.
        public var exAequo: Bool
        /// The default method's 90 % rank interval (nil without a ballot).
        public var interval: ClosedRange<Int>?
        /// Share of bootstrap draws where the poster is within the category's prize places (default method).
        public var prizeProbability: Double?
        /// Scores spread over at least the given share of the scale (``Disagreement/defaultShare`` unless the edition sets
        /// another), on the method's reading of each ballot.
        public var disagreement: Bool
        /// The default method's score leaves the scale (reported, not clamped).
        public var outOfScale: Bool
        /// Highest minus lowest of the poster's ballots as the method reads them (nil under 2 ballots).
        public var spread: Double?
    }

    public struct Category: Sendable, Equatable {
        public var code: String
        /// Rows in the default method's order (best first; unscored last).
        public var rows: [Row]
        /// Runs of consecutive rows (default order) whose rank intervals overlap, with their French sentence.
        public var groups: [RankUncertainty.Group]
    }

    public var categories: [Category]
    public var method: ScoringMethod
    public var draws: Int
    public var prizePlaces: Int
    public var level: Double
    /// The method's offset and relative weight by juror (calibrated; 0 and 1 otherwise).
    public var jurorOffsets: [Int64: Double] = [:]
    public var jurorWeights: [Int64: Double] = [:]

    /// - Parameters:
    ///   - ballots: one value per (juror, poster), see ``JudgedScore/from(ballots:criteria:)``.
    ///   - posters: every poster in the round with its category code, in any order (posters without a ballot are kept, unranked).
    ///   - categoryOrder: the order categories are listed in.
    ///   - scale: the scale scores live on.
    ///   - prizePlaces: p, the prize places of each category.
    public static func make(
        _ ballots: [JudgedScore], posters: [(id: Int64, category: String)], categoryOrder: [String], scale: Criterion.Scale,
        prizePlaces: Int, draws: Int = 1000, seed: UInt64 = 20_260_101, level: Double = 0.9, method: ScoringMethod = .default,
        parameters: ScoringMethod.Parameters = .init(), disagreementShare: Double = Disagreement.defaultShare
    ) -> JudgingReport {
        let categoryOf = Dictionary(posters.map { ($0.id, $0.category) }, uniquingKeysWith: { a, _ in a })
        // One order whatever order the ballots come in (the bootstrap draws rows by position): poster, then juror.
        let ballots = ballots.filter { categoryOf[$0.posterId] != nil }
            .sorted { ($0.posterId, $0.jurorId, $0.value) < ($1.posterId, $1.jurorId, $1.value) }
        var results: [ScoringMethod: ScoringMethod.Result] = [:]
        for each in ScoringMethod.allCases { results[each] = each.score(ballots, scale: scale, parameters: parameters) }
        let estimates = RankUncertainty.estimate(
            ballots, categories: categoryOf, method: method, parameters: parameters, draws: draws, seed: seed, prizePlaces: prizePlaces,
            level: level)
        let estimateOf = Dictionary(estimates.map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
        var valuesOf: [Int64: [Double]] = [:]
        let adjusted = results[method]?.adjusted ?? []
        for (index, ballot) in ballots.enumerated() {
            valuesOf[ballot.posterId, default: []].append(index < adjusted.count ? adjusted[index] : ballot.value)
        }
        let known = Set(categoryOrder)
        let order = categoryOrder + Array(Set(posters.map(\.category)).subtracting(known)).sorted()
        let categories = order.compactMap { code -> Category? in
            let members = posters.filter { $0.category == code }.map(\.id)
            guard !members.isEmpty else { return nil }
            var ranks: [ScoringMethod: [Int64: RankOrdering.Ranked]] = [:]
            var defaultOrder: [Int64] = []
            for each in ScoringMethod.allCases {
                let scores = results[each]?.scores ?? [:]
                let ranked = RankOrdering.rank(members.map { RankOrdering.Item(posterId: $0, score: scores[$0]) })
                ranks[each] = Dictionary(ranked.map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
                if each == method { defaultOrder = ranked.map(\.posterId) }
            }
            let rows = defaultOrder.map { id -> Row in
                let estimate = estimateOf[id]
                let values = valuesOf[id] ?? []
                var scores: [ScoringMethod: Double] = [:]
                var rankBy: [ScoringMethod: Int] = [:]
                for each in ScoringMethod.allCases {
                    if let score = results[each]?.scores[id] { scores[each] = score }
                    if let rank = ranks[each]?[id]?.rank { rankBy[each] = rank }
                }
                return Row(
                    posterId: id, category: code, ballotCount: values.count, scores: scores, ranks: rankBy,
                    exAequo: ranks[method]?[id]?.exAequo ?? false,
                    interval: estimate.map { $0.lowerRank...$0.upperRank }, prizeProbability: estimate?.prizeProbability,
                    disagreement: values.count >= 2 && Disagreement.isFlagged(values, scale: scale, share: disagreementShare),
                    outOfScale: results[method]?.outOfScale.contains(id) ?? false,
                    spread: values.count >= 2 ? (values.max() ?? 0) - (values.min() ?? 0) : nil)
            }
            let groups = RankUncertainty.indistinguishable(estimates.filter { $0.category == code }, order: defaultOrder)
            return Category(code: code, rows: rows, groups: groups)
        }
        return JudgingReport(
            categories: categories, method: method, draws: draws, prizePlaces: prizePlaces, level: level,
            jurorOffsets: results[method]?.jurorOffsets ?? [:], jurorWeights: results[method]?.jurorWeights ?? [:])
    }

    /// The group a poster belongs to, if its rank cannot be told apart from its neighbours'.
    public func group(of posterId: Int64) -> RankUncertainty.Group? {
        for category in categories { if let group = category.groups.first(where: { $0.posterIds.contains(posterId) }) { return group } }
        return nil
    }
}
