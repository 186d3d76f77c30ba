import Core
import Foundation
import GRDB

/// Jurors' « coups de cœur » (a flag for the shortlist) and what a juror may see of their own scoring.
extension AppDatabase {
    /// The entries a juror flagged in an edition.
    public func favourites(editionId: Int64, jurorId: Int64) throws(StorageError) -> Set<Int64> {
        try read { db in
            Set(
                try Int64.fetchAll(
                    cached: db, sql: "SELECT entryId FROM juryFavourite WHERE editionId = ? AND jurorId = ?", arguments: [editionId, jurorId]))
        }
    }

    /// Flags (or unflags) an entry for a juror; doing it twice is the same as once.
    public func setFavourite(editionId: Int64, jurorId: Int64, entryId: Int64, _ on: Bool, now: Date = Date()) throws(StorageError) {
        try write { db in
            if on {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO juryFavourite (editionId, jurorId, entryId, createdAt) VALUES (?, ?, ?, ?)",
                    arguments: [editionId, jurorId, entryId, now])
            } else {
                try db.execute(
                    sql: "DELETE FROM juryFavourite WHERE editionId = ? AND jurorId = ? AND entryId = ?", arguments: [editionId, jurorId, entryId])
            }
        }
    }

    /// Entry id → how many jurors flagged it, for the organisers' second-round preview (entries nobody flagged are absent).
    public func favouriteCounts(editionId: Int64) throws(StorageError) -> [Int64: Int] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                cached: db, sql: "SELECT entryId, COUNT(*) AS jurors FROM juryFavourite WHERE editionId = ? GROUP BY entryId", arguments: [editionId])
            {
                counts[row["entryId"]] = row["jurors"]
            }
            return counts
        }
    }

    /// The juror's submitted ballots on the posters they may see now (a ballot set aside by a conflict is left out).
    public func jurorSubmittedBallots(editionId: Int64, jurorId: Int64) throws(StorageError) -> [Ballot] {
        // Read column by column, scores without a JSON decoder (``ScoresJSON``): a juror with 5,000 ballots opens this list
        // page often, and decoding each record cost 35 ms of its 50.
        try read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT b.entryId, b.jurorId, b.scores, b.comment, b.submitted, b.updatedAt, b.round " + Self.jurorBallotIndexSQL + " AND b.submitted = 1"),
                arguments: [jurorId, jurorId, editionId, jurorId])
            var ballots: [Ballot] = []
            while let row = try rows.next() {
                let scores = try ScoresJSON.required(row[2])
                ballots.append(Ballot(entryId: row[0], jurorId: row[1], scores: scores, comment: row[3], submitted: row[4], updatedAt: row[5], round: row[6]))
            }
            return ballots
        }
    }
}
