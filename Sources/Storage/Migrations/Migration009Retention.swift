import GRDB

/// Retention: when each edition was published and what its purges did, which entries lost their teacher's identity or
/// their original, and the stored files waiting to be deleted once the transaction that released them has committed.
enum Migration009Retention {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("009-retention") { db in
            try db.create(table: "editionRetention") { t in
                t.primaryKey("editionId", .integer).references("edition", onDelete: .cascade)
                t.column("publishedAt", .datetime)
                t.column("personalDataPurgedAt", .datetime)
                t.column("personalDataErasedCount", .integer).notNull().defaults(to: 0)
                t.column("originalsPurgedAt", .datetime)
                t.column("originalsDeletedCount", .integer).notNull().defaults(to: 0)
                t.column("filesDeletedCount", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: "entry") { t in
                t.add(column: "personalDataErasedAt", .datetime)
                t.add(column: "originalDeletedAt", .datetime)
            }
            try db.create(table: "pendingFileDeletion") { t in
                t.primaryKey("path", .text)
                t.column("requestedAt", .datetime).notNull()
            }
            // Editions already published: their first publication in the journal, else their last change (never earlier
            // than the real date, so nothing is deleted sooner than the policy says).
            try db.execute(
                sql: """
                    INSERT INTO editionRetention (editionId, publishedAt)
                    SELECT edition.id, COALESCE(
                        (SELECT MIN(at) FROM auditEvent WHERE auditEvent.editionId = edition.id AND action = 'étape'
                            AND details LIKE '%→ « Résultats publiés »'),
                        edition.updatedAt)
                    FROM edition WHERE edition.state IN ('published', 'archived')
                    """)
        }
    }
}
