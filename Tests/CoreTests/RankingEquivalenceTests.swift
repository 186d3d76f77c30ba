import Foundation
import Testing

@testable import Core

/// `Ranking.aggregate` as it was until 4 December 2026 (each ballot's scores looked up by criterion code twice, each
/// value adjusted through a dictionary of jurors): the oracle of the version that reads each score once.
enum ReferenceRanking {
    static func aggregate(
        entryIds: [Int64], ballots: [Ballot], criteria: [Criterion], normalise: Bool, minimumForNormalisation: Int
    ) -> (entries: [Ranking.EntryResult], jurors: [Ranking.JurorTreatment]) {
        var counted: [Int] = []
        var all: [Double] = []
        for (index, ballot) in ballots.enumerated() {
            guard let value = ballot.weightedScore(criteria: criteria) else { continue }
            counted.append(index)
            all.append(value)
        }
        let overallMean = Ranking.mean(all) ?? 0
        let overallDeviation = Ranking.standardDeviation(all) ?? 0
        let scaleMin = Double(criteria.map(\.scale.min).min() ?? 0)
        let scaleMax = Double(criteria.map(\.scale.max).max() ?? 0)
        var byJuror: [Int64: [Int]] = [:]
        var byEntry: [Int64: [Int]] = [:]
        for (position, index) in counted.enumerated() {
            byJuror[ballots[index].jurorId, default: []].append(position)
            byEntry[ballots[index].entryId, default: []].append(position)
        }
        var treatments: [Int64: Ranking.JurorTreatment] = [:]
        for (jurorId, positions) in byJuror {
            let values = positions.map { all[$0] }
            let sd = Ranking.standardDeviation(values) ?? 0
            treatments[jurorId] = Ranking.JurorTreatment(
                jurorId: jurorId, ballotCount: values.count, normalised: normalise && values.count >= minimumForNormalisation && sd > 0,
                mean: Ranking.mean(values) ?? 0, standardDeviation: sd)
        }
        func adjusted(_ value: Double, juror: Int64) -> Double {
            guard let treatment = treatments[juror], treatment.normalised else { return value }
            let z = (value - treatment.mean) / treatment.standardDeviation
            return min(max(overallMean + z * overallDeviation, scaleMin), scaleMax)
        }
        let results = entryIds.map { entryId -> Ranking.EntryResult in
            let positions = byEntry[entryId] ?? []
            let raw = positions.map { all[$0] }
            let values = positions.map { adjusted(all[$0], juror: ballots[counted[$0]].jurorId) }
            var criterionMeans: [String: Double] = [:]
            for criterion in criteria {
                criterionMeans[criterion.code] = Ranking.mean(positions.compactMap { ballots[counted[$0]].scores[criterion.code].map(Double.init) })
            }
            return Ranking.EntryResult(
                entryId: entryId, score: Ranking.mean(values), rawScore: Ranking.mean(raw), ballotCount: positions.count,
                spread: (raw.max() ?? 0) - (raw.min() ?? 0), median: Ranking.median(raw), criterionMeans: criterionMeans)
        }
        return (results, treatments.values.sorted { $0.jurorId < $1.jurorId })
    }
}

struct RankingEquivalenceTests {
    /// Random editions: 1 to 4 criteria (some weightless, scales 0–5 to 1–20), ballots with missing scores, jurors with
    /// few and many ballots, entries without any, normalised or not: the same results to the last bit.
    @Test func reading_each_score_once_gives_exactly_the_former_results() {
        var generator = SplitMix64(seed: 2026_12_04)
        for design in 0..<60 {
            let criteria = (0..<Int.random(in: 1...4, using: &generator)).map { index in
                let low = Int.random(in: 0...1, using: &generator)
                return Criterion(
                    code: "c\(index)", label: "Critère \(index)", weight: design % 7 == 0 ? 0 : Double(Int.random(in: 0...3, using: &generator)),
                    scale: .init(min: low, max: Int.random(in: 5...20, using: &generator)))
            }
            let entryIds = (1...Int64.random(in: 1...40, using: &generator)).map { $0 }
            let jurors = Int64.random(in: 1...8, using: &generator)
            let ballots = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                var scores: [String: Int] = [:]
                for criterion in criteria where Int.random(in: 0..<20, using: &generator) > 0 {
                    scores[criterion.code] = Int.random(in: criterion.scale.min...criterion.scale.max, using: &generator)
                }
                return Ballot(
                    entryId: Int64.random(in: 1...Int64(entryIds.count + 3), using: &generator),
                    jurorId: Int64.random(in: 1...jurors, using: &generator), scores: scores, submitted: true, updatedAt: Date(timeIntervalSince1970: 0))
            }
            let normalise = design % 2 == 0
            let minimum = Int.random(in: 1...5, using: &generator)
            let expected = ReferenceRanking.aggregate(
                entryIds: entryIds, ballots: ballots, criteria: criteria, normalise: normalise, minimumForNormalisation: minimum)
            let result = Ranking.aggregate(entryIds: entryIds, ballots: ballots, criteria: criteria, normalise: normalise, minimumForNormalisation: minimum)
            #expect(result.entries == expected.entries, "design \(design)")
            #expect(result.jurors == expected.jurors, "design \(design)")
            #expect(result.normalisation == normalise)
        }
    }
}
