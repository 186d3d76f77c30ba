import Core
import Foundation
import GRDB

/// An edition with its retention dates, what its purges did, and what a purge would do now.
public struct EditionRetention: Sendable {
    public let edition: Edition
    public let record: RetentionRecord
    public let schedule: RetentionSchedule
    /// Tasks due and not yet done.
    public let pending: [RetentionTask]
    /// What purging now would touch (zero when nothing is due).
    public let preview: PurgeCounts
}

/// Counts of what a purge erased or deleted (or would).
public struct PurgeCounts: Sendable, Hashable {
    /// Entries whose teacher name and e-mail are erased.
    public var personalDataErased = 0
    /// Entries (without a prize) whose original is dropped.
    public var originalsDeleted = 0
    /// Stored files no entry refers to any more once those originals are dropped.
    public var filesDeleted = 0

    public init(personalDataErased: Int = 0, originalsDeleted: Int = 0, filesDeleted: Int = 0) {
        self.personalDataErased = personalDataErased
        self.originalsDeleted = originalsDeleted
        self.filesDeleted = filesDeleted
    }
}

/// What one edition's purge did.
public struct PurgeOutcome: Sendable {
    public let editionId: Int64
    public let year: Int
    public let tasks: [RetentionTask]
    public let counts: PurgeCounts
}

struct RetentionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "editionRetention"
    var editionId: Int64
    var publishedAt: Date?
    var personalDataPurgedAt: Date?
    var personalDataErasedCount: Int
    var originalsPurgedAt: Date?
    var originalsDeletedCount: Int
    var filesDeletedCount: Int

    var record: RetentionRecord {
        RetentionRecord(
            editionId: editionId, publishedAt: publishedAt, personalDataPurgedAt: personalDataPurgedAt,
            personalDataErasedCount: personalDataErasedCount, originalsPurgedAt: originalsPurgedAt,
            originalsDeletedCount: originalsDeletedCount, filesDeletedCount: filesDeletedCount)
    }
}

