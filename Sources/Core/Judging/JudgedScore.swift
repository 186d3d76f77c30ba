/// One juror's overall score for one poster (a submitted ballot's weighted mean), the input of every scoring method.
public struct JudgedScore: Hashable, Sendable {
    public var posterId: Int64
    public var jurorId: Int64
    public var value: Double

    public init(posterId: Int64, jurorId: Int64, value: Double) {
        self.posterId = posterId
        self.jurorId = jurorId
        self.value = value
    }

    /// The scores of submitted, complete ballots.
    public static func from(ballots: [Ballot], criteria: [Criterion]) -> [JudgedScore] {
        ballots.compactMap { ballot in
            guard ballot.submitted, let value = ballot.weightedScore(criteria: criteria) else { return nil }
            return JudgedScore(posterId: ballot.entryId, jurorId: ballot.jurorId, value: value)
        }
    }
}
