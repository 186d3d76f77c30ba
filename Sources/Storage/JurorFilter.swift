import Core
import Foundation
import GRDB

/// Whether a juror can sign in: what the organisers' juror list filters on.
public enum JurorAccess: String, Sendable, CaseIterable {
    /// Has chosen a password and is not disabled.
    case active = "actif"
    /// Has not accepted the invitation yet.
    case invited = "invite"
    case disabled = "desactive"
}

/// Which jurors the organisers' list shows.
public struct JurorFilter: Sendable {
    /// Words that must each appear in the name or the e-mail address.
    public var search: String?
    public var access: JurorAccess?

    public init(search: String? = nil, access: JurorAccess? = nil) {
        self.search = search
        self.access = access
    }

    func condition() -> (sql: String, arguments: StatementArguments) {
        var clauses = ["role = ?"]
        var arguments: [any DatabaseValueConvertible] = [Role.juror.rawValue]
        switch access {
        case .active: clauses.append("disabled = 0 AND passwordHash IS NOT NULL")
        case .invited: clauses.append("disabled = 0 AND passwordHash IS NULL")
        case .disabled: clauses.append("disabled = 1")
        case nil: break
        }
        let words = String((search ?? "").prefix(AppDatabase.maxSearchLength)).split(whereSeparator: \.isWhitespace).prefix(8)
        for word in words {
            clauses.append(#"(displayName LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\')"#)
            let pattern = "%\(AppDatabase.escapeLike(String(word.prefix(60))))%"
            arguments += [pattern, pattern]
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments))
    }
}

/// A juror on the organisers' list, with the conflicts declared and the pending invitation.
public struct JurorListing: Sendable {
    public struct Conflict: Sendable {
        public var uai: UAI
        /// Nil when the establishment is no longer in the directory.
        public var name: String?
    }

    public var user: User
    public var conflicts: [Conflict]
    /// The latest unused invitation's expiry.
    public var invitationExpiresAt: Date?
    public var hasPassword: Bool
}

/// One page of the organisers' juror list.
public struct JurorList: Sendable {
    public var paging: Paging
    public var jurors: [JurorListing]
    /// Jurors per access state, over all jurors.
    public var counts: [JurorAccess: Int]
}
