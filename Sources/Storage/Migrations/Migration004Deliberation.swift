import GRDB

/// Prizes, the organisers' order for remaining ties, and the audit log.
enum Migration004Deliberation {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("004-deliberation") { db in
            try db.create(table: "award") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("edition", onDelete: .cascade).notNull()
                t.column("prizeCode", .text).notNull()
                // Empty for edition-wide prizes, so that the unique key also holds for them.
                t.column("categoryCode", .text).notNull()
                t.belongsTo("entry", onDelete: .cascade).notNull().unique()
                t.column("reason", .text)
                t.column("assignedBy", .text).notNull()
                t.column("assignedAt", .datetime).notNull()
                t.uniqueKey(["editionId", "prizeCode", "categoryCode"])
            }
            try db.create(table: "tieOrder") { t in
                t.primaryKey("entryId", .integer).references("entry", onDelete: .cascade)
                t.column("position", .integer).notNull()
            }
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull().indexed()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("details", .text).notNull()
                t.column("editionId", .integer)
            }
        }
    }
}
