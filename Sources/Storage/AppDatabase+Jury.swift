import Core
import Foundation
import GRDB

/// A juror as organisers see them.
public struct JurorSummary: Sendable {
    public var user: User
    public var conflicts: [UAI]
    public var invitationExpiresAt: Date?
    public var hasPassword: Bool
}

/// What an invitation link leads to.
public struct InvitationState: Sendable {
    public var user: User
    public var expiresAt: Date
    public var usedAt: Date?
}

extension AppDatabase {
    // MARK: - Jurors and invitations

    /// Creates a juror account (no password until the invitation is accepted) with conflicts declared by organisers.
    @discardableResult
    public func createJuror(name: String, email: String, conflicts: [UAI], now: Date) throws(StorageError) -> User {
        let user = try insertUser(User(email: email, displayName: name, role: .juror, createdAt: now))
        guard let id = user.id else { throw .database("juror without id") }
        for uai in conflicts { try addConflict(userID: id, uai: uai, declaredBy: "organiser", now: now) }
        return user
    }

    public func jurors() throws -> [JurorSummary] {
        try writer.read { db in
            let users = try UserRecord.filter(UserRecord.Columns.role == Role.juror.rawValue).order(Column("displayName")).fetchAll(db)
            return try users.map { record in
                let id = record.id ?? 0
                let conflicts = try ConflictRecord.filter(ConflictRecord.Columns.userId == id).order(ConflictRecord.Columns.uai).fetchAll(db)
                let invitation = try InvitationRecord.filter(InvitationRecord.Columns.userId == id).filter(InvitationRecord.Columns.usedAt == nil)
                    .order(Column("expiresAt").desc).fetchOne(db)
                return JurorSummary(
                    user: record.user, conflicts: conflicts.compactMap { try? UAI($0.uai) }, invitationExpiresAt: invitation?.expiresAt,
                    hasPassword: record.passwordHash != nil)
            }
        }
    }

    /// Stores a new invitation for a juror; earlier unused links stop working.
    /// - Parameters:
    ///   - mail: the invitation message, queued in the same transaction.
    public func issueInvitation(userID: Int64, tokenHash: String, now: Date, lifetime: TimeInterval, mail: [MailMessage] = []) throws(StorageError) {
        try write { db in
            try InvitationRecord.filter(InvitationRecord.Columns.userId == userID).filter(InvitationRecord.Columns.usedAt == nil).deleteAll(db)
            // A new link is issued when the old one may have leaked: whoever used it is signed out everywhere.
            try SessionRecord.filter(SessionRecord.Columns.userId == userID).deleteAll(db)
            try InvitationRecord(tokenHash: tokenHash, userId: userID, createdAt: now, expiresAt: now.addingTimeInterval(lifetime), usedAt: nil)
                .insert(db)
            try Self.enqueue(db, mail, now: now)
        }
    }

    public func invitation(tokenHash: String) throws -> InvitationState? {
        try writer.read { db in
            guard let invitation = try InvitationRecord.fetchOne(db, key: tokenHash),
                let user = try UserRecord.fetchOne(db, key: invitation.userId)?.user
            else { return nil }
            return InvitationState(user: user, expiresAt: invitation.expiresAt, usedAt: invitation.usedAt)
        }
    }

    /// Uses an invitation once: sets the password and adds the conflicts the juror declared.
    public func acceptInvitation(tokenHash: String, passwordHash: String, declaredConflicts: [UAI], now: Date) throws(StorageError) -> User {
        try write { db in
            guard var invitation = try InvitationRecord.fetchOne(db, key: tokenHash), invitation.usedAt == nil, invitation.expiresAt > now,
                let user = try UserRecord.fetchOne(db, key: invitation.userId), !user.disabled
            else { throw StorageError.invitationInvalid }
            invitation.usedAt = now
            try invitation.update(db)
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE id = ?", arguments: [passwordHash, invitation.userId])
            try SessionRecord.filter(SessionRecord.Columns.userId == invitation.userId).deleteAll(db)
            for uai in declaredConflicts where try EstablishmentRecord.fetchOne(db, key: uai.code) != nil {
                try ConflictRecord(userId: invitation.userId, uai: uai.code, declaredBy: "juror", createdAt: now).insert(db, onConflict: .ignore)
            }
            return user.user
        }
    }

    // MARK: - Conflicts

    public func addConflict(userID: Int64, uai: UAI, declaredBy: String, now: Date) throws(StorageError) {
        try write { db in
            guard try EstablishmentRecord.fetchOne(db, key: uai.code) != nil else { throw StorageError.notFound("établissement \(uai)") }
            try ConflictRecord(userId: userID, uai: uai.code, declaredBy: declaredBy, createdAt: now).insert(db, onConflict: .ignore)
        }
    }

    public func removeConflict(userID: Int64, uai: UAI) throws(StorageError) {
        try write { db in
            _ = try ConflictRecord.filter(ConflictRecord.Columns.userId == userID).filter(ConflictRecord.Columns.uai == uai.code).deleteAll(db)
        }
    }

