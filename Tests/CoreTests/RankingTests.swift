import Core
import Foundation
import Testing

struct RankingTests {
    // Two criteria on 0…5: A weighs 2, B weighs 1.
    static let criteria = [
        Criterion(code: "a", label: "A", weight: 2, scale: .init(min: 0, max: 5)),
        Criterion(code: "b", label: "B", weight: 1, scale: .init(min: 0, max: 5)),
    ]

    static func ballot(_ entry: Int64, _ juror: Int64, _ a: Int, _ b: Int) -> Ballot {
        Ballot(entryId: entry, jurorId: juror, scores: ["a": a, "b": b], submitted: true, updatedAt: Date())
    }

    // Juror 1 is lenient, juror 2 harsh (and skipped entry 3), juror 3 scored only entry 1.
    static let ballots = [
        ballot(1, 1, 5, 5), ballot(2, 1, 4, 5), ballot(3, 1, 5, 2),
        ballot(1, 2, 2, 2), ballot(2, 2, 1, 1),
        ballot(1, 3, 3, 3),
    ]

    @Test func weighted_mean_of_a_ballot() {
        #expect(Self.ballot(2, 1, 4, 5).weightedScore(criteria: Self.criteria)! == 13.0 / 3)
        let partial = Ballot(entryId: 1, jurorId: 1, scores: ["a": 3], submitted: false, updatedAt: Date())
        #expect(partial.weightedScore(criteria: Self.criteria) == nil)
    }

    @Test func raw_ranking_is_the_mean_across_jurors_so_missing_scores_do_not_penalise() {
        let result = Ranking.aggregate(entryIds: [1, 2, 3], ballots: Self.ballots, criteria: Self.criteria, normalise: false, minimumForNormalisation: 2)
        let e = Dictionary(uniqueKeysWithValues: result.entries.map { ($0.entryId, $0) })
        // Entry 1: (5 + 2 + 3) / 3; entry 2: (13/3 + 1) / 2; entry 3: only juror 1's 4.
        #expect(abs(e[1]!.score! - 10.0 / 3) < 1e-9)
        #expect(abs(e[2]!.score! - 8.0 / 3) < 1e-9)
        #expect(e[3]!.score! == 4)
        #expect(e[1]!.ballotCount == 3 && e[2]!.ballotCount == 2 && e[3]!.ballotCount == 1)
        #expect(e[1]!.spread == 3 && abs(e[2]!.spread - 10.0 / 3) < 1e-9 && e[3]!.spread == 0)
        #expect(e[1]!.median == 3)
        #expect(e[1]!.criterionMeans["a"] == 10.0 / 3)
        #expect(result.jurors.allSatisfy { !$0.normalised })
    }

    @Test func normalisation_rescales_jurors_with_enough_scores() throws {
        let result = Ranking.aggregate(entryIds: [1, 2, 3], ballots: Self.ballots, criteria: Self.criteria, normalise: true, minimumForNormalisation: 2)
        let e = Dictionary(uniqueKeysWithValues: result.entries.map { ($0.entryId, $0) })
        // Overall: mean 29/9 ≈ 3.2222, population deviation ≈ 1.38332.
        // Juror 1 (mean 40/9, deviation ≈ 0.41574) and juror 2 (mean 1.5, deviation 0.5) are rescaled; juror 3 (1 score) stays raw.
        // Entry 1: juror 1 → 3.2222 + 1.33631 × 1.38332 = 5.07 → capped at 5; juror 2 → 3.2222 + 1 × 1.38332 = 4.6055; juror 3 → 3.
        #expect(abs(e[1]!.score! - 4.201848133258842) < 1e-9)
        #expect(abs(e[2]!.score! - 2.3457069318759887) < 1e-9)
        // The lenient juror's 4 is below their own average: normalised, it falls to ≈ 1.74.
        #expect(abs(e[3]!.score! - 1.7433886096695719) < 1e-9)
        #expect(e[3]!.rawScore! == 4)
        let treatments = Dictionary(uniqueKeysWithValues: result.jurors.map { ($0.jurorId, $0.normalised) })
        #expect(treatments == [1: true, 2: true, 3: false])
    }

    @Test func ballot_validation_checks_the_scale_and_missing_criteria() {
        let (scores, problems) = BallotValidation.check(raw: ["a": "6", "b": ""], criteria: Self.criteria, submitting: true)
        #expect(scores.isEmpty)
        #expect(problems["a"] == "La note de « A » doit être un nombre entier de 0 à 5.")
        #expect(problems["b"] == "Donnez une note pour « B ».")
        let draft = BallotValidation.check(raw: ["a": "3"], criteria: Self.criteria, submitting: false)
        #expect(draft.scores == ["a": 3] && draft.problems.isEmpty)
        #expect(BallotValidation.check(raw: ["a": "-1", "b": "2"], criteria: Self.criteria, submitting: false).problems["a"] != nil)
        #expect(BallotValidation.check(raw: ["a": "2.5", "b": "2"], criteria: Self.criteria, submitting: false).problems["a"] != nil)
    }

    @Test func anonymous_codes_use_no_look_alike_characters() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = AnonymousCode.make(using: &generator)
            #expect(code.count == 6 && code.dropFirst(2).first == "-")
            #expect(code.allSatisfy { $0 == "-" || !"0O1IL2Z5S8B".contains($0) })
        }
    }
}
