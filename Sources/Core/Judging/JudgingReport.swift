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
    /// Set while the rank intervals are still to compute (a report made with `deferUncertainty`): what the bootstrap
    /// needs, to run elsewhere and be put in with ``attaching(_:)``. Nil once they are in, or when `draws` is 0.
    public var pendingUncertainty: UncertaintyRequest?

    /// Everything the bootstrap of one report reads, and nothing else: two reports over the same ballots ask the same
    /// request (equal and hashed by value), so that its outcome can be kept across changes of the database that leave
    /// the ballots as they were.
    public struct UncertaintyRequest: Sendable, Hashable {
        /// In the report's order (poster, then juror): the bootstrap draws rows by position.
        public let ballots: [JudgedScore]
        public let categories: [Int64: String]
        public let method: ScoringMethod
        public let parameters: ScoringMethod.Parameters
        public let draws: Int
        public let seed: UInt64
        public let prizePlaces: Int
        public let level: Double

        /// The bootstrap itself (``RankUncertainty/estimate``): seconds at 10,000 ballots.
        public func estimate() -> [RankUncertainty.Estimate] {
            RankUncertainty.estimate(
                ballots, categories: categories, method: method, parameters: parameters, draws: draws, seed: seed,
                prizePlaces: prizePlaces, level: level)
        }
    }

    /// - Parameters:
    ///   - ballots: one value per (juror, poster), see ``JudgedScore/from(ballots:criteria:)``.
    ///   - posters: every poster in the round with its category code, in any order (posters without a ballot are kept, unranked).
    ///   - categoryOrder: the order categories are listed in.
    ///   - scale: the scale scores live on.
    ///   - prizePlaces: p, the prize places of each category.
    public static func make(
        _ ballots: [JudgedScore], posters: [(id: Int64, category: String)], categoryOrder: [String], scale: Criterion.Scale,
        prizePlaces: Int, draws: Int = 1000, seed: UInt64 = 20_260_101, level: Double = 0.9, method: ScoringMethod = .default,
        parameters: ScoringMethod.Parameters = .init(), disagreementShare: Double = Disagreement.defaultShare,
        deferUncertainty: Bool = false, methods: [ScoringMethod] = ScoringMethod.allCases
    ) -> JudgingReport {
        // `method` is always scored; the others only when asked for (the jury dashboard shows one).
        let methods = ScoringMethod.allCases.filter { $0 == method || methods.contains($0) }
        let categoryOf = Dictionary(posters.map { ($0.id, $0.category) }, uniquingKeysWith: { a, _ in a })
        // One order whatever order the ballots come in (the bootstrap draws rows by position): poster, then juror.
        let ballots = ballots.filter { categoryOf[$0.posterId] != nil }
            .sorted { ($0.posterId, $0.jurorId, $0.value) < ($1.posterId, $1.jurorId, $1.value) }
        var results: [ScoringMethod: ScoringMethod.Result] = [:]
        for each in methods { results[each] = each.score(ballots, scale: scale, parameters: parameters) }
        let request = UncertaintyRequest(
            ballots: ballots, categories: categoryOf, method: method, parameters: parameters, draws: draws, seed: seed,
            prizePlaces: prizePlaces, level: level)
        var valuesOf: [Int64: [Double]] = [:]
        let adjusted = results[method]?.adjusted ?? []
        for (index, ballot) in ballots.enumerated() {
            valuesOf[ballot.posterId, default: []].append(index < adjusted.count ? adjusted[index] : ballot.value)
        }
        let known = Set(categoryOrder)
        let order = categoryOrder + Array(Set(posters.map(\.category)).subtracting(known)).sorted()
        // Each method's result and ranks by position in `methods` (a dictionary keyed by method hashed its name for every
        // row: a tenth of this function at 5,000 posters).
        let scored = methods.map { results[$0] }
        let main = results[method]
        let mainIndex = methods.firstIndex(of: method) ?? 0
        let categories = order.compactMap { code -> Category? in
            let members = posters.filter { $0.category == code }.map(\.id)
            guard !members.isEmpty else { return nil }
            var ranks: [[Int64: RankOrdering.Ranked]] = []
            var defaultOrder: [Int64] = []
            for (index, result) in scored.enumerated() {
                let scores = result?.scores ?? [:]
                let ranked = RankOrdering.rank(members.map { RankOrdering.Item(posterId: $0, score: scores[$0]) })
                ranks.append(Dictionary(ranked.map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a }))
                if index == mainIndex { defaultOrder = ranked.map(\.posterId) }
            }
            let rows = defaultOrder.map { id -> Row in
                let values = valuesOf[id] ?? []
                var scores: [ScoringMethod: Double] = [:]
                var rankBy: [ScoringMethod: Int] = [:]
                for (index, each) in methods.enumerated() {
                    if let score = scored[index]?.scores[id] { scores[each] = score }
                    if let rank = ranks[index][id]?.rank { rankBy[each] = rank }
                }
                return Row(
                    posterId: id, category: code, ballotCount: values.count, scores: scores, ranks: rankBy,
                    exAequo: ranks[mainIndex][id]?.exAequo ?? false, interval: nil, prizeProbability: nil,
                    disagreement: values.count >= 2 && Disagreement.isFlagged(values, scale: scale, share: disagreementShare),
                    outOfScale: main?.outOfScale.contains(id) ?? false,
                    spread: values.count >= 2 ? (values.max() ?? 0) - (values.min() ?? 0) : nil)
            }
            return Category(code: code, rows: rows, groups: [])
        }
        let report = JudgingReport(
            categories: categories, method: method, draws: draws, prizePlaces: prizePlaces, level: level,
            jurorOffsets: results[method]?.jurorOffsets ?? [:], jurorWeights: results[method]?.jurorWeights ?? [:],
            pendingUncertainty: draws > 0 ? request : nil)
        guard draws > 0, !deferUncertainty else { return report }
        return report.attaching(request.estimate())
    }

    /// The report with the bootstrap's outcome put in: each row's interval and prize-place probability, each category's
    /// groups of posters the scores cannot separate (in the rows' order).
    public func attaching(_ estimates: [RankUncertainty.Estimate]) -> JudgingReport {
        let estimateOf = Dictionary(estimates.map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
        var report = self
        report.pendingUncertainty = nil
        for c in report.categories.indices {
            for r in report.categories[c].rows.indices {
                let estimate = estimateOf[report.categories[c].rows[r].posterId]
                report.categories[c].rows[r].interval = estimate.map { $0.lowerRank...$0.upperRank }
                report.categories[c].rows[r].prizeProbability = estimate?.prizeProbability
            }
            let code = report.categories[c].code
            report.categories[c].groups = RankUncertainty.indistinguishable(
                estimates.filter { $0.category == code }, order: report.categories[c].rows.map(\.posterId))
        }
        return report
    }

    /// The group a poster belongs to, if its rank cannot be told apart from its neighbours'.
    public func group(of posterId: Int64) -> RankUncertainty.Group? {
        for category in categories { if let group = category.groups.first(where: { $0.posterIds.contains(posterId) }) { return group } }
        return nil
    }
}
