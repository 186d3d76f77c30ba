import Core
import Foundation
import GRDB

extension AppDatabase {
    /// Creates an account; the e-mail must be free.
    @discardableResult
    public func insertUser(_ user: User) throws(StorageError) -> User {
        try write { db in
            if try UserRecord.filter(UserRecord.Columns.email == user.email).fetchCount(db) > 0 {
                throw StorageError.duplicateEmail(user.email)
            }
            var record = UserRecord(user)
            record.id = nil
            try record.insert(db)
            return record.user
        }
    }

    public func user(email: String) throws -> User? {
        try writer.read { db in try UserRecord.filter(UserRecord.Columns.email == email).fetchOne(db)?.user }
    }

    public func user(id: Int64) throws -> User? {
        try writer.read { db in try UserRecord.fetchOne(cached: db, sql: "SELECT * FROM user WHERE id = ?", arguments: [id])?.user }
    }

    /// Sets a new bcrypt hash and ends the person's open sessions, except `keepingSession` (the one that made the change).
    public func setPasswordHash(userID: Int64, hash: String, keepingSession: String? = nil) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE id = ?", arguments: [hash, userID])
            var others = SessionRecord.filter(SessionRecord.Columns.userId == userID)
            if let keepingSession { others = others.filter(SessionRecord.Columns.tokenHash != keepingSession) }
            try others.deleteAll(db)
        }
    }

    /// Disables or re-enables an account; disabling ends its sessions.
    public func setUserDisabled(userID: Int64, disabled: Bool) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE user SET disabled = ? WHERE id = ?", arguments: [disabled, userID])
            if disabled { try SessionRecord.filter(SessionRecord.Columns.userId == userID).deleteAll(db) }
        }
    }

    // MARK: - Sessions

    /// Records a session under the hash of its cookie token.
    public func createSession(tokenHash: String, userID: Int64, now: Date, lifetime: TimeInterval) throws {
        try writer.write { db in
            try SessionRecord(tokenHash: tokenHash, userId: userID, createdAt: now, expiresAt: now.addingTimeInterval(lifetime)).insert(db)
        }
    }

    /// The active account behind a session token hash, if the session is still valid.
    public func sessionUser(tokenHash: String, now: Date) throws -> User? {
        // Every signed-in request asks this: one join, through a statement compiled once per connection.
        try writer.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT user.* FROM session JOIN user ON user.id = session.userId WHERE session.tokenHash = ? AND session.expiresAt > ?")
            guard let user = try UserRecord.fetchOne(statement, arguments: [tokenHash, now])?.user, !user.disabled else { return nil }
            return user
        }
    }

    public func deleteSession(tokenHash: String) throws {
        _ = try writer.write { db in try SessionRecord.deleteOne(db, key: tokenHash) }
    }

    /// Removes expired sessions; returns how many.
    @discardableResult
    public func purgeExpiredSessions(now: Date) throws -> Int {
        try writer.write { db in try SessionRecord.filter(SessionRecord.Columns.expiresAt <= now).deleteAll(db) }
    }
}

// MARK: - Juror list

extension AppDatabase {
    /// One page of jurors passing `filter`, by name then id, with counts per access state; read in one snapshot.
    /// - Parameters:
    ///   - paging: makes the page from the number of jurors passing `filter`.
    public func jurorList(filter: JurorFilter, paging: @escaping @Sendable (Int) -> Paging) async throws -> JurorList {
        try await writer.read { db in
            let condition = filter.condition()
            let total = try Int.fetchOne(cached: db, sql: "SELECT COUNT(*) FROM user WHERE \(condition.sql)", arguments: condition.arguments) ?? 0
            let page = paging(total)
            let records = try UserRecord.fetchAll(cached: db, sql: "SELECT * FROM user WHERE \(condition.sql) ORDER BY displayName, id LIMIT ? OFFSET ?",
                arguments: condition.arguments + [page.size, page.offset])
            let ids = records.compactMap(\.id)
            let marks = databaseQuestionMarks(count: ids.count)
            var conflicts: [Int64: [JurorListing.Conflict]] = [:]
            var invitations: [Int64: Date] = [:]
            if !ids.isEmpty {
                let conflictRows = try Row.fetchAll(cached: db,
                    sql: """
                        SELECT jurorConflict.userId, jurorConflict.uai, establishment.name FROM jurorConflict
                        LEFT JOIN establishment ON establishment.uai = jurorConflict.uai
                        WHERE jurorConflict.userId IN (\(marks)) ORDER BY jurorConflict.uai
                        """,
                    arguments: StatementArguments(ids))
                for row in conflictRows {
                    guard let uai = try? UAI(row["uai"] as String) else { continue }
                    conflicts[row["userId"], default: []].append(JurorListing.Conflict(uai: uai, name: row["name"]))
                }
                let invitationRows = try Row.fetchAll(cached: db,
                    sql: "SELECT userId, MAX(expiresAt) AS expiresAt FROM invitation WHERE usedAt IS NULL AND userId IN (\(marks)) GROUP BY userId",
                    arguments: StatementArguments(ids))
                for row in invitationRows { invitations[row["userId"]] = row["expiresAt"] }
            }
            let jurors = records.map { record in
                JurorListing(
                    user: record.user, conflicts: conflicts[record.id ?? 0] ?? [], invitationExpiresAt: invitations[record.id ?? 0],
                    hasPassword: record.passwordHash != nil)
            }
            let countRows = try Row.fetchAll(cached: db,
                sql: "SELECT disabled, passwordHash IS NOT NULL AS hasPassword, COUNT(*) AS n FROM user WHERE role = ? GROUP BY 1, 2",
                arguments: [Role.juror.rawValue])
            var counts: [JurorAccess: Int] = [:]
            for row in countRows {
                let access: JurorAccess = (row["disabled"] as Bool) ? .disabled : (row["hasPassword"] as Bool) ? .active : .invited
                counts[access, default: 0] += row["n"] as Int
            }
            return JurorList(paging: page, jurors: jurors, counts: counts)
        }
    }
}
