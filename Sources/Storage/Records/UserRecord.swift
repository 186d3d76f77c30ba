import Core
import Foundation
import GRDB

/// A row of `user`.
struct UserRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "user"

    var id: Int64?
    var email: String
    var displayName: String
    var role: String
    var passwordHash: String?
    var disabled: Bool
    var createdAt: Date
    /// Random per account: seeds the stable shuffled order in which a juror sees entries.
    var orderSeed: String?

    enum Columns {
        static let email = Column(CodingKeys.email)
        static let role = Column(CodingKeys.role)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ user: User) {
        self.id = user.id
        self.email = user.email
        self.displayName = user.displayName
        self.role = user.role.rawValue
        self.passwordHash = user.passwordHash
        self.disabled = user.disabled
        self.createdAt = user.createdAt
        self.orderSeed = UUID().uuidString
    }

    var user: User {
        User(
            id: id, email: email, displayName: displayName, role: Role(rawValue: role) ?? .juror,
            passwordHash: passwordHash, disabled: disabled, createdAt: createdAt
        )
    }
}

/// A row of `session`: the SHA-256 of the cookie token, never the token itself.
struct SessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"

    var tokenHash: String
    var userId: Int64
    var createdAt: Date
    var expiresAt: Date

    enum Columns {
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let expiresAt = Column(CodingKeys.expiresAt)
        static let userId = Column(CodingKeys.userId)
    }
}
