import GRDB

/// Round 2's final rule: its ballots alone (the default), or with round 1's ballots on the shortlisted posters.
enum Migration017CumulativeRound {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("017-cumulative-round") { db in
            try db.alter(table: "juryRound") { t in t.add(column: "cumulative", .boolean).notNull().defaults(to: false) }
        }
    }
}
