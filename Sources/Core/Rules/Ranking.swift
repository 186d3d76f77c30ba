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
        // Ballots are read by index (not copied into groups: 10,000 of them on a large edition), in their given order,
        // so that every mean and deviation adds the same values in the same order. Each counted ballot's scores are
        // looked up once (by criterion code, a string hash each) into `matrix`, row by row.
        let criterionCount = criteria.count
        var counted: [Int] = []
        var all: [Double] = []
        var matrix: [Int] = []
        counted.reserveCapacity(ballots.count)
        all.reserveCapacity(ballots.count)
        matrix.reserveCapacity(ballots.count * criterionCount)
        var row = [Int](repeating: 0, count: criterionCount)
        for index in ballots.indices {
            guard let value = ballots[index].weightedScore(criteria: criteria, reading: { row[$0] = $1 }) else { continue }
            counted.append(index)
            all.append(value)
            matrix.append(contentsOf: row)
        }
        let overallMean = mean(all) ?? 0
        let overallDeviation = standardDeviation(all) ?? 0
        let scaleMin = Double(criteria.map(\.scale.min).min() ?? 0)
        let scaleMax = Double(criteria.map(\.scale.max).max() ?? 0)

        // Positions in `counted` / `all`, by juror and by entry, each group in the ballots' order.
        let byJuror = Self.groups(counted.map { ballots[$0].jurorId })
        let byEntry = Self.groups(counted.map { ballots[$0].entryId })
        var treatments: [Int64: JurorTreatment] = [:]
        // Each counted value as the ranking reads it: standardised for a normalised juror.
        var adjusted = all
        for (jurorId, positions) in byJuror.members {
            let values = positions.map { all[$0] }
            let sd = standardDeviation(values) ?? 0
            let treatment = JurorTreatment(
                jurorId: jurorId, ballotCount: values.count, normalised: normalise && values.count >= minimumForNormalisation && sd > 0,
                mean: mean(values) ?? 0, standardDeviation: sd)
            treatments[jurorId] = treatment
            guard treatment.normalised else { continue }
            for position in positions {
                let z = (all[position] - treatment.mean) / treatment.standardDeviation
                adjusted[position] = min(max(overallMean + z * overallDeviation, scaleMin), scaleMax)
            }
        }

        let results = entryIds.map { entryId -> EntryResult in
            let positions = byEntry.positions(of: entryId)
            let raw = positions.map { all[$0] }
            let values = positions.map { adjusted[$0] }
            var criterionMeans = [String: Double](minimumCapacity: criterionCount)
            for c in 0..<criterionCount {
                criterionMeans[criteria[c].code] = mean(positions.map { Double(matrix[$0 * criterionCount + c]) })
            }
            return EntryResult(
                entryId: entryId, score: mean(values), rawScore: mean(raw), ballotCount: positions.count,
                spread: (raw.max() ?? 0) - (raw.min() ?? 0), median: median(raw), criterionMeans: criterionMeans)
        }
        return Result(entries: results, jurors: treatments.values.sorted { $0.jurorId < $1.jurorId }, normalisation: normalise)
    }

    /// Positions 0..<keys.count grouped by key, each group in increasing position (a counting sort: one flat buffer,
    /// not one growing array per key).
    struct Groups {
        let slot: [Int64: Int]
        let start: [Int]
        let flat: [Int]

        func positions(of key: Int64) -> ArraySlice<Int> {
            guard let s = slot[key] else { return [] }
            return flat[start[s]..<start[s + 1]]
        }

        var members: [(key: Int64, positions: ArraySlice<Int>)] {
            slot.map { (key: $0.key, positions: flat[start[$0.value]..<start[$0.value + 1]]) }
        }
    }

    static func groups(_ keys: [Int64]) -> Groups {
        var slot: [Int64: Int] = [:]
        var slotOf = [Int](repeating: 0, count: keys.count)
        var counts: [Int] = []
        for (position, key) in keys.enumerated() {
            let s: Int
            if let known = slot[key] {
                s = known
            } else {
                s = counts.count
                slot[key] = s
                counts.append(0)
            }
            slotOf[position] = s
            counts[s] += 1
        }
        var start = [Int](repeating: 0, count: counts.count + 1)
        for s in counts.indices { start[s + 1] = start[s] + counts[s] }
        var next = Array(start.dropLast())
        var flat = [Int](repeating: 0, count: keys.count)
        for position in keys.indices {
            flat[next[slotOf[position]]] = position
            next[slotOf[position]] += 1
        }
        return Groups(slot: slot, start: start, flat: flat)
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
