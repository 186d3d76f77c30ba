import GRDB

/// The declarations of the 2026-1 submission form (original work, third-party elements, no identifying mark, whether a
/// person is recognisable), the version of the règlement each entry accepted, and the text of every version accepted.
enum Migration008ContestRules {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("008-contest-rules") { db in
            try db.alter(table: "entry") { t in
                t.add(column: "consentOriginal", .boolean).notNull().defaults(to: false)
                t.add(column: "consentThirdParty", .text).notNull().defaults(to: "")
                t.add(column: "consentNoIdentifyingMarks", .boolean).notNull().defaults(to: false)
                t.add(column: "consentPersonRecognisable", .boolean)
                t.add(column: "rulesVersion", .text)
            }
            // One row per version of an edition's règlement that someone accepted: the exact text stays readable.
            try db.create(table: "contestRules") { t in
                t.column("editionId", .integer).notNull().references("edition", onDelete: .cascade)
                t.column("version", .text).notNull()
                t.column("articles", .jsonText).notNull()
                t.column("firstAcceptedAt", .datetime).notNull()
                t.primaryKey(["editionId", "version"])
            }
        }
    }
}
