/// The one ordering rule, for every method and every page (dashboard, deliberation, CSV, JSON).
///
/// Higher score first; equal scores (within 1e-9) compare the `tieBreakers` in order (higher first, e.g. the first
/// criterion's mean, then the median); still equal, they are ex aequo: they share the better rank ("1, 2, 2, 4") and
/// are listed by poster id (the entry's reference order), never by anonymous code. Posters without a score come last,
/// unranked.
public enum RankOrdering {
    public struct Item: Sendable, Equatable {
        public var posterId: Int64
        public var score: Double?
        public var tieBreakers: [Double]

        public init(posterId: Int64, score: Double?, tieBreakers: [Double] = []) {
            self.posterId = posterId
            self.score = score
            self.tieBreakers = tieBreakers
        }
    }

    public struct Ranked: Sendable, Equatable {
        public var posterId: Int64
        /// 1-based, shared by ex aequo posters; nil without a score.
        public var rank: Int?
        public var exAequo: Bool
    }

    static let epsilon = 1e-9

    static func compare(_ a: Item, _ b: Item) -> Int {
        switch (a.score, b.score) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (let x?, let y?):
            if abs(x - y) >= epsilon { return x > y ? -1 : 1 }
        }
        for k in 0..<max(a.tieBreakers.count, b.tieBreakers.count) {
            let x = k < a.tieBreakers.count ? a.tieBreakers[k] : -.infinity
            let y = k < b.tieBreakers.count ? b.tieBreakers[k] : -.infinity
            if abs(x - y) >= epsilon { return x > y ? -1 : 1 }
        }
        return 0
    }

    public static func rank(_ items: [Item]) -> [Ranked] {
        let sorted = items.sorted { a, b in
            let c = compare(a, b)
            return c != 0 ? c < 0 : a.posterId < b.posterId
        }
        var out: [Ranked] = []
        for (index, item) in sorted.enumerated() {
            guard item.score != nil else {
                out.append(Ranked(posterId: item.posterId, rank: nil, exAequo: false))
                continue
            }
            if index > 0, compare(sorted[index - 1], item) == 0, let previous = out.last?.rank {
                out[index - 1].exAequo = true
                out.append(Ranked(posterId: item.posterId, rank: previous, exAequo: true))
            } else {
                out.append(Ranked(posterId: item.posterId, rank: index + 1, exAequo: false))
            }
        }
        return out
    }
}

/// Disagreement between a poster's jurors, relative to the scale and on the method being viewed.
public enum Disagreement {
    /// Default: flagged when the spread reaches 40 % of the scale's range (4 points on 0–10, 2 on 0–5).
    public static let defaultShare = 0.4

    /// Spread (max − min) of a poster's values as a share of the scale's range.
    public static func share(of values: [Double], scale: Criterion.Scale) -> Double {
        guard let low = values.min(), let high = values.max(), scale.max > scale.min else { return 0 }
        return (high - low) / Double(scale.max - scale.min)
    }

    public static func isFlagged(_ values: [Double], scale: Criterion.Scale, share threshold: Double = defaultShare) -> Bool {
        share(of: values, scale: scale) >= threshold - 1e-12
    }
}
