import Core
import Foundation
import GRDB

/// A row of `invitation`: the hash of a single-use link's token.
struct InvitationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "invitation"

    var tokenHash: String
    var userId: Int64
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?

    enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let usedAt = Column(CodingKeys.usedAt)
    }
}

/// A row of `jurorConflict`: a juror must not see entries of this establishment.
struct ConflictRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "jurorConflict"

    var userId: Int64
    var uai: String
    /// `organiser` or `juror` (declared when accepting the invitation).
    var declaredBy: String
    var createdAt: Date

    enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let uai = Column(CodingKeys.uai)
    }
}

/// A row of `ballot`.
struct BallotRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ballot"

    var id: Int64?
    var entryId: Int64
    var jurorId: Int64
    var scores: [String: Int]
    var comment: String
    var submitted: Bool
    var updatedAt: Date
    var round: Int

    enum Columns {
        static let entryId = Column(CodingKeys.entryId)
        static let jurorId = Column(CodingKeys.jurorId)
        static let round = Column(CodingKeys.round)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ ballot: Ballot) {
        self.entryId = ballot.entryId
        self.jurorId = ballot.jurorId
        self.scores = ballot.scores
        self.comment = ballot.comment
        self.submitted = ballot.submitted
        self.updatedAt = ballot.updatedAt
        self.round = ballot.round
    }

    var ballot: Ballot {
        Ballot(entryId: entryId, jurorId: jurorId, scores: scores, comment: comment, submitted: submitted, updatedAt: updatedAt, round: round)
    }
}
