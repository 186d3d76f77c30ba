import Core
import Foundation
import GRDB

/// Where a queued message stands.
public enum OutboxState: String, Sendable, CaseIterable {
    case queued
    case sent
    case failed
    case cancelled

    public var label: String {
        switch self {
        case .queued: return "En attente"
        case .sent: return "Envoyé"
        case .failed: return "Échec"
        case .cancelled: return "Annulé"
        }
    }
}

/// One row of the outbox.
public struct OutboxItem: Sendable, Hashable {
    public var id: Int64
    public var message: MailMessage
    /// The left part of the Message-ID (`outbox-12.3f9a…`); the delivery adds `@` and the sender's domain.
    public var messageId: String
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Date
    /// The relay's last reply (or the connection error), as the organisers see it.
    public var lastAnswer: String?
    public var createdAt: Date
    public var sentAt: Date?

    init(row: Row) {
        id = row["id"]
        let kind: String = row["kind"]
        message = MailMessage(
            kind: MailKind(rawValue: kind) ?? .receipt, to: MailAddress(row["recipient"], name: row["recipientName"]), subject: row["subject"],
            text: row["textBody"], html: row["htmlBody"], editionId: row["editionId"], entryId: row["entryId"], dedupeKey: row["dedupeKey"])
        messageId = row["messageId"]
        let state: String = row["state"]
        self.state = OutboxState(rawValue: state) ?? .queued
        attempts = row["attempts"]
        nextAttemptAt = row["nextAttemptAt"]
        lastAnswer = row["lastAnswer"]
        createdAt = row["createdAt"]
        sentAt = row["sentAt"]
    }
}

/// How many messages are in each state.
public struct OutboxCounts: Sendable, Equatable {
    public var queued = 0
    public var sent = 0
    public var failed = 0
    public var cancelled = 0
    public init() {}
}

/// The organisers' outbox page: one page of rows and the counts.
public struct OutboxList: Sendable {
    public var paging: Paging
    public var items: [OutboxItem]
    public var counts: OutboxCounts
}

extension AppDatabase {
    // MARK: - Enqueue (inside the event's transaction)

