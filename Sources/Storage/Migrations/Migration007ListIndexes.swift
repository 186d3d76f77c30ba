import GRDB

/// Indexes behind the organisers' paged lists: entries newest first within an edition, jurors by name.
enum Migration007ListIndexes {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("007-list-indexes") { db in
            try db.create(index: "entry_edition_createdAt", on: "entry", columns: ["editionId", "createdAt", "id"])
            try db.create(index: "user_role_displayName", on: "user", columns: ["role", "displayName", "id"])
        }
    }
}
