import Foundation

/// What a signed-in person may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    case organiser
    case juror

    public var label: String {
        switch self {
        case .organiser: return "Organisateur"
        case .juror: return "Juré"
        }
    }
}

/// A person with an account: an organiser of the académie or a jury member. Submitters need no account.
public struct User: Hashable, Sendable {
    public var id: Int64?
    public var email: String
    public var displayName: String
    public var role: Role
    /// bcrypt hash; nil until the person has set a password (invited jurors).
    public var passwordHash: String?
    public var disabled: Bool
    public var createdAt: Date

    public init(
        id: Int64? = nil, email: String, displayName: String, role: Role, passwordHash: String? = nil,
        disabled: Bool = false, createdAt: Date = Date()
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Lower-cased, trimmed e-mail; nil when it does not look like an address.
    public static func normaliseEmail(_ raw: String) -> String? {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(" ")
        else { return nil }
        return email
    }
}
