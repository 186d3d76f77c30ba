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
        try writer.read { db in try UserRecord.fetchOne(db, key: id)?.user }
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
