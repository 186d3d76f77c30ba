import GRDB

/// The mail outbox: every message is a row written in the transaction of the event that causes it; the delivery service
/// sends queued rows and records the relay's answer.
enum Migration010Outbox {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("010-outbox") { db in
            try db.create(table: "mailOutbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("recipientName", .text).notNull().defaults(to: "")
                t.column("subject", .text).notNull()
                t.column("textBody", .text).notNull()
                t.column("htmlBody", .text).notNull()
                // The left part of the Message-ID (`outbox-12.3f9a…`), fixed at enqueue so that every attempt carries the same one.
                t.column("messageId", .text).notNull().unique()
                t.column("state", .text).notNull().defaults(to: "queued")
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastAnswer", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("sentAt", .datetime)
                t.column("editionId", .integer).references("edition", onDelete: .setNull)
                t.column("entryId", .integer).references("entry", onDelete: .setNull)
                // Messages that must be queued once (an edition's results for an entry): a second enqueue is ignored.
                t.column("dedupeKey", .text).unique()
            }
            try db.create(index: "mailOutbox_due", on: "mailOutbox", columns: ["state", "nextAttemptAt", "id"])
            try db.create(index: "mailOutbox_kind", on: "mailOutbox", columns: ["kind", "state"])
        }
    }
}
