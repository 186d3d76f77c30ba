import Core

/// One simulated jury: posters of known quality, jurors with offsets, slopes and noise, integer 0–10 scores.
struct Simulation {
    enum Scenario: String, CaseIterable {
        case random = "random assignment"
        case clustered = "clustered (jurors mostly see one, stronger, category)"
        case erratic = "one erratic juror (noise σ = 3)"
        case fullCoverage = "full coverage (8 jurors score all 60)"
    }

    static let posterCount = 60
    static let jurorCount = 8
    static let perPoster = 4
    static let categories = ["A", "B", "C"]
    static let scale = Criterion.Scale(min: 0, max: 10)

    let quality: [Int64: Double]
    let category: [Int64: String]
    let offsets: [Double]
    let slopes: [Double]
    let noise: [Double]
    var generator: SplitMix64

    init(scenario: Scenario, seed: UInt64) {
        var g = SplitMix64(seed: seed &* 7919 &+ UInt64(Scenario.allCases.firstIndex(of: scenario) ?? 0))
        var quality: [Int64: Double] = [:]
        var category: [Int64: String] = [:]
        for i in 0..<Self.posterCount {
            let c = i % 3
            // Clustered: category A is clearly stronger, C weaker.
            let shift = scenario == .clustered ? [1.0, 0, -1.0][c] : 0
            quality[Int64(i + 1)] = 5 + shift + 1.5 * g.gaussian()
            category[Int64(i + 1)] = Self.categories[c]
        }
        self.quality = quality
        self.category = category
        self.offsets = (0..<Self.jurorCount).map { _ in 1.5 * g.gaussian() }
        self.slopes = (0..<Self.jurorCount).map { _ in 0.7 + 0.6 * g.unit() }
        self.noise = (0..<Self.jurorCount).map { $0 == 0 && scenario == .erratic ? 3 : 1 }
        self.generator = g
    }

    var jurors: [Int64] { (1...Int64(Self.jurorCount)).map { $0 } }
    var posters: [Int64] { (1...Int64(Self.posterCount)).map { $0 } }

    mutating func score(juror: Int64, poster: Int64) -> JudgedScore {
        let j = Int(juror - 1)
        let q = self.quality[poster] ?? 5
        let y = 5 + self.offsets[j] + self.slopes[j] * (q - 5) + self.noise[j] * self.generator.gaussian()
        let value = min(max(y.rounded(), Double(Self.scale.min)), Double(Self.scale.max))
        return JudgedScore(posterId: poster, jurorId: juror, value: value)
    }

    /// What the ballots say with each juror's true offset, slope and noise known (weighted least squares, weights 1/σⱼ²):
    /// the best any method could do from these ballots, the yardstick for the others.
    func oracleScores(_ ballots: [JudgedScore]) -> [Int64: Double] {
        var num: [Int64: Double] = [:]
        var den: [Int64: Double] = [:]
        for ballot in ballots {
            let j = Int(ballot.jurorId - 1)
            let w = 1 / (self.noise[j] * self.noise[j])
            num[ballot.posterId, default: 0] += w * self.slopes[j] * (ballot.value - 5 - self.offsets[j])
            den[ballot.posterId, default: 0] += w * self.slopes[j] * self.slopes[j]
        }
        return num.reduce(into: [:]) { scores, item in scores[item.key] = 5 + item.value / (den[item.key] ?? 1) }
    }

    /// Who scores what in round 1.
    mutating func assignment(_ scenario: Scenario, seed: UInt64) -> [(Int64, Int64)] {
        switch scenario {
        case .fullCoverage:
            return self.posters.flatMap { p in self.jurors.map { ($0, p) } }
        case .random, .erratic:
            let deal = JuryAssignment.deal(
                posters: self.posters.map { .init(id: $0, category: self.category[$0] ?? "") }, jurors: self.jurors, conflicts: [],
                mode: .perPoster(Self.perPoster), seed: seed)
            return deal.pairs.map { ($0.jurorId, $0.posterId) }
        case .clustered:
            // Jurors 1–3 belong to A, 4–6 to B, 7–8 to C; each poster gets up to 3 jurors of its own category.
            let home: [String: [Int64]] = ["A": [1, 2, 3], "B": [4, 5, 6], "C": [7, 8]]
            var load = [Int64: Int]()
            var pairs: [(Int64, Int64)] = []
            for p in self.posters {
                let own = home[self.category[p] ?? ""] ?? []
                var chosen = own.sorted { (load[$0] ?? 0, $0) < (load[$1] ?? 0, $1) }.prefix(3).map { $0 }
                let others = self.jurors.filter { !own.contains($0) }.sorted { (load[$0] ?? 0, $0) < (load[$1] ?? 0, $1) }
                chosen += others.prefix(Self.perPoster - chosen.count)
                for j in chosen {
                    load[j, default: 0] += 1
                    pairs.append((j, p))
                }
            }
            return pairs
        }
    }

    /// The true rank of each poster within its category (1 = best).
    func trueCategoryRanks() -> [Int64: Int] {
        var ranks: [Int64: Int] = [:]
        for c in Self.categories {
            let members = self.posters.filter { self.category[$0] == c }.sorted { (self.quality[$0] ?? 0) > (self.quality[$1] ?? 0) }
            for (i, p) in members.enumerated() { ranks[p] = i + 1 }
        }
        return ranks
    }

    var trueBest: Int64 { self.posters.max { (self.quality[$0] ?? 0) < (self.quality[$1] ?? 0) } ?? 0 }
}

/// Kendall's τ-b between estimated scores and true quality.
func kendallTau(_ estimate: [Int64: Double], _ truth: [Int64: Double]) -> Double {
    let ids = truth.keys.sorted()
    var concordant = 0.0, discordant = 0.0, tiesX = 0.0, tiesY = 0.0
    for a in 0..<ids.count {
        for b in (a + 1)..<ids.count {
            let dx = (estimate[ids[a]] ?? -99) - (estimate[ids[b]] ?? -99)
            let dy = (truth[ids[a]] ?? 0) - (truth[ids[b]] ?? 0)
            if abs(dx) < 1e-9 && abs(dy) < 1e-12 { continue }
            if abs(dx) < 1e-9 { tiesX += 1; continue }
            if abs(dy) < 1e-12 { tiesY += 1; continue }
            if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
        }
    }
    let denominator = ((concordant + discordant + tiesX) * (concordant + discordant + tiesY)).squareRoot()
    return denominator > 0 ? (concordant - discordant) / denominator : 0
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