    /// Every (juror, establishment) conflict.
    public func allConflicts() throws -> [(jurorId: Int64, uai: String)] {
        try writer.read { db in try ConflictRecord.fetchAll(db).map { ($0.userId, $0.uai) } }
    }

    public func orderSeed(userID: Int64) throws -> String {
        try writer.read { db in try String.fetchOne(cached: db, sql: "SELECT orderSeed FROM user WHERE id = ?", arguments: [userID]) ?? "" }
    }

    // MARK: - What jurors judge

    /// What a juror may see: eligible, active entries of the edition, except those of establishments they are linked to,
    /// and only those of the current round (dealt to them with k jurors per poster; shortlisted in round 2).
    /// Arguments: edition, juror, juror.
    static let juryVisibleSQL = """
        SELECT * FROM entry WHERE editionId = ? AND status = 'active' AND eligibility = 'eligible'
        AND establishmentUai NOT IN (SELECT uai FROM jurorConflict WHERE userId = ?)
        AND NOT EXISTS (SELECT 1 FROM juryRound r WHERE r.editionId = entry.editionId
          AND r.number = (SELECT MAX(number) FROM juryRound WHERE editionId = entry.editionId)
          AND ((r.perPoster IS NOT NULL AND NOT EXISTS (SELECT 1 FROM juryAssignment a WHERE a.editionId = r.editionId AND a.round = r.number
                AND a.jurorId = ? AND a.entryId = entry.id))
            OR (r.number > 1 AND NOT EXISTS (SELECT 1 FROM shortlist s WHERE s.editionId = r.editionId AND s.entryId = entry.id))))
        """

    /// Every entry the juror may see in an edition.
    public func juryEntries(editionId: Int64, jurorId: Int64) throws -> [Entry] {
        try writer.read { db in
            try EntryRecord.fetchAll(cached: db, sql: Self.juryVisibleSQL, arguments: [editionId, jurorId, jurorId]).compactMap(\.entry)
        }
    }

    /// One entry by its anonymous code, only if the juror may see it.
    public func juryEntry(editionId: Int64, jurorId: Int64, anonymousCode: String) throws -> Entry? {
        try writer.read { db in
            try EntryRecord.fetchOne(cached: db, sql: Self.juryVisibleSQL + " AND anonymousCode = ?", arguments: [editionId, jurorId, jurorId, anonymousCode])?.entry
        }
    }

    public func entry(anonymousCode: String) throws -> Entry? {
        try writer.read { db in try EntryRecord.fetchOne(cached: db, sql: "SELECT * FROM entry WHERE anonymousCode = ?", arguments: [anonymousCode])?.entry }
    }

    /// Sets (or clears, with nil) the statement shown to the jury instead of the submitter's.
    public func setJuryStatement(entryId: Int64, _ text: String?, now: Date) throws(StorageError) {
        try write { db in
            try db.execute(sql: "UPDATE entry SET juryStatement = ?, updatedAt = ? WHERE id = ?", arguments: [text, now, entryId])
            guard db.changesCount == 1 else { throw StorageError.notFound("dépôt") }
        }
    }

    // MARK: - Ballots

    /// A juror's ballot on an entry in a round.
    public func ballot(entryId: Int64, jurorId: Int64, round: Int = 1) throws -> Ballot? {
        try writer.read { db in
            try BallotRecord.fetchOne(
                cached: db, sql: "SELECT * FROM ballot WHERE entryId = ? AND jurorId = ? AND round = ?", arguments: [entryId, jurorId, round])?.ballot
        }
    }

    /// Ballots of one round on an edition's entries (one juror's, or everyone's).
    public func ballots(editionId: Int64, jurorId: Int64? = nil, round: Int = 1) throws -> [Ballot] {
        try writer.read { db in
            var sql = "SELECT ballot.* FROM ballot JOIN entry ON entry.id = ballot.entryId WHERE entry.editionId = ? AND ballot.round = ?"
            var arguments: StatementArguments = [editionId, round]
            if let jurorId {
                sql += " AND ballot.jurorId = ?"
                arguments += [jurorId]
            }
            return try BallotRecord.fetchAll(cached: db, sql: sql, arguments: arguments).map(\.ballot)
        }
    }

    /// Every juror's ballot on one entry.
    public func ballots(entryId: Int64) throws -> [Ballot] {
        try writer.read { db in
            try BallotRecord.filter(BallotRecord.Columns.entryId == entryId).order(Column("round"), Column("updatedAt")).fetchAll(db).map(\.ballot)
        }
    }

    /// Creates or replaces a juror's ballot for an entry.
    public func saveBallot(_ ballot: Ballot) throws(StorageError) {
        try write { db in
            var record = BallotRecord(ballot)
            if let existing = try BallotRecord.filter(BallotRecord.Columns.entryId == ballot.entryId)
                .filter(BallotRecord.Columns.jurorId == ballot.jurorId).filter(BallotRecord.Columns.round == ballot.round).fetchOne(db)
            {
                record.id = existing.id
                try record.update(db)
            } else {
                try record.insert(db)
            }
        }
    }
}
