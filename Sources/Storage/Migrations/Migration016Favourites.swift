import GRDB

/// Jurors' « coups de cœur »: a flag a juror puts on posters they would like to see on the shortlist. Numbered 016 so
/// that it follows the rounds' migration (015) another branch adds.
enum Migration016Favourites {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("016-favourites") { db in
            try db.create(table: "juryFavourite") { t in
                t.column("editionId", .integer).notNull().references("edition", onDelete: .cascade)
                t.column("jurorId", .integer).notNull().references("user", onDelete: .cascade)
                t.column("entryId", .integer).notNull().references("entry", onDelete: .cascade).indexed()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["editionId", "jurorId", "entryId"])
            }
        }
    }
}
