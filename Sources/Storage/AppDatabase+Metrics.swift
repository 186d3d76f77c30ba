import Foundation
import GRDB

/// Counts read at each `/metrics` scrape: they come from the database, so they are right after a restart.
public struct OperationalCounts: Sendable, Equatable {
    public struct EntryGroup: Sendable, Equatable {
        public let year: Int
        /// `active`, `withdrawn` or `cancelled`.
        public let status: String
        /// `pending`, `eligible` or `ineligible`.
        public let eligibility: String
        public let count: Int
    }

    public struct BallotGroup: Sendable, Equatable {
        public let year: Int
        public let submitted: Bool
        public let count: Int
    }

    public let entries: [EntryGroup]
    public let ballots: [BallotGroup]
}

extension AppDatabase {
    /// Entries per edition, state and eligibility, and ballots per edition (submitted or draft), in two grouped queries.
    public func operationalCounts() async throws -> OperationalCounts {
        try await writer.read { db in
            let entries = try Row.fetchAll(cached: db,
                sql: """
                    SELECT edition.year, entry.status, entry.eligibility, COUNT(*) AS n
                    FROM entry JOIN edition ON edition.id = entry.editionId
                    GROUP BY edition.year, entry.status, entry.eligibility ORDER BY edition.year, entry.status, entry.eligibility
                    """
            ).map { row in
                OperationalCounts.EntryGroup(year: row["year"], status: row["status"], eligibility: row["eligibility"], count: row["n"])
            }
            let ballots = try Row.fetchAll(cached: db,
                sql: """
                    SELECT edition.year, ballot.submitted, COUNT(*) AS n
                    FROM ballot JOIN entry ON entry.id = ballot.entryId JOIN edition ON edition.id = entry.editionId
                    GROUP BY edition.year, ballot.submitted ORDER BY edition.year, ballot.submitted
                    """
            ).map { row in OperationalCounts.BallotGroup(year: row["year"], submitted: row["submitted"], count: row["n"]) }
            return OperationalCounts(entries: entries, ballots: ballots)
        }
    }
}
