import GRDB

/// Entries (posters) with their consent record and stored files.
enum Migration002Entries {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("002-entries") { db in
            try db.create(table: "entry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("edition", onDelete: .restrict).notNull()
                t.column("reference", .text).notNull().unique()
                t.column("tokenHash", .text).notNull().unique()
                t.column("establishmentUai", .text).notNull().references("establishment", onDelete: .restrict).indexed()
                t.column("categoryCode", .text).notNull()
                t.column("title", .text).notNull()
                t.column("statement", .text).notNull()
                t.column("classLabel", .text).notNull()
                t.column("studentCount", .integer).notNull()
                t.column("teacherName", .text).notNull()
                t.column("teacherEmail", .text).notNull()
                t.column("consentImageRights", .boolean).notNull()
                t.column("consentAuthorsRights", .boolean).notNull()
                t.column("consentPublicGallery", .boolean).notNull()
                t.column("consentWordingVersion", .text).notNull()
                t.column("consentRecordedAt", .datetime).notNull()
                t.column("posterHash", .text).notNull().indexed()
                t.column("originalPath", .text).notNull()
                t.column("format", .text).notNull()
                t.column("byteCount", .integer).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("thumbnailPath", .text).notNull()
                t.column("previewPath", .text).notNull()
                t.column("originalFileName", .text).notNull()
                t.column("status", .text).notNull()
                t.column("eligibility", .text).notNull()
                t.column("eligibilityReason", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
        }
    }
}
