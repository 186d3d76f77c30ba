import Foundation

/// The provisional ranking maths: weighted mean per ballot, mean across jurors, optional per-juror normalisation.
public enum Ranking {
    /// One entry's aggregate.
    public struct EntryResult: Equatable, Sendable {
        public var entryId: Int64
        /// Mean over counted ballots of their weighted scores (raw or normalised), on the criteria scale.
        public var score: Double?
        /// Raw mean, whatever the option.
        public var rawScore: Double?
        public var ballotCount: Int
        /// Max − min of the counted ballots' raw weighted scores.
        public var spread: Double
        /// Median of the counted ballots' raw weighted scores.
        public var median: Double?
        /// Mean score on each criterion (raw), for tie-breaking.
        public var criterionMeans: [String: Double]

        public init(
            entryId: Int64, score: Double?, rawScore: Double?, ballotCount: Int, spread: Double, median: Double?, criterionMeans: [String: Double]
        ) {
            self.entryId = entryId
            self.score = score
            self.rawScore = rawScore
            self.ballotCount = ballotCount
            self.spread = spread
            self.median = median
            self.criterionMeans = criterionMeans
        }
    }

    /// How the jurors' ballots were read.
    public struct JurorTreatment: Equatable, Sendable {
        public var jurorId: Int64
        public var ballotCount: Int
        public var normalised: Bool
        public var mean: Double
        public var standardDeviation: Double
    }

    public struct Result: Sendable {
        public var entries: [EntryResult]
        public var jurors: [JurorTreatment]
        public var normalisation: Bool
    }

    /// Aggregates submitted, counted ballots (callers leave out drafts and ballots set aside by a conflict).
    /// - Parameters:
    ///   - normalise: use per-juror z-scores rescaled to the overall mean and deviation, for jurors with at least
    ///     `minimumForNormalisation` ballots; other jurors' scores stay raw.
    public static func aggregate(
        entryIds: [Int64], ballots: [Ballot], criteria: [Criterion], normalise: Bool, minimumForNormalisation: Int
    ) -> Result {
        let weighted: [(ballot: Ballot, value: Double)] = ballots.compactMap { ballot in
            ballot.weightedScore(criteria: criteria).map { (ballot, $0) }
        }
        let all = weighted.map(\.value)
        let overallMean = mean(all) ?? 0
        let overallDeviation = standardDeviation(all) ?? 0
        let scaleMin = Double(criteria.map(\.scale.min).min() ?? 0)
        let scaleMax = Double(criteria.map(\.scale.max).max() ?? 0)

        var treatments: [Int64: JurorTreatment] = [:]
        for (jurorId, items) in Dictionary(grouping: weighted, by: { $0.ballot.jurorId }) {
            let values = items.map(\.value)
            let sd = standardDeviation(values) ?? 0
            treatments[jurorId] = JurorTreatment(
                jurorId: jurorId, ballotCount: values.count, normalised: normalise && values.count >= minimumForNormalisation && sd > 0,
                mean: mean(values) ?? 0, standardDeviation: sd)
        }

        func adjusted(_ value: Double, juror: Int64) -> Double {
            guard let treatment = treatments[juror], treatment.normalised else { return value }
            let z = (value - treatment.mean) / treatment.standardDeviation
            return min(max(overallMean + z * overallDeviation, scaleMin), scaleMax)
        }

        let byEntry = Dictionary(grouping: weighted, by: { $0.ballot.entryId })
        let results = entryIds.map { entryId -> EntryResult in
            let items = byEntry[entryId] ?? []
            let raw = items.map(\.value)
            let values = items.map { adjusted($0.value, juror: $0.ballot.jurorId) }
            var criterionMeans: [String: Double] = [:]
            for criterion in criteria {
                criterionMeans[criterion.code] = mean(items.compactMap { $0.ballot.scores[criterion.code].map(Double.init) })
            }
            return EntryResult(
                entryId: entryId, score: mean(values), rawScore: mean(raw), ballotCount: items.count,
                spread: (raw.max() ?? 0) - (raw.min() ?? 0), median: median(raw), criterionMeans: criterionMeans)
        }
        return Result(entries: results, jurors: treatments.values.sorted { $0.jurorId < $1.jurorId }, normalisation: normalise)
    }

    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Population standard deviation.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard let m = mean(values) else { return nil }
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
