import GRDB

/// Editions, establishments, accounts and sessions.
enum Migration001Foundation {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("001-foundation") { db in
            try db.create(table: "edition") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("number", .integer).notNull()
                t.column("year", .integer).notNull().unique()
                t.column("theme", .text).notNull()
                t.column("weekStart", .text).notNull()
                t.column("weekEnd", .text).notNull()
                t.column("submissionOpensAt", .datetime).notNull()
                t.column("submissionDeadline", .datetime).notNull()
                t.column("forumDay", .text)
                t.column("forumTheme", .text)
                t.column("categories", .jsonText).notNull()
                t.column("criteria", .jsonText).notNull()
                t.column("prizes", .jsonText).notNull()
                t.column("maxEntriesPerEstablishmentAndCategory", .integer).notNull()
                t.column("accessCode", .text)
                t.column("jury", .jsonText).notNull()
                t.column("state", .text).notNull()
                t.column("isDemo", .boolean).notNull().defaults(to: false)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "establishment") { t in
                t.primaryKey("uai", .text)
                t.column("name", .text).notNull()
                t.column("type", .text).notNull()
                t.column("commune", .text).notNull()
                t.column("departement", .text).notNull().indexed()
                t.column("district", .text)
                t.column("searchText", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("email", .text).notNull().unique(onConflict: .abort)
                t.column("displayName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("passwordHash", .text)
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("tokenHash", .text)
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull().indexed()
            }
        }
    }
}
