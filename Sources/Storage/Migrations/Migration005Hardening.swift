import GRDB

/// Throttling counters that survive a restart, the server's signing secret, and the reason an entry was cancelled.
enum Migration005Hardening {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("005-hardening") { db in
            try db.create(table: "throttle") { t in
                t.primaryKey("key", .text)
                t.column("failures", .integer).notNull()
                t.column("lastFailureAt", .datetime).notNull().indexed()
            }
            try db.create(table: "serverSecret") { t in
                t.primaryKey("name", .text)
                t.column("value", .blob).notNull()
            }
            try db.alter(table: "entry") { t in
                t.add(column: "statusReason", .text)
            }
        }
    }
}