extension AppDatabase {
    /// Notes the first publication of an edition's results (later ones keep it).
    static func recordPublication(_ db: Database, editionId: Int64, at date: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO editionRetention (editionId, publishedAt) VALUES (?, ?)
                ON CONFLICT(editionId) DO UPDATE SET publishedAt = COALESCE(publishedAt, excluded.publishedAt)
                """, arguments: [editionId, date])
    }

    /// What the purges of an edition did so far (an empty record for an edition never published).
    public func retentionRecord(editionId: Int64) throws -> RetentionRecord {
        try writer.read { db in try RetentionRow.fetchOne(db, key: editionId)?.record } ?? RetentionRecord(editionId: editionId)
    }

    /// Every edition, newest first, with its retention dates and what a purge at `now` would do.
    public func retentionOverview(policy: RetentionPolicy, now: Date) throws -> [EditionRetention] {
        let editions = try editions()
        return try writer.read { db in
            try editions.compactMap { edition in
                guard let id = edition.id else { return nil }
                let record = try RetentionRow.fetchOne(db, key: id)?.record ?? RetentionRecord(editionId: id)
                let pending = Retention.pending(policy: policy, state: edition.state, record: record, now: now)
                let preview = try Self.purgePlan(db, editionId: id, tasks: pending).counts
                return EditionRetention(
                    edition: edition, record: record, schedule: policy.schedule(state: edition.state, publishedAt: record.publishedAt),
                    pending: pending, preview: preview)
            }
        }
    }

    /// Does what is due for one edition in one transaction (names and e-mails erased, originals of non-awarded entries
    /// released, the purge recorded on the edition and in the journal), then deletes the released files. Nil when
    /// nothing is due, so running it again changes nothing.
    public func purgeDue(editionId: Int64, policy: RetentionPolicy, actor: String, now: Date, files: FileStore) throws(StorageError) -> PurgeOutcome? {
        let outcome = try commitPurge(editionId: editionId, policy: policy, actor: actor, now: now)
        // After the commit: a crash before this line leaves the paths listed, and the next purge or start-up deletes them.
        deletePendingFiles(files: files)
        return outcome
    }

    /// The purge's transaction alone: rows changed, released files listed in `pendingFileDeletion`, nothing deleted yet.
    func commitPurge(editionId: Int64, policy: RetentionPolicy, actor: String, now: Date) throws(StorageError) -> PurgeOutcome? {
        try write { db in
            guard let edition = try EditionRecord.fetchOne(db, key: editionId)?.edition else { throw StorageError.notFound("édition") }
            var row = try RetentionRow.fetchOne(db, key: editionId)
            let tasks = Retention.pending(policy: policy, state: edition.state, record: row?.record, now: now)
            guard !tasks.isEmpty, var row else { return nil }
            let plan = try Self.purgePlan(db, editionId: editionId, tasks: tasks)
            if tasks.contains(.personalData) {
                try db.execute(
                    sql: "UPDATE entry SET teacherName = '', teacherEmail = '', personalDataErasedAt = ? WHERE editionId = ? AND personalDataErasedAt IS NULL",
                    arguments: [now, editionId])
                row.personalDataPurgedAt = now
                row.personalDataErasedCount = plan.counts.personalDataErased
            }
            if tasks.contains(.nonAwardedOriginals) {
                for id in plan.originalIds {
                    try db.execute(sql: "UPDATE entry SET originalPath = '', originalDeletedAt = ? WHERE id = ?", arguments: [now, id])
                }
                for path in plan.releasedPaths {
                    try db.execute(sql: "INSERT OR IGNORE INTO pendingFileDeletion (path, requestedAt) VALUES (?, ?)", arguments: [path, now])
                }
                row.originalsPurgedAt = now
                row.originalsDeletedCount = plan.counts.originalsDeleted
                row.filesDeletedCount = plan.counts.filesDeleted
            }
            try row.update(db)
            try Self.audit(db, actor: actor, action: "conservation", details: Self.summary(year: edition.year, counts: plan.counts, tasks: tasks),
                editionId: editionId, at: now)
            return PurgeOutcome(editionId: editionId, year: edition.year, tasks: tasks, counts: plan.counts)
        }
    }

    /// Deletes the files released by committed purges, each only if no entry refers to it any more. Returns how many went.
    @discardableResult
    public func deletePendingFiles(files: FileStore) -> Int {
        guard let paths = try? writer.read({ db in try String.fetchAll(db, sql: "SELECT path FROM pendingFileDeletion ORDER BY path") }) else { return 0 }
        var deleted = 0
        for path in paths {
            // Checked again at deletion time: an entry may have come to use the same bytes since.
            guard let referenced = try? writer.read({ db in try Self.isReferenced(db, path: path) }) else { continue }
            if !referenced {
                let url = files.url(forRelativePath: path)
                if FileManager.default.fileExists(atPath: url.path) {
                    guard (try? FileManager.default.removeItem(at: url)) != nil else { continue }
                    deleted += 1
                }
            }
            _ = try? writer.write { db in try db.execute(sql: "DELETE FROM pendingFileDeletion WHERE path = ?", arguments: [path]) }
        }
        return deleted
    }

    /// « Édition 2022 : 10 noms et e-mails d’encadrants effacés ; 7 originaux supprimés (6 fichiers) », counts only.
    static func summary(year: Int, counts: PurgeCounts, tasks: [RetentionTask]) -> String {
        var parts: [String] = []
        if tasks.contains(.personalData) {
            parts.append(FrenchTypography.count(counts.personalDataErased, "nom et e-mail d’encadrant effacé", "noms et e-mails d’encadrants effacés"))
        }
        if tasks.contains(.nonAwardedOriginals) {
            parts.append(
                "\(FrenchTypography.count(counts.originalsDeleted, "original non primé supprimé", "originaux non primés supprimés")) "
                    + "(\(FrenchTypography.count(counts.filesDeleted, "fichier", "fichiers")))")
        }
        return "Édition \(year)\u{00A0}: " + parts.joined(separator: "\u{00A0}; ")
    }

    struct PurgePlan {
        var counts = PurgeCounts()
        var originalIds: [Int64] = []
        var releasedPaths: [String] = []
    }

    /// What the tasks would touch: entries still holding a teacher's identity, non-awarded entries still holding their
    /// original, and the originals no other entry (of any edition, awarded or not) refers to.
    static func purgePlan(_ db: Database, editionId: Int64, tasks: [RetentionTask]) throws -> PurgePlan {
        var plan = PurgePlan()
        if tasks.contains(.personalData) {
            plan.counts.personalDataErased = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM entry WHERE editionId = ? AND personalDataErasedAt IS NULL", arguments: [editionId]) ?? 0
        }
        if tasks.contains(.nonAwardedOriginals) {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, originalPath FROM entry WHERE editionId = ? AND originalDeletedAt IS NULL
                    AND NOT EXISTS (SELECT 1 FROM award WHERE award.entryId = entry.id) ORDER BY id
                    """, arguments: [editionId])
            plan.originalIds = rows.map { $0["id"] }
            plan.counts.originalsDeleted = rows.count
            let dropped = Set(plan.originalIds)
            for path in Set(rows.map { $0["originalPath"] as String }).sorted() where !path.isEmpty {
                let users = try Int64.fetchAll(
                    db, sql: "SELECT id FROM entry WHERE originalPath = ? OR thumbnailPath = ? OR previewPath = ?", arguments: [path, path, path])
                if users.allSatisfy(dropped.contains) { plan.releasedPaths.append(path) }
            }
            plan.counts.filesDeleted = plan.releasedPaths.count
        }
        return plan
    }

    static func isReferenced(_ db: Database, path: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM entry WHERE originalPath = ? OR thumbnailPath = ? OR previewPath = ?)",
            arguments: [path, path, path]) ?? true
    }
}
