import Foundation
import GRDB

/// Jury: anonymous codes and redacted statements on entries, invitations, conflicts of interest, ballots.
enum Migration003Jury {
    static let codeAlphabet = Array("ACDEFGHJKMNPQRTUVWXY34679")

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("003-jury") { db in
            try db.alter(table: "entry") { t in
                t.add(column: "anonymousCode", .text)
                t.add(column: "juryStatement", .text)
            }
            // Existing entries get their random code now.
            var used = Set<String>()
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM entry") {
                var code: String
                repeat {
                    func pick() -> Character { codeAlphabet[Int.random(in: 0..<codeAlphabet.count)] }
                    code = String([pick(), pick()]) + "-" + String([pick(), pick(), pick()])
                } while used.contains(code)
                used.insert(code)
                try db.execute(sql: "UPDATE entry SET anonymousCode = ? WHERE id = ?", arguments: [code, id])
            }
            try db.create(index: "entry_anonymousCode", on: "entry", columns: ["anonymousCode"], unique: true)
            try db.alter(table: "user") { t in
                t.add(column: "orderSeed", .text)
            }
            try db.create(table: "invitation") { t in
                t.primaryKey("tokenHash", .text)
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
            }
            try db.create(table: "jurorConflict") { t in
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("uai", .text).notNull().references("establishment", onDelete: .cascade)
                t.column("declaredBy", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["userId", "uai"])
            }
            try db.create(table: "ballot") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("entry", onDelete: .cascade).notNull()
                t.belongsTo("juror", inTable: "user", onDelete: .cascade).notNull()
                t.column("scores", .jsonText).notNull()
                t.column("comment", .text).notNull()
                t.column("submitted", .boolean).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.uniqueKey(["entryId", "jurorId"])
            }
        }
    }
}
