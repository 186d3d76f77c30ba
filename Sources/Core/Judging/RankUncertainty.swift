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
        let full = design.fitCalibrated(parameters)
        var warm = parameters
        // Each draw starts from the full fit (offsets, slopes, weights), which it stays close to: 6 passes per round
        // instead of 13 leave the intervals as they were (JuryBench: same coverage) at half the time.
        warm.iterations = max(parameters.iterations / 6, 5)
        // The interval's ends are order statistics of each poster's drawn ranks: the lower end is the c-th smallest for
        // the first c with c / draws > tail, the upper end the c-th smallest for the first c with c / draws ≥ 1 − tail.
        // Each poster keeps only its cLow smallest ranks (a max-heap) and its kHigh largest (a min-heap), and counts its
        // prize-place draws: 2 × 50 ranks a poster at 1,000 draws instead of every draw's (10 MB at 5,000 posters).
        let tail = (1 - level) / 2
        let cLow = (1...draws).first { Double($0) / Double(draws) > tail } ?? draws
        let cUp = (1...draws).first { Double($0) / Double(draws) >= 1 - tail } ?? draws
        let kHigh = draws - cUp + 1
        var lowHeaps = BoundedHeaps(count: nP, capacity: cLow, keepsSmallest: true)
        var highHeaps = BoundedHeaps(count: nP, capacity: kHigh, keepsSmallest: false)
        var prizeDraws = [Int](repeating: 0, count: nP)
        var groupSizeOf = [Int](repeating: 1, count: nP)
        for group in members { for i in group { groupSizeOf[i] = group.count } }
        var generator = SplitMix64(seed: seed)
        var rows: [Int] = []
        rows.reserveCapacity(design.values.count)
        var sorted: [Double] = []
        for _ in 0..<draws {
            rows.removeAll(keepingCapacity: true)
            for list in rowsByPoster { for _ in list.indices { rows.append(list[generator.below(list.count)]) } }
            let draw = design.resampled(rows)
            let scores: [Double]
            switch method {
            case .rawMean: scores = draw.fitRaw()
            case .zScore: scores = draw.posterMeans(draw.zAdjusted(minimum: parameters.zScoreMinimum))
            case .calibrated: scores = draw.fitCalibrated(warm, warm: full).quality
            }
            // Rank = 1 + how many of the category score more (by over 1e-9): counted by binary search in the
            // category's sorted scores, n log n per draw instead of n² (1,000 posters: 1.3 s → 0.1 s for 1,000 draws).
            for group in members {
                sorted.removeAll(keepingCapacity: true)
                for i in group { sorted.append(scores[i].isNaN ? -.infinity : scores[i]) }
                sorted.sort()
                for i in group {
                    let threshold = (scores[i].isNaN ? -.infinity : scores[i]) + 1e-9
                    // First index whose score is above the threshold; everything from there on is better.
                    var low = 0, high = sorted.count
                    while low < high {
                        let mid = (low + high) / 2
                        if sorted[mid] > threshold { high = mid } else { low = mid + 1 }
                    }
                    let rank = UInt16(clamping: sorted.count - low + 1)
                    lowHeaps.insert(rank, at: i)
                    highHeaps.insert(rank, at: i)
                    if Int(rank) <= prizePlaces { prizeDraws[i] += 1 }
                }
            }
        }
        return (0..<nP).map { i in
            // The loop this replaces walked the poster's histogram up from rank 1 and stopped at the upper end, so a
            // lower end above the upper one (level 0 only) stayed 1.
            let upper = highHeaps.top(at: i).map(Int.init) ?? groupSizeOf[i]
            let lower = lowHeaps.top(at: i).map(Int.init).map { $0 <= upper ? $0 : 1 } ?? 1
            return Estimate(
                posterId: design.posters[i], category: categoryOf[i], lowerRank: lower, upperRank: upper,
                prizeProbability: Double(prizeDraws[i]) / Double(draws))
        }
    }

    /// For each of `count` posters, the `capacity` smallest (or largest) values seen, as a binary heap whose top is the
    /// largest kept (or the smallest kept): the capacity-th smallest (largest) value once full.
    struct BoundedHeaps {
        private var values: [UInt16]
        private var sizes: [Int]
        private let capacity: Int
        private let keepsSmallest: Bool

        init(count: Int, capacity: Int, keepsSmallest: Bool) {
            self.capacity = max(capacity, 1)
            self.keepsSmallest = keepsSmallest
            values = [UInt16](repeating: 0, count: count * self.capacity)
            sizes = [Int](repeating: 0, count: count)
        }

        /// Whether `a` belongs nearer the top than `b` (the top is the value to drop first).
        private func above(_ a: UInt16, _ b: UInt16) -> Bool { keepsSmallest ? a > b : a < b }

        /// The kept value that would go first: the capacity-th smallest (largest) once full; nil if not full.
        func top(at owner: Int) -> UInt16? { sizes[owner] == capacity ? values[owner * capacity] : nil }

        mutating func insert(_ value: UInt16, at owner: Int) {
            let base = owner * capacity
            var size = sizes[owner]
            if size < capacity {
                // Sift up.
                var child = size
                values[base + child] = value
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard above(values[base + child], values[base + parent]) else { break }
                    values.swapAt(base + child, base + parent)
                    child = parent
                }
                size += 1
                sizes[owner] = size
                return
            }
            // Full: the new value replaces the top only if it belongs in the kept set, then sifts down.
            guard above(values[base], value) else { return }
            values[base] = value
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < capacity else { break }
                let right = left + 1
                var first = left
                if right < capacity, above(values[base + right], values[base + left]) { first = right }
                guard above(values[base + first], values[base + parent]) else { break }
                values.swapAt(base + first, base + parent)
                parent = first
            }
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