    /// Queues messages in the caller's transaction, so that they exist exactly when the event that causes them is committed.
    /// A message whose `dedupeKey` is already queued or sent is skipped.
    /// - Returns: the ids of the rows written.
    @discardableResult
    static func enqueue(_ db: Database, _ messages: [MailMessage], now: Date) throws -> [Int64] {
        var ids: [Int64] = []
        for message in messages where message.to.isValid {
            let random = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            let placeholder = "pending.\(random)"
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO mailOutbox (kind, recipient, recipientName, subject, textBody, htmlBody, messageId, state, attempts,
                        nextAttemptAt, createdAt, editionId, entryId, dedupeKey)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.kind.rawValue, message.to.address, message.to.name, message.subject, message.text, message.html, placeholder, now, now,
                    message.editionId, message.entryId, message.dedupeKey,
                ])
            guard db.changesCount == 1 else { continue }
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE mailOutbox SET messageId = ? WHERE id = ?", arguments: ["outbox-\(id).\(random)", id])
            ids.append(id)
        }
        return ids
    }

    /// Queues messages in a transaction of their own (reminders, which no other change accompanies).
    @discardableResult
    public func enqueueMail(_ messages: [MailMessage], now: Date) throws(StorageError) -> Int {
        try write { db in try Self.enqueue(db, messages, now: now).count }
    }

    // MARK: - Delivery

    /// Queued messages whose time has come, oldest first.
    public func dueMail(now: Date, limit: Int) async throws -> [OutboxItem] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM mailOutbox WHERE state = 'queued' AND nextAttemptAt <= ? ORDER BY id LIMIT ?", arguments: [now, limit]
            ).map(OutboxItem.init(row:))
        }
    }

    /// When the next queued message is due (nil when nothing waits).
    public func nextMailDue() async throws -> Date? {
        try await writer.read { db in try Date.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM mailOutbox WHERE state = 'queued'") }
    }

    /// Records the relay's acceptance and writes the audit entry, in one transaction.
    public func markMailSent(id: Int64, answer: String, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE mailOutbox SET state = 'sent', attempts = attempts + 1, lastAnswer = ?, sentAt = ? WHERE id = ?",
                arguments: [answer, now, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mailOutbox WHERE id = ?", arguments: [id]) else { return }
            let item = OutboxItem(row: row)
            try Self.audit(
                db, actor: "courriel", action: "courriel envoyé",
                details: "\(item.message.kind.label) à \(item.message.to.address) : « \(item.message.subject) » (\(item.messageId))",
                editionId: item.message.editionId, at: now)
        }
    }

    /// Records a failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is nil (a 5xx, or too many tries).
    public func markMailAttemptFailed(id: Int64, answer: String, retryAt: Date?, now: Date) async throws {
        try await writer.write { db in
            if let retryAt {
                try db.execute(
                    sql: "UPDATE mailOutbox SET attempts = attempts + 1, lastAnswer = ?, nextAttemptAt = ? WHERE id = ?",
                    arguments: [answer, retryAt, id])
            } else {
                try db.execute(
                    sql: "UPDATE mailOutbox SET state = 'failed', attempts = attempts + 1, lastAnswer = ? WHERE id = ?", arguments: [answer, id])
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mailOutbox WHERE id = ?", arguments: [id]) else { return }
                let item = OutboxItem(row: row)
                try Self.audit(
                    db, actor: "courriel", action: "courriel en échec",
                    details: "\(item.message.kind.label) à \(item.message.to.address) : « \(item.message.subject) » — \(answer)",
                    editionId: item.message.editionId, at: now)
            }
        }
    }

    // MARK: - Organisers

    /// Puts a failed or cancelled message back in the queue, due now, with a fresh count of attempts.
    public func retryMail(id: Int64, actor: String, now: Date) throws(StorageError) {
        try write { db in
            try db.execute(
                sql: "UPDATE mailOutbox SET state = 'queued', attempts = 0, nextAttemptAt = ? WHERE id = ? AND state IN ('failed', 'cancelled')",
                arguments: [now, id])
            guard db.changesCount == 1 else { throw StorageError.notFound("courriel en échec ou annulé") }
            try Self.audit(db, actor: actor, action: "courriel relancé", details: "courriel n° \(id)", editionId: nil, at: now)
        }
    }

    /// Cancels a queued or failed message: it will not be sent.
    public func cancelMail(id: Int64, actor: String, now: Date) throws(StorageError) {
        try write { db in
            try db.execute(sql: "UPDATE mailOutbox SET state = 'cancelled' WHERE id = ? AND state IN ('queued', 'failed')", arguments: [id])
            guard db.changesCount == 1 else { throw StorageError.notFound("courriel en attente ou en échec") }
            try Self.audit(db, actor: actor, action: "courriel annulé", details: "courriel n° \(id)", editionId: nil, at: now)
        }
    }

    public func mailItem(id: Int64) throws -> OutboxItem? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM mailOutbox WHERE id = ?", arguments: [id]).map(OutboxItem.init(row:)) }
    }

    /// One page of the outbox, newest first, filtered by kind and state, with the counts per state.
    public func outboxList(kind: MailKind?, state: OutboxState?, paging: @escaping @Sendable (Int) -> Paging) async throws -> OutboxList {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let kind {
                conditions.append("kind = ?")
                arguments += [kind.rawValue]
            }
            if let state {
                conditions.append("state = ?")
                arguments += [state.rawValue]
            }
            let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mailOutbox WHERE \(condition)", arguments: arguments) ?? 0
            let page = paging(total)
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM mailOutbox WHERE \(condition) ORDER BY id DESC LIMIT ? OFFSET ?", arguments: arguments + [page.size, page.offset])
            return OutboxList(paging: page, items: rows.map(OutboxItem.init(row:)), counts: try Self.outboxCounts(db))
        }
    }

    static func outboxCounts(_ db: Database) throws -> OutboxCounts {
        var counts = OutboxCounts()
        for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM mailOutbox GROUP BY state") {
            let state: String = row["state"]
            let n: Int = row["n"]
            switch OutboxState(rawValue: state) {
            case .queued: counts.queued = n
            case .sent: counts.sent = n
            case .failed: counts.failed = n
            case .cancelled: counts.cancelled = n
            case nil: break
            }
        }
        return counts
    }

    public func outboxCounts() throws -> OutboxCounts {
        try writer.read { db in try Self.outboxCounts(db) }
    }

    /// For `/sante`: queued messages created before `staleBefore`, and failed ones.
    public func outboxBacklog(staleBefore: Date) throws -> (stale: Int, failed: Int) {
        try writer.read { db in
            let stale = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mailOutbox WHERE state = 'queued' AND createdAt < ?", arguments: [staleBefore]) ?? 0
            let failed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mailOutbox WHERE state = 'failed'") ?? 0
            return (stale, failed)
        }
    }
}

extension AppDatabase {
    // MARK: - Lost links

    /// Active entries of an edition filed with this address (compared without case), for « J’ai perdu mon lien ».
    public func entriesForLinkRecovery(editionId: Int64, email: String) throws -> [EntryListing] {
        try writer.read { db in
            let records = try EntryRecord.fetchAll(
                db, sql: "SELECT * FROM entry WHERE editionId = ? AND status = 'active' AND lower(teacherEmail) = lower(?) ORDER BY id",
                arguments: [editionId, email])
            return try records.compactMap { record -> EntryListing? in
                guard let entry = record.entry, let establishment = try EstablishmentRecord.fetchOne(db, key: record.establishmentUai)?.establishment
                else { return nil }
                return EntryListing(entry: entry, establishment: establishment)
            }
        }
    }

    /// Gives entries new private links (the old ones stop working) and queues the message listing them, in one transaction.
    /// - Parameters:
    ///   - tokenHashes: the new links' SHA-256, by entry id.
    public func replacePrivateLinks(_ tokenHashes: [Int64: String], mail: [MailMessage], now: Date) throws(StorageError) {
        try write { db in
            for (id, hash) in tokenHashes {
                try db.execute(sql: "UPDATE entry SET tokenHash = ? WHERE id = ? AND status = 'active'", arguments: [hash, id])
            }
            try Self.enqueue(db, mail, now: now)
        }
    }
}
