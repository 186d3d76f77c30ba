import Core
import Foundation
import GRDB

extension AppDatabase {
    /// Stores many entries in one transaction, without the per-entry duplicate and limit checks of `insertEntry`
    /// (imports and load measurements). Each gets a fresh anonymous code.
    @discardableResult
    public func insertEntriesInBulk(_ entries: [(entry: Entry, tokenHash: String)]) throws(StorageError) -> [Entry] {
        try write { db in
            var used = Set(try String.fetchAll(cached: db, sql: "SELECT anonymousCode FROM entry WHERE anonymousCode IS NOT NULL"))
            var generator = SystemRandomNumberGenerator()
            return try entries.compactMap { item in
                var record = EntryRecord(item.entry, tokenHash: item.tokenHash)
                record.id = nil
                var code: String
                repeat { code = AnonymousCode.make(using: &generator) } while used.contains(code)
                used.insert(code)
                record.anonymousCode = code
                try record.insert(db)
                return record.entry
            }
        }
    }

    /// Creates or replaces many ballots in one transaction.
    public func saveBallotsInBulk(_ ballots: [Ballot]) throws(StorageError) {
        try write { db in
            for ballot in ballots {
                var record = BallotRecord(ballot)
                try record.insert(db, onConflict: .replace)
            }
        }
    }
}
