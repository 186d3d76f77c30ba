import Core
import Foundation

/// `JuryBench --ballots FILE.json`: the in-process `JudgingReport` of ballots read from a file, printed as JSON.
///
/// `.ci/bench-jury-http` gives it the ballots it cast through the running service's forms and checks that the service's
/// `classement.json` says the same (scores, ranks, rank intervals, prize chances).
enum BallotReplay {
    struct Input: Decodable {
        struct Ballot: Decodable {
            let juror: Int64
            let poster: Int64
            let value: Double
            let category: String
        }
        /// In the order the service reads them: the bootstrap's draws depend on it, the scores do not.
        let ballots: [Ballot]
        /// Every poster of the round with its category, ballots or not (default: those of the ballots).
        let posters: [Poster]?
        let categoryOrder: [String]?
        let scale: Criterion.Scale?
        let prizePlaces: Int?
        let draws: Int?

        struct Poster: Decodable {
            let id: Int64
            let category: String
        }
    }

    struct Output: Encodable {
        struct Row: Encodable {
            let poster: Int64
            let category: String
            let ballots: Int
            let scores: [String: Double]
            let ranks: [String: Int]
            let exAequo: Bool
            let rankInterval: [Int]?
            let prizePlaceProbability: Double?
        }
        let defaultMethod: String
        let draws: Int
        let rows: [Row]
    }

    static func run(path: String) throws {
        let input = try JSONDecoder().decode(Input.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var posters = input.posters?.map { (id: $0.id, category: $0.category) } ?? []
        if input.posters == nil {
            var seen = Set<Int64>()
            for ballot in input.ballots where seen.insert(ballot.poster).inserted { posters.append((id: ballot.poster, category: ballot.category)) }
        }
        let categories = input.categoryOrder ?? Array(Set(posters.map(\.category))).sorted()
        let scores = input.ballots.map { JudgedScore(posterId: $0.poster, jurorId: $0.juror, value: $0.value) }
        let draws = input.draws ?? 1000
        let report = JudgingReport.make(
            scores, posters: posters, categoryOrder: categories, scale: input.scale ?? Simulation.scale, prizePlaces: input.prizePlaces ?? 3,
            draws: draws)
        let output = Output(
            defaultMethod: report.method.rawValue, draws: report.draws,
            rows: report.categories.flatMap { category in
                category.rows.map { row in
                    Output.Row(
                        poster: row.posterId, category: row.category, ballots: row.ballotCount,
                        scores: Dictionary(uniqueKeysWithValues: row.scores.map { ($0.key.rawValue, $0.value) }),
                        ranks: Dictionary(uniqueKeysWithValues: row.ranks.map { ($0.key.rawValue, $0.value) }), exAequo: row.exAequo,
                        rankInterval: row.interval.map { [$0.lowerBound, $0.upperBound] }, prizePlaceProbability: row.prizeProbability)
                }
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        FileHandle.standardOutput.write(try encoder.encode(output))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
