import GRDB

/// A counter that every write to `entry` or `establishment` moves (triggers, so that the CLI and any other writer move
/// it too): the eligible entries an edition's ranking pages read (5,000 rows, a fifth of their first build) are kept
/// while it stays the same, across the ballots, sessions and journal lines that change the database meanwhile.
enum Migration018ListingVersion {
    static let tables = ["entry", "establishment"]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("018-listing-version") { db in
            try VersionCounter.listing.create(in: db)
            for table in tables { try VersionCounter.listing.addTriggers(watching: table, in: db) }
        }
    }
}
