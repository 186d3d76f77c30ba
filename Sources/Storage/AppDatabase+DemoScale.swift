import Core
import Foundation
import GRDB

extension AppDatabase {
    /// Adds `entries` in one transaction, for demonstrations and benchmarks at the size of a large académie.
    ///
    /// Unlike `insertEntry`, several entries may share one stored poster (a demo of 5,000 posters reuses a few generated
    /// images), so the duplicate-poster and per-establishment rules are not applied; references, anonymous codes and
    /// private-link hashes are still unique. Ballots, if given, are stored in the same transaction: `scores(index)`
    /// gives each juror's submitted scores for the entry at that position.
    public func insertDemoEntries(_ entries: [(entry: Entry, tokenHash: String)], ballots: [(jurorId: Int64, scores: (Int) -> [String: Int]?)] = [], now: Date) throws(StorageError) {
        try write { db in
            var generator = SystemRandomNumberGenerator()
            var codes = Set(try String.fetchAll(cached: db, sql: "SELECT anonymousCode FROM entry WHERE anonymousCode IS NOT NULL"))
            for (index, item) in entries.enumerated() {
                var record = EntryRecord(item.entry, tokenHash: item.tokenHash)
                record.id = nil
                repeat { record.anonymousCode = AnonymousCode.make(using: &generator) } while codes.contains(record.anonymousCode ?? "")
                codes.insert(record.anonymousCode ?? "")
                try record.insert(db)
                guard let entryID = record.id else { continue }
                for ballot in ballots {
                    guard let scores = ballot.scores(index) else { continue }
                    var ballotRecord = BallotRecord(Ballot(entryId: entryID, jurorId: ballot.jurorId, scores: scores, comment: "", submitted: true, updatedAt: now))
                    try ballotRecord.insert(db)
                }
            }
        }
    }
}
