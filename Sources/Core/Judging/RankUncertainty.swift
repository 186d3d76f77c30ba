/// How sure a ranking is: a bootstrap over ballots gives each poster a rank interval in its category and the
/// probability of being in the prize places.
///
/// Each draw resamples, poster by poster, that poster's ballots with replacement (a juror comes with the ballot),
/// re-runs the method on the whole draw, and ranks each category (ex aequo share the better rank). The interval is
/// the draws' 5th–95th percentile of the rank. Same seed, same figures, on every platform (`SplitMix64`).
public enum RankUncertainty {
    public struct Estimate: Sendable, Equatable {
        public var posterId: Int64
        public var category: String
        public var lowerRank: Int
        public var upperRank: Int
        /// Share of draws where the poster ranks within the top `prizePlaces` of its category.
        public var prizeProbability: Double

        public init(posterId: Int64, category: String, lowerRank: Int, upperRank: Int, prizeProbability: Double) {
            self.posterId = posterId
            self.category = category
            self.lowerRank = lowerRank
            self.upperRank = upperRank
            self.prizeProbability = prizeProbability
        }
    }

    /// Posters of a category whose ranks cannot be told apart.
    public struct Group: Sendable, Equatable {
        public var category: String
        public var posterIds: [Int64]
        public var sentence: String
    }

    /// - Parameters:
    ///   - categories: category code by poster (posters without ballots are left out).
    ///   - prizePlaces: p, the prize places of each category.
    ///   - level: the interval's coverage (0.9).
    public static func estimate(
        _ ballots: [JudgedScore], categories: [Int64: String], method: ScoringMethod = .default,
        parameters: ScoringMethod.Parameters = .init(), draws: Int = 1000, seed: UInt64 = 20_260_101, prizePlaces: Int = 3,
        level: Double = 0.9
    ) -> [Estimate] {
        let design = Design(ballots)
        let nP = design.posters.count
        guard nP > 0, draws > 0 else { return [] }
        var rowsByPoster = [[Int]](repeating: [], count: nP)
        for row in design.values.indices { rowsByPoster[design.posterIndex[row]].append(row) }
        let categoryOf = design.posters.map { categories[$0] ?? "" }
        let categoryNames = Array(Set(categoryOf)).sorted()
        let members = categoryNames.map { name in (0..<nP).filter { categoryOf[$0] == name } }
        let parameters = design.tuned(parameters)
        let full = design.fitCalibrated(parameters, warmOffsets: nil)
        var warm = parameters
        warm.iterations = max(parameters.iterations / 3, 8)
        var histogram = [[Int]](repeating: [], count: nP)
        for group in members { for i in group { histogram[i] = [Int](repeating: 0, count: group.count + 1) } }
        var generator = SplitMix64(seed: seed)
        var rows: [Int] = []
        rows.reserveCapacity(design.values.count)
        for _ in 0..<draws {
            rows.removeAll(keepingCapacity: true)
            for list in rowsByPoster { for _ in list.indices { rows.append(list[generator.below(list.count)]) } }
            let draw = design.resampled(rows)
            let scores: [Double]
            switch method {
            case .rawMean: scores = draw.fitRaw()
            case .zScore: scores = draw.posterMeans(draw.zAdjusted(minimum: parameters.zScoreMinimum))
            case .calibrated: scores = draw.fitCalibrated(warm, warmOffsets: full.offsets).quality
            }
            for group in members {
                for i in group {
                    var better = 0
                    for other in group where scores[other] > scores[i] + 1e-9 { better += 1 }
                    histogram[i][better + 1] += 1
                }
            }
        }
        let tail = (1 - level) / 2
        return (0..<nP).map { i in
            let counts = histogram[i]
            var cumulative = 0
            var lower = 1
            var upper = counts.count - 1
            var foundLower = false
            for rank in 1..<counts.count {
                cumulative += counts[rank]
                let share = Double(cumulative) / Double(draws)
                if !foundLower, share > tail { lower = rank; foundLower = true }
                if share >= 1 - tail { upper = rank; break }
            }
            let inPrize = counts.indices.filter { $0 >= 1 && $0 <= prizePlaces }.map { counts[$0] }.reduce(0, +)
            return Estimate(
                posterId: design.posters[i], category: categoryOf[i], lowerRank: lower, upperRank: upper,
                prizeProbability: Double(inPrize) / Double(draws))
        }
    }

    /// Groups consecutive posters (in `order`, best first) of a category whose intervals overlap the group's first one.
    public static func indistinguishable(_ estimates: [Estimate], order: [Int64]) -> [Group] {
        let byId = Dictionary(estimates.map { ($0.posterId, $0) }, uniquingKeysWith: { a, _ in a })
        var groups: [Group] = []
        var current: [Estimate] = []
        func flush() {
            if current.count >= 2, let first = current.first {
                groups.append(Group(category: first.category, posterIds: current.map(\.posterId), sentence: sentence(current.count)))
            }
            current = []
        }
        for id in order {
            guard let estimate = byId[id] else { continue }
            if let head = current.first, head.category == estimate.category, estimate.lowerRank <= head.upperRank {
                current.append(estimate)
            } else {
                flush()
                current = [estimate]
            }
        }
        flush()
        return groups
    }

    /// « ces 4 affiches ne peuvent pas être départagées par les notes »
    public static func sentence(_ count: Int) -> String {
        count == 2
            ? "ces 2 affiches ne peuvent pas être départagées par les notes"
            : "ces \(count) affiches ne peuvent pas être départagées par les notes"
    }
}
