import Core
import Foundation
import GRDB

/// What the service holds about one e-mail address, for a person's request.
public struct PersonalDataHoldings: Sendable {
    /// An entry where the address is the teacher's, with the names that make it readable.
    public struct HeldEntry: Sendable {
        public let entry: Entry
        public let editionYear: Int
        public let establishmentName: String
        public let commune: String
    }

    /// The normalised address looked up.
    public let email: String
    public let entries: [HeldEntry]
    /// An organiser's or juror's account with that address.
    public let account: User?
    /// The account's ballots (scores are kept for the results when the account is erased).
    public let ballotCount: Int

    public var isEmpty: Bool { entries.isEmpty && account == nil }
}

/// What a person's erasure did.
public struct ErasureOutcome: Sendable, Equatable {
    public let entriesErased: Int
    /// The role of the account that was anonymised, if any.
    public let accountRole: Role?
}

extension AppDatabase {
    /// Entries whose teacher e-mail is `email` (any edition, any case), and the account with that address.
    /// - Parameters:
    ///   - email: an address already normalised by `User.normaliseEmail`.
    public func personalData(email: String) throws -> PersonalDataHoldings {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT entry.*, edition.year AS editionYear, establishment.name AS establishmentName, establishment.commune AS establishmentCommune
                    FROM entry JOIN edition ON edition.id = entry.editionId JOIN establishment ON establishment.uai = entry.establishmentUai
                    WHERE entry.teacherEmail = ? COLLATE NOCASE ORDER BY edition.year DESC, entry.createdAt
                    """, arguments: [email])
            let entries = rows.compactMap { row in
                Self.entry(row).map {
                    PersonalDataHoldings.HeldEntry(
                        entry: $0, editionYear: row["editionYear"], establishmentName: row["establishmentName"], commune: row["establishmentCommune"])
                }
            }
            let account = try UserRecord.fetchOne(db, sql: "SELECT * FROM user WHERE email = ? COLLATE NOCASE", arguments: [email])?.user
            let ballots = try account?.id.map { id in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ballot WHERE jurorId = ?", arguments: [id]) ?? 0 } ?? 0
            return PersonalDataHoldings(email: email, entries: entries, account: account, ballotCount: ballots)
        }
    }

    /// Erases what is held for `email`: the teacher's name and e-mail on every entry, and the account anonymised (name and
    /// address replaced, password, sessions, invitations and conflicts removed; ballots kept for the results). Refused for
    /// the account doing it and for the last organiser able to sign in. Audited with a masked address and counts.
    public func erasePersonalData(email: String, requestedBy actor: User, now: Date) throws(StorageError) -> ErasureOutcome {
        try write { db in
            let erased = try Self.eraseTeacher(db, email: email, now: now)
            var role: Role?
            if let record = try UserRecord.fetchOne(db, sql: "SELECT * FROM user WHERE email = ? COLLATE NOCASE", arguments: [email]), let id = record.id {
                if id == actor.id {
                    throw StorageError.conflict("Vous ne pouvez pas effacer votre propre compte\u{00A0}: demandez-le à un autre organisateur.")
                }
                let user = record.user
                if user.role == .organiser {
                    let others = try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM user WHERE role = 'organiser' AND disabled = 0 AND passwordHash IS NOT NULL AND id != ?",
                        arguments: [id]) ?? 0
                    if others == 0 { throw StorageError.conflict("C’est le seul compte organisateur\u{00A0}: créez-en un autre avant de l’effacer.") }
                }
                try db.execute(
                    sql: "UPDATE user SET email = ?, displayName = ?, passwordHash = NULL, disabled = 1 WHERE id = ?",
                    arguments: ["compte-efface-\(id)@invalid", user.role == .juror ? "Juré effacé n° \(id)" : "Compte effacé n° \(id)", id])
                try db.execute(sql: "DELETE FROM session WHERE userId = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM invitation WHERE userId = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM jurorConflict WHERE userId = ?", arguments: [id])
                role = user.role
            }
            guard erased > 0 || role != nil else { throw StorageError.notFound("aucune donnée pour cette adresse") }
            var parts: [String] = []
            if erased > 0 || role == nil { parts.append(FrenchTypography.count(erased, "dépôt dont l’encadrant est effacé", "dépôts dont l’encadrant est effacé")) }
            if let role { parts.append("compte \(role == .juror ? "de juré" : "organisateur") anonymisé") }
            try Self.audit(
                db, actor: actor.email, action: "effacement sur demande",
                details: "Demande pour \(Retention.masked(email: email))\u{00A0}: " + parts.joined(separator: ", "), editionId: nil, at: now)
            return ErasureOutcome(entriesErased: erased, accountRole: role)
        }
    }

    /// Empties the teacher's name and e-mail on entries with that address; returns how many.
    static func eraseTeacher(_ db: Database, email: String, now: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE entry SET teacherName = '', teacherEmail = '', personalDataErasedAt = ? WHERE teacherEmail = ? COLLATE NOCASE",
            arguments: [now, email])
        return db.changesCount
    }
}
