import GRDB

/// Two indexes that answer "is this entry one a juror may see" without reading the entry's row: the table holds the
/// statements and the teachers' details (4 MB at 5,000 entries, about five rows a page), and every write empties the
/// readers' page caches, so after each ballot these queries read the table again, page by page.
/// - `entry_edition_eligible`: an edition's active, eligible entries with their establishments (the progress of a round,
///   every ballot of the jury's boards): 1,315 reads of the file for the round's progress, 323 with it.
/// - `entry_visibility`: the same columns and the anonymous code by entry id, for the juror's order (its counts and its
///   previous and next poster name it with `INDEXED BY`: SQLite looks an id up in the table otherwise).
enum Migration020EligibleIndex {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("020-eligible-index") { db in
            try db.create(index: "entry_edition_eligible", on: "entry", columns: ["editionId", "status", "eligibility", "establishmentUai"])
            try db.create(
                index: "entry_visibility", on: "entry", columns: ["id", "editionId", "status", "eligibility", "establishmentUai", "anonymousCode"])
        }
    }
}
