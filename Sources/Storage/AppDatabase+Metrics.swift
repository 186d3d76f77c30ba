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
    /// Outbox messages by state (`queued`, `sent`, `failed`, `cancelled`) and kind.
    public let mail: [MailGroup]

    public struct MailGroup: Sendable, Equatable {
        public let state: String
        public let kind: String
        public let count: Int
    }
}

extension AppDatabase {
    /// Entries per edition, state and eligibility, ballots per edition (submitted or draft), and outbox messages per
    /// state and kind, in three grouped queries.
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
            let mail = try Row.fetchAll(cached: db,
                sql: "SELECT state, kind, COUNT(*) AS n FROM mailOutbox GROUP BY state, kind ORDER BY state, kind"
            ).map { row in OperationalCounts.MailGroup(state: row["state"], kind: row["kind"], count: row["n"]) }
            return OperationalCounts(entries: entries, ballots: ballots, mail: mail)
        }
    }
}
