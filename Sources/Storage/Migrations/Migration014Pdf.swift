import GRDB

/// PDF posters: how many pages the uploaded document has (only the first is the poster). `NULL` for images.
/// Numbered 014 so that it follows the migrations other branches add in between.
enum Migration014Pdf {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("014-pdf") { db in
            try db.alter(table: "entry") { t in
                t.add(column: "pageCount", .integer)
            }
        }
    }
}
