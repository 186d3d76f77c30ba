import Core
import Foundation

// swift run -c release JuryBench [SEEDS] [DRAWS]
// JuryBench --ballots FILE.json: the in-process report of the ballots in FILE (see BallotReplay), for .ci/bench-jury-http.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--ballots" {
    do {
        try BallotReplay.run(path: CommandLine.arguments[2])
    } catch {
        FileHandle.standardError.write(Data("JuryBench --ballots: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let seeds = arguments.first ?? 200
let draws = arguments.dropFirst().first ?? 1000
let methods = ScoringMethod.allCases
// JURYBENCH_PARAMS="λ,μ,ν" tries other priors for the calibrated method (offset prior, slope prior — `inf` for offsets
// only — and variance shrinkage); the defaults are ScoringMethod.Parameters().
let fixedParameters: ScoringMethod.Parameters = {
    guard let text = ProcessInfo.processInfo.environment["JURYBENCH_PARAMS"] else { return .init() }
    let values = text.split(separator: ",").map { $0 == "inf" ? Double.infinity : Double($0) ?? .nan }
    precondition((3...4).contains(values.count) && !values.contains(where: \.isNaN), "JURYBENCH_PARAMS: 3 or 4 numbers, e.g. 1,20,10,0.5")
    return .init(offsetPrior: values[0], slopePrior: values[1], varianceShrinkage: values[2], qualityPrior: values.count > 3 ? values[3] : 0)
}()
let parameters: ScoringMethod.Parameters = {
    var parameters = fixedParameters
    // JURYBENCH_SLOPES="20,100": the slope prior chosen among these by cross-validation on each data set.
    if let text = ProcessInfo.processInfo.environment["JURYBENCH_SLOPES"] {
        parameters.slopePriorCandidates = text.split(separator: ",").compactMap { Double($0) }
        print("Slope prior chosen by 5-fold cross-validation among \(parameters.slopePriorCandidates)\n")
    }
    return parameters
}()

if fixedParameters != .init() { print("Calibrated priors: λ \(parameters.offsetPrior), μ \(parameters.slopePrior), ν \(parameters.varianceShrinkage), κ \(parameters.qualityPrior)\n") }

print("JuryBench: \(Simulation.posterCount) posters (3 categories), \(Simulation.jurorCount) jurors, offsets σ 1.5, slopes U(0.7, 1.3),")
print("noise σ 1, integer 0–10, \(Simulation.perPoster) jurors per poster; quality ~ N(5, 1.5); \(seeds) seeds, \(draws) bootstrap draws.\n")
print("| Scenario | τ raw | τ z-score | τ calibrated | τ oracle | 90 % interval coverage (calibrated) | winner = true best: raw / z / calibrated, 1 round | 2 rounds (top 4 × 3 rescored by all), final = round 2 alone: calibrated (oracle) | 2 rounds, both rounds counted: calibrated |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for scenario in Simulation.Scenario.allCases {
    var taus = [ScoringMethod: [Double]]()
    var oracleTaus: [Double] = []
    var winners = [ScoringMethod: Int]()
    var twoRoundWinners = 0, twoRoundOracle = 0, cumulativeWinners = 0
    var covered = 0, intervals = 0
    for seed in 0..<seeds {
        var sim = Simulation(scenario: scenario, seed: UInt64(seed))
        let pairs = sim.assignment(scenario, seed: UInt64(seed) &+ 1)
        let ballots = pairs.map { sim.score(juror: $0.0, poster: $0.1) }
        oracleTaus.append(kendallTau(sim.oracleScores(ballots), sim.quality))
        var calibratedScores: [Int64: Double] = [:]
        for method in methods {
            let result = method.score(ballots, scale: Simulation.scale, parameters: parameters)
            taus[method, default: []].append(kendallTau(result.scores, sim.quality))
            let ranked = RankOrdering.rank(result.scores.map { RankOrdering.Item(posterId: $0.key, score: $0.value) })
            if ranked.first?.posterId == sim.trueBest { winners[method, default: 0] += 1 }
            if method == .calibrated { calibratedScores = result.scores }
        }
        let truth = sim.trueCategoryRanks()
        for estimate in RankUncertainty.estimate(ballots, categories: sim.category, parameters: parameters, draws: draws, seed: UInt64(seed)) {
            intervals += 1
            if let rank = truth[estimate.posterId], rank >= estimate.lowerRank, rank <= estimate.upperRank { covered += 1 }
        }
        // Round 2: the top 4 of each category, rescored afresh by all 8 jurors.
        let shortlist = Shortlist.make(scores: calibratedScores, categories: sim.category, perCategory: 4)
        let deal = Shortlist.secondRound(shortlist: shortlist, categories: sim.category, jurors: sim.jurors, conflicts: [])
        let round2 = deal.pairs.map { sim.score(juror: $0.jurorId, poster: $0.posterId) }
        func winner(_ scores: [Int64: Double]) -> Int64? {
            RankOrdering.rank(scores.map { RankOrdering.Item(posterId: $0.key, score: $0.value) }).first?.posterId
        }
        // Round 2 alone (the default final rule), against the oracle on the same round-2 ballots: the ceiling of any
        // method that reads only them.
        let final = ScoringMethod.calibrated.score(round2, scale: Simulation.scale, parameters: parameters)
        if winner(final.scores) == sim.trueBest { twoRoundWinners += 1 }
        if winner(sim.oracleScores(round2)) == sim.trueBest { twoRoundOracle += 1 }
        // Both rounds counted (the organisers' option): round 2's ballots plus round 1's on the shortlisted posters.
        let shortlisted = Set(shortlist)
        let cumulated = ScoringMethod.calibrated.score(
            round2 + ballots.filter { shortlisted.contains($0.posterId) }, scale: Simulation.scale, parameters: parameters)
        if winner(cumulated.scores) == sim.trueBest { cumulativeWinners += 1 }
    }
    func pct(_ n: Int, _ of: Int) -> String { String(format: "%.0f %%", 100 * Double(n) / Double(max(of, 1))) }
    let t = methods.map { String(format: "%.3f", median(taus[$0] ?? [])) }
    let w = methods.map { pct(winners[$0] ?? 0, seeds) }.joined(separator: " / ")
    print("| \(scenario.rawValue) | \(t[0]) | \(t[1]) | \(t[2]) | \(String(format: "%.3f", median(oracleTaus))) | \(pct(covered, intervals)) | \(w) | \(pct(twoRoundWinners, seeds)) (\(pct(twoRoundOracle, seeds))) | \(pct(cumulativeWinners, seeds)) |")
}

// Bootstrap time: 300 posters × 8 jurors (every juror scores every poster), 1000 draws.
if ProcessInfo.processInfo.environment["JURYBENCH_SKIP_TIMING"] != nil { exit(0) }
var g = SplitMix64(seed: 42)
var big: [JudgedScore] = []
var bigCategories: [Int64: String] = [:]
for p in 1...300 {
    let q = 5 + 1.5 * g.gaussian()
    bigCategories[Int64(p)] = ["A", "B", "C"][p % 3]
    for j in 1...8 {
        big.append(JudgedScore(posterId: Int64(p), jurorId: Int64(j), value: min(max((q + Double(j % 3) - 1 + g.gaussian()).rounded(), 0), 10)))
    }
}
var times: [Double] = []
for _ in 0..<5 {
    let start = ContinuousClock.now
    let estimates = RankUncertainty.estimate(big, categories: bigCategories, draws: 1000, seed: 7)
    let elapsed = ContinuousClock.now - start
    precondition(estimates.count == 300)
    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
print(String(format: "\nBootstrap, 300 posters × 8 jurors (2,400 ballots), 1,000 draws, calibrated: median %.0f ms, min %.0f ms (5 runs).", median(times) * 1000, (times.min() ?? 0) * 1000))
