import GRDB

/// Judging rounds: how each round deals posters (every juror, or k jurors per poster), the dealt pairs, the shortlist
/// of round 2, and ballots kept per round (a juror scores a shortlisted poster afresh in round 2).
enum Migration015Rounds {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("015-rounds") { db in
            try db.create(table: "juryRound") { t in
                t.belongsTo("edition", onDelete: .cascade).notNull()
                t.column("number", .integer).notNull()
                // NULL: every juror sees every poster they have no conflict with.
                t.column("perPoster", .integer)
                t.column("openedAt", .datetime).notNull()
                t.column("closedAt", .datetime)
                t.column("closedBy", .text)
                t.column("missingAtClose", .integer)
                t.primaryKey(["editionId", "number"])
            }
            try db.create(table: "juryAssignment") { t in
                t.column("editionId", .integer).notNull().references("edition", onDelete: .cascade)
                t.column("round", .integer).notNull()
                t.column("jurorId", .integer).notNull().references("user", onDelete: .cascade)
                t.column("entryId", .integer).notNull().references("entry", onDelete: .cascade)
                t.primaryKey(["editionId", "round", "jurorId", "entryId"])
            }
            try db.create(index: "juryAssignment_entry", on: "juryAssignment", columns: ["editionId", "round", "entryId"])
            try db.create(table: "shortlist") { t in
                t.column("editionId", .integer).notNull().references("edition", onDelete: .cascade)
                t.column("entryId", .integer).notNull().references("entry", onDelete: .cascade)
                // Why it is there: "rang" (top n of its category), "ajout" (added by the organisers), "coup de cœur".
                t.column("source", .text).notNull()
                t.primaryKey(["editionId", "entryId"])
            }
            // A ballot per juror, entry and round: SQLite cannot drop a table constraint, so the table is rebuilt.
            try db.create(table: "ballot_new") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("entry", onDelete: .cascade).notNull()
                t.belongsTo("juror", inTable: "user", onDelete: .cascade).notNull()
                t.column("scores", .jsonText).notNull()
                t.column("comment", .text).notNull()
                t.column("submitted", .boolean).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("round", .integer).notNull().defaults(to: 1)
                t.uniqueKey(["entryId", "jurorId", "round"])
            }
            try db.execute(
                sql: """
                    INSERT INTO ballot_new (id, entryId, jurorId, scores, comment, submitted, updatedAt, round)
                    SELECT id, entryId, jurorId, scores, comment, submitted, updatedAt, 1 FROM ballot
                    """)
            try db.drop(table: "ballot")
            try db.rename(table: "ballot_new", to: "ballot")
            try db.create(index: "ballot_juror", on: "ballot", columns: ["jurorId", "round"])
        }
    }
}
