import Foundation

/// One juror's scores for one entry: a score per criterion, a comment, draft or submitted.
public struct Ballot: Hashable, Sendable {
    public var entryId: Int64
    public var jurorId: Int64
    /// Score by criterion code.
    public var scores: [String: Int]
    public var comment: String
    public var submitted: Bool
    public var updatedAt: Date
    /// The judging round (1, or 2 for the shortlist scored afresh).
    public var round: Int

    public init(
        entryId: Int64, jurorId: Int64, scores: [String: Int], comment: String = "", submitted: Bool, updatedAt: Date, round: Int = 1
    ) {
        self.round = round
        self.entryId = entryId
        self.jurorId = jurorId
        self.scores = scores
        self.comment = comment
        self.submitted = submitted
        self.updatedAt = updatedAt
    }

    /// The weighted mean of the scores on the criteria's scale, or nil when a criterion has no score.
    public func weightedScore(criteria: [Criterion]) -> Double? {
        weightedScore(criteria: criteria) { _, _ in }
    }

    /// The same, handing each criterion's score to `read` (by the criterion's position) as it is looked up, so that a
    /// caller that also needs the scores hashes each criterion code once.
    func weightedScore(criteria: [Criterion], reading read: (_ criterion: Int, _ score: Int) -> Void) -> Double? {
        var total = 0.0
        var weights = 0.0
        // By index: each criterion's code and weight are read in place (`for criterion in criteria` copied each one).
        for c in criteria.indices {
            guard let score = scores[criteria[c].code] else { return nil }
            read(c, score)
            total += Double(score) * criteria[c].weight
            weights += criteria[c].weight
        }
        return weights > 0 ? total / weights : nil
    }
}

/// Checks a ballot against the edition's criteria; French problems keyed by criterion code.
public enum BallotValidation {
    public static let commentMax = 2000

    /// - Parameters:
    ///   - raw: the text typed or chosen for each criterion code (missing key: nothing chosen).
    ///   - submitting: a submitted ballot needs every criterion; a draft may be partial.
    public static func check(raw: [String: String], criteria: [Criterion], submitting: Bool) -> (scores: [String: Int], problems: [String: String]) {
        var scores: [String: Int] = [:]
        var problems: [String: String] = [:]
        for criterion in criteria {
            let text = raw[criterion.code]?.trimmingCharacters(in: .whitespaces) ?? ""
            if text.isEmpty {
                if submitting { problems[criterion.code] = "Donnez une note pour « \(criterion.label) »." }
                continue
            }
            guard let value = Int(text), criterion.scale.contains(value) else {
                problems[criterion.code] =
                    "La note de « \(criterion.label) » doit être un nombre entier de \(criterion.scale.min) à \(criterion.scale.max)."
                continue
            }
            scores[criterion.code] = value
        }
        return (scores, problems)
    }
}

/// Random codes that stand for entries in front of the jury, e.g. `K7-3QF`.
public enum AnonymousCode {
    /// No 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
    public static let alphabet = Array("ACDEFGHJKMNPQRTUVWXY34679")

    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        func pick() -> Character { alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String([pick(), pick()]) + "-" + String([pick(), pick(), pick()])
    }
}
