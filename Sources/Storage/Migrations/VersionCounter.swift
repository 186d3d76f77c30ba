import GRDB

/// A one-row table holding a counter that triggers move on every write to the tables it watches, so that the CLI and
/// any other writer move it too (migrations 018 and 019). Read in the same transaction as the rows it guards.
struct VersionCounter {
    /// The counter's table (`listingVersion`).
    let table: String
    /// The end of its triggers' names (`entry_insert_listing_version`).
    let triggerSuffix: String

    static let listing = VersionCounter(table: "listingVersion", triggerSuffix: "listing_version")
    static let judging = VersionCounter(table: "judgingVersion", triggerSuffix: "judging_version")

    func create(in db: Database) throws {
        try db.create(table: table) { t in
            t.column("id", .integer).primaryKey()
            t.column("value", .integer).notNull()
        }
        try db.execute(sql: "INSERT INTO \(table) (id, value) VALUES (1, 0)")
    }

    /// The counter now (nil before its migration).
    func value(in db: Database) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM \(table) WHERE id = 1"))
    }

    /// Insert, update and delete triggers on `watched` that add one to the counter.
    func addTriggers(watching watched: String, in db: Database) throws {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(watched)_\(event.lowercased())_\(triggerSuffix) AFTER \(event) ON \(watched)
                    BEGIN UPDATE \(table) SET value = value + 1 WHERE id = 1; END
                    """)
        }
    }
}
