import Core

/// What a juror may see of their own scoring on their list page: how their submitted ballots' weighted means spread
/// over the scale, and their mean on each criterion. Only the juror's own ballots, never another juror's.
struct JurorDistribution: Encodable, Sendable {
    struct Bin: Encodable, Sendable {
        /// « de 2 à moins de 3 ».
        let label: String
        let count: Int
        /// « 3 affiches ».
        let countText: String
        /// The largest bin's count, for the bar's scale.
        let largest: Int
    }

    struct Mean: Encodable, Sendable {
        let label: String
        /// « 3,4 sur 5 », or « — » when no ballot scores it.
        let value: String
    }

    /// « 4 notations validées ».
    let ballotCount: String
    /// The mean of the ballots' means, « 3,2 sur 5 ».
    let overall: String
    let bins: [Bin]
    let means: [Mean]

    /// Nil when the juror has submitted nothing yet.
    init?(ballots: [Ballot], criteria: [Criterion]) {
        let scores = ballots.compactMap { $0.weightedScore(criteria: criteria) }
        guard !scores.isEmpty, let low = criteria.map(\.scale.min).min(), let high = criteria.map(\.scale.max).max(), high > low else { return nil }
        // One bin per unit of the scale; the top of the scale goes in the last bin.
        var counts = Array(repeating: 0, count: high - low)
        for score in scores {
            let index = min(max(Int((score - Double(low)).rounded(.down)), 0), counts.count - 1)
            counts[index] += 1
        }
        let largest = counts.max() ?? 0
        bins = counts.enumerated().map { index, count in
            let from = low + index
            let label = index == counts.count - 1 ? "de \(from) à \(from + 1)" : "de \(from) à moins de \(from + 1)"
            return Bin(label: label, count: count, countText: FrenchTypography.count(count, "affiche", "affiches"), largest: largest)
        }
        ballotCount = FrenchTypography.count(scores.count, "notation validée", "notations validées")
        overall = "\(FrenchTypography.decimal(scores.reduce(0, +) / Double(scores.count))) sur \(high)"
        means = criteria.map { criterion in
            let values = ballots.compactMap { $0.scores[criterion.code] }
            guard !values.isEmpty else { return Mean(label: criterion.label, value: "—") }
            let mean = Double(values.reduce(0, +)) / Double(values.count)
            return Mean(label: criterion.label, value: "\(FrenchTypography.decimal(mean)) sur \(criterion.scale.max)")
        }
    }
}
