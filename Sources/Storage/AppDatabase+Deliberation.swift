import Core
import Foundation
import GRDB

/// One line of the audit log.
public struct AuditEvent: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var details: String
    public var editionId: Int64?
}

struct AwardRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "award"
    var id: Int64?
    var editionId: Int64
    var prizeCode: String
    var categoryCode: String
    var entryId: Int64
    var reason: String?
    var assignedBy: String
    var assignedAt: Date

    var award: Award {
        Award(
            editionId: editionId, prizeCode: prizeCode, categoryCode: categoryCode.isEmpty ? nil : categoryCode, entryId: entryId,
            reason: reason, assignedBy: assignedBy, assignedAt: assignedAt)
    }
}

struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "auditEvent"
    var id: Int64?
    var at: Date
    var actor: String
    var action: String
    var details: String
    var editionId: Int64?
}

extension AppDatabase {
    // MARK: - Prizes

    public func awards(editionId: Int64) throws -> [Award] {
        try writer.read { db in
            try AwardRecord.filter(Column("editionId") == editionId).order(Column("prizeCode"), Column("categoryCode")).fetchAll(db).map(\.award)
        }
    }

    /// Gives a prize (replacing nothing: the slot and the entry must be free) and records it in the audit log.
    public func assignAward(_ award: Award, audit: String) throws(StorageError) {
        try write { db in
            var record = AwardRecord(
                editionId: award.editionId, prizeCode: award.prizeCode, categoryCode: award.categoryCode ?? "", entryId: award.entryId,
                reason: award.reason, assignedBy: award.assignedBy, assignedAt: award.assignedAt)
            do {
                try record.insert(db)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StorageError.conflict("Ce prix ou cette affiche a déjà une attribution.")
            }
            try Self.audit(db, actor: award.assignedBy, action: "prix", details: audit, editionId: award.editionId, at: award.assignedAt)
        }
    }

    /// Takes a prize back from an entry.
    public func removeAward(editionId: Int64, entryId: Int64, actor: String, audit: String, now: Date) throws(StorageError) {
        try write { db in
            _ = try AwardRecord.filter(Column("editionId") == editionId).filter(Column("entryId") == entryId).deleteAll(db)
            try Self.audit(db, actor: actor, action: "prix retiré", details: audit, editionId: editionId, at: now)
        }
    }

    // MARK: - Organisers' order for remaining ties

    public func manualOrder(editionId: Int64) throws -> [Int64: Int] {
        try writer.read { db in
            let rows = try Row.fetchAll(cached: db, sql: "SELECT tieOrder.entryId, tieOrder.position FROM tieOrder JOIN entry ON entry.id = tieOrder.entryId WHERE entry.editionId = ?",
                arguments: [editionId])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["entryId"] as Int64, $0["position"] as Int) })
        }
    }

    public func setManualOrder(entryId: Int64, position: Int?, actor: String, audit: String, editionId: Int64, now: Date) throws(StorageError) {
        try write { db in
            if let position {
                try db.execute(sql: "INSERT OR REPLACE INTO tieOrder (entryId, position) VALUES (?, ?)", arguments: [entryId, position])
            } else {
                try db.execute(sql: "DELETE FROM tieOrder WHERE entryId = ?", arguments: [entryId])
            }
            try Self.audit(db, actor: actor, action: "départage", details: audit, editionId: editionId, at: now)
        }
    }

    // MARK: - Audit log

    /// Records an organiser's action.
    public func recordAudit(actor: String, action: String, details: String, editionId: Int64? = nil, now: Date) throws(StorageError) {
        try write { db in try Self.audit(db, actor: actor, action: action, details: details, editionId: editionId, at: now) }
    }

    static func audit(_ db: Database, actor: String, action: String, details: String, editionId: Int64?, at: Date) throws {
        var record = AuditRecord(id: nil, at: at, actor: actor, action: action, details: details, editionId: editionId)
        try record.insert(db)
    }

    /// The most recent events first.
    public func auditEvents(limit: Int = 500) throws -> [AuditEvent] {
        try writer.read { db in
            try AuditRecord.order(Column("at").desc, Column("id").desc).limit(limit).fetchAll(db).map {
                AuditEvent(at: $0.at, actor: $0.actor, action: $0.action, details: $0.details, editionId: $0.editionId)
            }
        }
    }

    /// Moves an edition and records who did it, in one transaction.
    @discardableResult
    /// - Parameters:
    ///   - mail: messages queued in the same transaction (the results, on publication).
    public func moveEdition(id: Int64, to target: EditionState, actor: String, now: Date, mail: [MailMessage] = []) throws(StorageError) -> Edition {
        try write { db in
            guard let record = try EditionRecord.fetchOne(db, key: id) else { throw StorageError.notFound("édition") }
            let before = record.edition
            let everPublished = try Bool.fetchOne(
                db, sql: "SELECT publishedAt IS NOT NULL FROM editionRetention WHERE editionId = ?", arguments: [id]) ?? false
            let moved = try EditionLifecycle.move(before, to: target, now: now, everPublished: everPublished)
            var updated = EditionRecord(moved, isDemo: record.isDemo, updatedAt: now)
            updated.id = record.id
            try updated.update(db)
            // Each juror's order is stored as judging opens (and completed on a juror's first visit for jurors added later).
            if moved.state == .judging { try Self.fillJurorOrders(db, editionId: id) }
            // Rounds follow the edition: leaving judging closes the open round (its missing ballots recorded), coming back
            // reopens it, and a round dealt k per poster is redealt to the jurors of now (ballots already written kept).
            if before.state == .judging && moved.state != .judging,
                let round = try Self.rounds(db, editionId: id).last, round.isOpen
            {
                try Self.close(db, editionId: id, actor: actor, now: now)
            }
            if moved.state == .judging {
                if let round = try Self.rounds(db, editionId: id).last, !round.isOpen { try Self.reopen(db, editionId: id, actor: actor, now: now) }
                if let round = try Self.rounds(db, editionId: id).last, let k = round.perPoster {
                    try Self.deal(db, editionId: id, perPoster: k, actor: actor, now: now)
                }
            }
            // The retention periods run from the first publication (unpublishing and publishing again does not restart them).
            if moved.state == .published && before.state == .deliberation { try Self.recordPublication(db, editionId: id, at: now) }
            try Self.audit(
                db, actor: actor, action: "étape", details: "Édition \(before.year) : « \(before.state.label) » → « \(moved.state.label) »",
                editionId: id, at: now)
            try Self.enqueue(db, mail, now: now)
            return moved
        }
    }
}
