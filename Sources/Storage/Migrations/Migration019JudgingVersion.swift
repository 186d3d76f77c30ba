import GRDB

/// A counter that every write to a table the jury's boards read moves (triggers, so that the CLI and any other writer
/// move it too). The jury dashboard is kept while it stays the same: a sign-in, a journal line or a mail queued no
/// longer throws away a board that took 80–150 ms to build at 5,000 entries.
///
/// Every table has the triggers but those of `unrelated`, which no board reads: a table added later gets them from its
/// own migration (`VersionCounter.judging.addTriggers(watching:in:)`), and `JudgingVersionTests` fails for one that has neither.
enum Migration019JudgingVersion {
    /// Tables whose writes never change what a board shows: sessions, the journal, sign-in throttling, the mail queue,
    /// files waiting to be deleted, and the counters themselves.
    static let unrelated: Set<String> = ["session", "auditEvent", "throttle", "mailOutbox", "pendingFileDeletion", "listingVersion", "judgingVersion"]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("019-judging-version") { db in
            try VersionCounter.judging.create(in: db)
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
            for table in tables where !unrelated.contains(table) { try VersionCounter.judging.addTriggers(watching: table, in: db) }
        }
    }
}
