import GRDB

/// Each juror's order of the posters, stored once instead of being recomputed on every page.
///
/// `sortKey` is the hexadecimal SHA-256 of the juror's seed followed by the entry's anonymous code: the order jurors
/// have always seen, so that rows written later (entries added after the first fill) land where they always stood.
enum Migration006JurorOrder {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("006-juror-order") { db in
            try db.create(table: "jurorOrder") { t in
                t.column("jurorId", .integer).notNull().references("user", onDelete: .cascade)
                t.column("entryId", .integer).notNull().references("entry", onDelete: .cascade).indexed()
                t.column("editionId", .integer).notNull().references("edition", onDelete: .cascade)
                t.column("sortKey", .text).notNull()
                t.primaryKey(["jurorId", "entryId"])
            }
            try db.create(index: "jurorOrder_position", on: "jurorOrder", columns: ["jurorId", "editionId", "sortKey", "entryId"])
        }
    }
}
