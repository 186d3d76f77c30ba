import GRDB

/// A counter that every write to `entry` or `establishment` moves (triggers, so that the CLI and any other writer move
/// it too): the eligible entries an edition's ranking pages read (5,000 rows, a fifth of their first build) are kept
/// while it stays the same, across the ballots, sessions and journal lines that change the database meanwhile.
enum Migration018ListingVersion {
    static let tables = ["entry", "establishment"]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("018-listing-version") { db in
            try db.create(table: "listingVersion") { t in
                t.column("id", .integer).primaryKey()
                t.column("value", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO listingVersion (id, value) VALUES (1, 0)")
            for table in tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_\(event.lowercased())_listing_version AFTER \(event) ON \(table)
                            BEGIN UPDATE listingVersion SET value = value + 1 WHERE id = 1; END
                            """)
                }
            }
        }
    }
}
