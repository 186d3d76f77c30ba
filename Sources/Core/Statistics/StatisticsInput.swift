import Foundation

/// The plain facts the statistics are computed from, read by storage in one lean pass (no poster, no statement).
public struct StatisticsInput: Sendable {
    /// One entry as the statistics see it.
    public struct EntryFact: Sendable, Hashable {
        public var id: Int64
        public var status: EntryStatus
        public var eligibility: Eligibility
        public var createdAt: Date
        public var categoryCode: String
        /// The establishment's UAI code.
        public var establishment: String
        public var departement: String
        public var establishmentType: EstablishmentType

        public init(
            id: Int64, status: EntryStatus, eligibility: Eligibility, createdAt: Date, categoryCode: String, establishment: String,
            departement: String, establishmentType: EstablishmentType
        ) {
            self.id = id
            self.status = status
            self.eligibility = eligibility
            self.createdAt = createdAt
            self.categoryCode = categoryCode
            self.establishment = establishment
            self.departement = departement
            self.establishmentType = establishmentType
        }
    }

    /// A juror whose account is enabled, with the establishments (UAI codes) whose posters they never see.
    public struct JurorFact: Sendable, Hashable {
        public var id: Int64
        public var conflicts: Set<String>

        public init(id: Int64, conflicts: Set<String>) {
            self.id = id
            self.conflicts = conflicts
        }
    }

    /// One juror's ballot on one entry, draft or submitted.
    public struct BallotFact: Sendable, Hashable {
        public var entryId: Int64
        public var jurorId: Int64
        public var submitted: Bool

        public init(entryId: Int64, jurorId: Int64, submitted: Bool) {
            self.entryId = entryId
            self.jurorId = jurorId
            self.submitted = submitted
        }
    }

    public var entries: [EntryFact]
    public var jurors: [JurorFact]
    /// Round 1's ballots.
    public var ballots: [BallotFact]
    /// With k jurors per poster in round 1: the posters dealt to each juror (nil: every juror sees every poster).
    public var dealt: [Int64: Set<Int64>]? = nil

    public init(entries: [EntryFact], jurors: [JurorFact], ballots: [BallotFact]) {
        self.entries = entries
        self.jurors = jurors
        self.ballots = ballots
    }
}
