import Foundation

/// What a message is about; the outbox page filters by it.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case receipt
    case entryChanged
    case ineligible
    case invitation
    case juryReminder
    case teacherReminder
    case results
    case lostLink

    /// The French name shown on the outbox page.
    public var label: String {
        switch self {
        case .receipt: return "Accusé de réception"
        case .entryChanged: return "Dépôt modifié"
        case .ineligible: return "Non recevable"
        case .invitation: return "Invitation au jury"
        case .juryReminder: return "Relance jury"
        case .teacherReminder: return "Relance enseignant"
        case .results: return "Résultats"
        case .lostLink: return "Lien perdu"
        }
    }
}

/// An address with an optional display name (`Mme Durand <durand@ac-creteil.fr>`).
public struct MailAddress: Hashable, Sendable, Codable {
    public var name: String
    public var address: String

    public init(_ address: String, name: String = "") {
        self.address = address.trimmingCharacters(in: .whitespaces)
        self.name = name
    }

    /// A plausible single address: one `@`, no spaces, no control characters, no angle brackets (it goes into headers).
    public var isValid: Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return address.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>(),;:\\\"[]".unicodeScalars.contains($0) }
    }
}

/// One message to send: who, what, and what it refers to. Built by ``MailTexts``; the outbox stores it.
public struct MailMessage: Hashable, Sendable {
    public var kind: MailKind
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String
    public var editionId: Int64?
    public var entryId: Int64?
    /// Set when the same message must not be queued twice (results of an edition for an entry, a dated reminder).
    public var dedupeKey: String?

    public init(
        kind: MailKind, to: MailAddress, subject: String, text: String, html: String, editionId: Int64? = nil, entryId: Int64? = nil,
        dedupeKey: String? = nil
    ) {
        self.kind = kind
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.editionId = editionId
        self.entryId = entryId
        self.dedupeKey = dedupeKey
    }
}
