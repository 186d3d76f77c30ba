import Core
import Testing

struct JuryAssignmentTests {
    static func posters(_ n: Int) -> [JuryAssignment.Poster] {
        (1...n).map { JuryAssignment.Poster(id: Int64($0), category: ["A", "B", "C"][$0 % 3]) }
    }

    static func check(_ deal: JuryAssignment.Deal, jurors: [Int64], k: Int, conflicts: Set<JuryAssignment.Pair>) {
        let loads = jurors.map { deal.load(of: $0) }
        #expect((loads.max() ?? 0) - (loads.min() ?? 0) <= 1)
        let keys = deal.pairs.map { "\($0.jurorId)-\($0.posterId)" }
        #expect(Set(keys).count == keys.count, "a juror got a poster twice")
        for conflict in conflicts { #expect(!deal.pairs.contains { $0.jurorId == conflict.jurorId && $0.posterId == conflict.posterId }) }
        #expect(deal.connected)
    }

    @Test func k_per_poster_balanced_conflict_free_connected_over_many_seeds() {
        let jurors: [Int64] = Array(1...8)
        let conflicts: Set<JuryAssignment.Pair> = [.init(jurorId: 1, posterId: 5), .init(jurorId: 2, posterId: 5), .init(jurorId: 3, posterId: 9)]
        for seed in 0..<100 as Range<UInt64> {
            let deal = JuryAssignment.deal(posters: Self.posters(60), jurors: jurors, conflicts: conflicts, mode: .perPoster(4), seed: seed)
            Self.check(deal, jurors: jurors, k: 4, conflicts: conflicts)
            #expect(deal.shortfalls.isEmpty)
            for p in 1...60 { #expect(deal.pairs.filter { $0.posterId == Int64(p) }.count == 4) }
        }
    }

    /// Every pair of jurors shares about as many posters (a near-balanced incomplete block design), rather than the same
    /// k jurors being dealt together again and again: offsets are then estimated against all the other jurors.
    @Test func every_pair_of_jurors_shares_about_as_many_posters() {
        let jurors: [Int64] = Array(1...8)
        for seed in 0..<50 as Range<UInt64> {
            let deal = JuryAssignment.deal(posters: Self.posters(60), jurors: jurors, conflicts: [], mode: .perPoster(4), seed: seed)
            var holders: [Int64: [Int64]] = [:]
            for pair in deal.pairs { holders[pair.posterId, default: []].append(pair.jurorId) }
            var shared: [String: Int] = [:]
            for a in jurors { for b in jurors where a < b { shared["\(a)-\(b)"] = 0 } }
            for list in holders.values { for a in list { for b in list where a < b { shared["\(a)-\(b)", default: 0] += 1 } } }
            // 60 posters × 6 pairs each over 28 pairs: 12.9 on average.
            let counts = shared.values
            #expect((counts.min() ?? 0) >= 10 && (counts.max() ?? 0) <= 16, "seed \(seed): pairs share \(counts.min() ?? 0)–\(counts.max() ?? 0) posters")
        }
    }

    @Test func same_seed_same_deal() {
        let a = JuryAssignment.deal(posters: Self.posters(30), jurors: [1, 2, 3, 4, 5], conflicts: [], mode: .perPoster(2), seed: 9)
        let b = JuryAssignment.deal(posters: Self.posters(30), jurors: [1, 2, 3, 4, 5], conflicts: [], mode: .perPoster(2), seed: 9)
        #expect(a == b)
    }

    @Test func too_few_non_conflicted_jurors_is_said_in_french() throws {
        let conflicts: Set<JuryAssignment.Pair> = [.init(jurorId: 1, posterId: 1), .init(jurorId: 2, posterId: 1)]
        let deal = JuryAssignment.deal(posters: Self.posters(6), jurors: [1, 2, 3], conflicts: conflicts, mode: .perPoster(2))
        let shortfall = try #require(deal.shortfalls.first)
        #expect(shortfall.posterId == 1 && shortfall.available == 1 && shortfall.needed == 2)
        #expect(shortfall.message.contains("n’a que 1 juré sans conflit"))
        #expect(!deal.pairs.contains { $0.posterId == 1 && $0.jurorId != 3 })
    }

    @Test func redeal_keeps_cast_ballots_and_never_repeats_a_pair() {
        let jurors: [Int64] = Array(1...6)
        let first = JuryAssignment.deal(posters: Self.posters(30), jurors: jurors, conflicts: [], mode: .perPoster(3), seed: 3)
        // Juror 6 cast half of their ballots, then withdraws; juror 7 joins; k goes down to 2.
        let mine = first.pairs.filter { $0.jurorId == 6 }
        let cast = Set(mine.prefix(mine.count / 2).map(\.posterId))
        let existing = first.pairs.map { JuryAssignment.Pair(jurorId: $0.jurorId, posterId: $0.posterId, cast: $0.jurorId == 6 && cast.contains($0.posterId)) }
        let now: [Int64] = [1, 2, 3, 4, 5, 7]
        let redeal = JuryAssignment.deal(posters: Self.posters(30), jurors: now, conflicts: [], mode: .perPoster(2), existing: existing, seed: 4)
        for poster in cast { #expect(redeal.pairs.contains { $0.jurorId == 6 && $0.posterId == poster && $0.cast }) }
        #expect(!redeal.pairs.contains { $0.jurorId == 6 && !$0.cast })
        let activeLoads = now.map { id in redeal.pairs.filter { $0.jurorId == id }.count }
        #expect((activeLoads.max() ?? 0) - (activeLoads.min() ?? 0) <= 1)
        #expect(redeal.pairs.filter { $0.jurorId == 7 }.count > 0)
        let keys = redeal.pairs.map { "\($0.jurorId)-\($0.posterId)" }
        #expect(Set(keys).count == keys.count)
        for p in 1...30 {
            let count = redeal.pairs.filter { $0.posterId == Int64(p) }.count
            #expect(count >= 2)
            if count > 2 { #expect(redeal.overfilled.contains(Int64(p))) }
        }
    }
}

struct ScoringMethodTests {
    static let scale = Criterion.Scale(min: 0, max: 10)
    static func s(_ p: Int64, _ j: Int64, _ v: Double) -> JudgedScore { JudgedScore(posterId: p, jurorId: j, value: v) }

    @Test func raw_mean_by_hand() {
        let r = ScoringMethod.rawMean.score([Self.s(1, 1, 6), Self.s(1, 2, 8), Self.s(2, 1, 3)], scale: Self.scale)
        #expect(r.scores == [1: 7, 2: 3])
    }

    @Test func z_score_by_hand_is_not_clamped() {
        // Juror 1: 2, 4 (mean 3, sd 1); juror 2: 10, 10 (no spread, stays raw). Overall mean 6.5, sd √(16.75)... by hand:
        // values 2, 4, 10, 10 → mean 6.5, population sd = √((20.25 + 6.25 + 12.25 + 12.25) / 4) = √12.75.
        let ballots = [Self.s(1, 1, 2), Self.s(2, 1, 4), Self.s(1, 2, 10), Self.s(2, 2, 10)]
        let r = ScoringMethod.zScore.score(ballots, scale: Self.scale)
        let sd = 12.75.squareRoot()
        #expect(abs(r.adjusted[0] - (6.5 - sd)) < 1e-9)
        #expect(abs(r.adjusted[1] - (6.5 + sd)) < 1e-9)
        #expect(r.adjusted[2] == 10)
        // (6.5 + √12.75 + 10) / 2 ≈ 10.04: above the scale, reported not clamped.
        #expect(abs(r.scores[2]! - (6.5 + sd + 10) / 2) < 1e-9)
        #expect(r.outOfScale == [2])
    }

    @Test func calibrated_removes_a_constant_offset_and_ranks_like_the_truth() {
        // Two jurors see the same three posters; juror 2 is 3 points harsher on each.
        let ballots = [Self.s(1, 1, 8), Self.s(2, 1, 6), Self.s(3, 1, 4), Self.s(1, 2, 5), Self.s(2, 2, 3), Self.s(3, 2, 1)]
        let r = ScoringMethod.calibrated.score(ballots, scale: Self.scale)
        let o1 = r.jurorOffsets[1]!, o2 = r.jurorOffsets[2]!
        // The prior (1 pseudo-ballot against 3 real ones) pulls each offset toward 0: about 3 × 3 / 4 apart.
        #expect(o1 - o2 > 2 && o1 - o2 <= 3.0001)
        #expect(r.scores[1]! > r.scores[2]! && r.scores[2]! > r.scores[3]!)
        // The quality prior (κ = 0.5 pseudo-ballot) pulls each poster toward the mean by n / (n + κ) = 2 / 2.5: the true
        // 2-point gap reads about 1.6 (the order, which is what ranks use, is unchanged).
        let gap: Double = r.scores[1]! - r.scores[2]!
        let shrunk: Double = 2 * 2 / 2.5
        #expect(abs(gap - shrunk) < 0.2)
    }

    @Test func calibrated_beats_raw_when_a_harsh_juror_sees_only_half() {
        // True order 1 > 2 > 3 > 4. Juror 3 (3 points harsh) scores 1 and 2 only; jurors 1 and 2 score everything.
        var ballots: [JudgedScore] = []
        let truth: [Int64: Double] = [1: 8, 2: 7, 3: 6, 4: 5]
        for (p, q) in truth { ballots += [Self.s(p, 1, q), Self.s(p, 2, q)] }
        ballots += [Self.s(1, 3, 5), Self.s(2, 3, 4)]
        let raw = ScoringMethod.rawMean.score(ballots, scale: Self.scale)
        let cal = ScoringMethod.calibrated.score(ballots, scale: Self.scale)
        #expect(raw.scores[2]! <= raw.scores[3]!)
        #expect(cal.scores[2]! > cal.scores[3]!)
    }
}

struct RankOrderingTests {
    @Test func ties_share_the_better_rank_and_are_listed_by_id() {
        let ranked = RankOrdering.rank([
            .init(posterId: 9, score: 5), .init(posterId: 3, score: 7), .init(posterId: 4, score: 5), .init(posterId: 1, score: nil),
        ])
        #expect(ranked.map(\.posterId) == [3, 4, 9, 1])
        #expect(ranked.map(\.rank) == [1, 2, 2, nil])
        #expect(ranked.map(\.exAequo) == [false, true, true, false])
        let broken = RankOrdering.rank([.init(posterId: 9, score: 5, tieBreakers: [4]), .init(posterId: 4, score: 5, tieBreakers: [3])])
        #expect(broken.map(\.posterId) == [9, 4] && broken.map(\.rank) == [1, 2])
    }

    @Test func disagreement_is_relative_to_the_scale() {
        #expect(!Disagreement.isFlagged([5, 6.5], scale: .init(min: 0, max: 10)))
        #expect(Disagreement.isFlagged([5, 9], scale: .init(min: 0, max: 10)))
        #expect(Disagreement.isFlagged([2, 4], scale: .init(min: 0, max: 5)))
    }
}

struct RankUncertaintyTests {
    static func ballots() -> [JudgedScore] {
        var out: [JudgedScore] = []
        var g = SplitMix64(seed: 5)
        for p in 1...12 {
            for j in 1...4 { out.append(JudgedScore(posterId: Int64(p), jurorId: Int64(j), value: (Double(p % 6) + g.gaussian()).rounded())) }
        }
        return out
    }

    @Test func same_seed_same_intervals_other_seed_may_differ() {
        let categories = Dictionary(uniqueKeysWithValues: (1...12).map { (Int64($0), $0 <= 6 ? "A" : "B") })
        let a = RankUncertainty.estimate(Self.ballots(), categories: categories, draws: 1000, seed: 1)
        let b = RankUncertainty.estimate(Self.ballots(), categories: categories, draws: 1000, seed: 1)
        #expect(a == b)
        #expect(a.count == 12)
        for e in a {
            #expect(1 <= e.lowerRank && e.lowerRank <= e.upperRank && e.upperRank <= 6)
            #expect(e.prizeProbability >= 0 && e.prizeProbability <= 1)
        }
        #expect(abs(a.filter { $0.category == "A" }.map(\.prizeProbability).reduce(0, +) - 3) < 0.2)
    }

    @Test func overlapping_intervals_are_grouped_with_the_french_sentence() {
        let estimates = [
            RankUncertainty.Estimate(posterId: 1, category: "A", lowerRank: 1, upperRank: 1, prizeProbability: 1),
            .init(posterId: 2, category: "A", lowerRank: 2, upperRank: 4, prizeProbability: 0.7),
            .init(posterId: 3, category: "A", lowerRank: 2, upperRank: 5, prizeProbability: 0.6),
            .init(posterId: 4, category: "A", lowerRank: 3, upperRank: 5, prizeProbability: 0.5),
            .init(posterId: 5, category: "A", lowerRank: 4, upperRank: 5, prizeProbability: 0.2),
        ]
        let groups = RankUncertainty.indistinguishable(estimates, order: [1, 2, 3, 4, 5])
        #expect(groups.map(\.posterIds) == [[2, 3, 4, 5]])
        #expect(groups.first?.sentence == "ces 4 affiches ne peuvent pas être départagées par les notes")
    }
}

struct ShortlistTests {
    @Test func top_n_per_category_then_adjustments() {
        let scores: [Int64: Double] = [1: 9, 2: 8, 3: 8, 4: 1, 5: 7, 6: 6, 7: 2]
        let categories: [Int64: String] = [1: "A", 2: "A", 3: "A", 4: "A", 5: "B", 6: "B", 7: "B"]
        // Ex aequo at the cut are all kept: 2 and 3 share rank 2.
        #expect(Shortlist.make(scores: scores, categories: categories, perCategory: 2) == [1, 2, 3, 5, 6])
        let adjusted = Shortlist.make(
            scores: scores, categories: categories, perCategory: 2,
            adjustments: .init(added: [4], removed: [6], favourites: [7], includeFavourites: true))
        #expect(adjusted == [1, 2, 3, 4, 5, 7])
        let round2 = Shortlist.secondRound(shortlist: adjusted, categories: categories, jurors: [1, 2, 3], conflicts: [.init(jurorId: 2, posterId: 4)])
        #expect(round2.pairs.count == 6 * 3 - 1)
        #expect(round2.shortfalls.isEmpty)
    }
}

struct SlopePriorSelectionTests {
    /// Two jurors who score every poster, one spreading the scale twice as wide as the other: a loose slope prior predicts
    /// held-out ballots better than one that pins slopes at 1.
    static func ballots() -> [JudgedScore] {
        (1...12).flatMap { poster -> [JudgedScore] in
            let quality = Double(poster % 6) - 2.5
            return [
                JudgedScore(posterId: Int64(poster), jurorId: 1, value: 5 + 0.5 * quality + (poster % 2 == 0 ? 0.1 : -0.1)),
                JudgedScore(posterId: Int64(poster), jurorId: 2, value: 5 + 1.5 * quality + (poster % 3 == 0 ? 0.1 : -0.1)),
                JudgedScore(posterId: Int64(poster), jurorId: 3, value: 5 + quality),
            ]
        }
    }

    @Test func cross_validation_picks_the_slope_prior_that_predicts_best_and_scores_as_with_it() {
        let scale = Criterion.Scale(min: 0, max: 10)
        var choosing = ScoringMethod.Parameters()
        choosing.slopePriorCandidates = [1e6, 1]
        let chosen = ScoringMethod.calibrated.score(Self.ballots(), scale: scale, parameters: choosing)
        let loose = ScoringMethod.calibrated.score(Self.ballots(), scale: scale, parameters: .init(slopePrior: 1))
        let pinned = ScoringMethod.calibrated.score(Self.ballots(), scale: scale, parameters: .init(slopePrior: 1e6))
        #expect(chosen == loose)
        #expect(chosen != pinned)
        // One candidate, or none: the parameters as given.
        var single = ScoringMethod.Parameters(slopePrior: 1e6)
        single.slopePriorCandidates = [1]
        #expect(ScoringMethod.calibrated.score(Self.ballots(), scale: scale, parameters: single) == pinned)
    }
}

struct JudgingReportOrderTests {
    /// The bootstrap draws ballots by position: the report must not depend on the order the database returns them in.
    @Test func the_report_is_the_same_whatever_the_order_of_the_ballots() {
        var ballots: [JudgedScore] = []
        for poster in 1...9 {
            for juror in 1...4 where (poster + juror) % 4 != 0 {
                ballots.append(JudgedScore(posterId: Int64(poster), jurorId: Int64(juror), value: Double((poster * 7 + juror * 3) % 11)))
            }
        }
        let posters = (1...9).map { (id: Int64($0), category: $0 % 2 == 0 ? "A" : "B") }
        func report(_ ballots: [JudgedScore]) -> JudgingReport {
            JudgingReport.make(ballots, posters: posters, categoryOrder: ["A", "B"], scale: .init(min: 0, max: 10), prizePlaces: 2, draws: 200)
        }
        var generator = SplitMix64(seed: 7)
        let shuffled = ballots.shuffled(using: &generator)
        #expect(shuffled != ballots)
        #expect(report(shuffled) == report(ballots))
        #expect(report(ballots.reversed()) == report(ballots))
    }

    /// A report made without its intervals, then given them, is the report made with them; the request it keeps is the
    /// same for the same ballots in another order (what the service keeps outcomes by).
    @Test func deferred_intervals_put_in_later_give_the_same_report() throws {
        var ballots: [JudgedScore] = []
        for poster in 1...12 {
            for juror in 1...5 where (poster * 3 + juror) % 5 != 0 {
                ballots.append(JudgedScore(posterId: Int64(poster), jurorId: Int64(juror), value: Double((poster * 5 + juror * 7) % 11)))
            }
        }
        let posters = (1...12).map { (id: Int64($0), category: $0 % 3 == 0 ? "A" : "B") }
        func report(_ ballots: [JudgedScore], deferred: Bool) -> JudgingReport {
            JudgingReport.make(
                ballots, posters: posters, categoryOrder: ["A", "B"], scale: .init(min: 0, max: 10), prizePlaces: 2, draws: 300,
                deferUncertainty: deferred)
        }
        let whole = report(ballots, deferred: false)
        #expect(whole.pendingUncertainty == nil)
        #expect(whole.categories.flatMap(\.rows).allSatisfy { $0.interval != nil && $0.prizeProbability != nil })
        #expect(!whole.categories.flatMap(\.groups).isEmpty)
        let deferred = report(ballots, deferred: true)
        let request = try #require(deferred.pendingUncertainty)
        #expect(request.draws == 300 && request.ballots.count == ballots.count)
        #expect(deferred.categories.flatMap(\.rows).allSatisfy { $0.interval == nil && $0.prizeProbability == nil })
        #expect(deferred.categories.flatMap(\.groups).isEmpty)
        #expect(deferred.attaching(request.estimate()) == whole)
        #expect(report(ballots.reversed(), deferred: true).pendingUncertainty == request)
        // Without draws there is nothing to compute.
        let none = JudgingReport.make(ballots, posters: posters, categoryOrder: ["A", "B"], scale: .init(min: 0, max: 10), prizePlaces: 2, draws: 0)
        #expect(none.pendingUncertainty == nil)
    }
}
