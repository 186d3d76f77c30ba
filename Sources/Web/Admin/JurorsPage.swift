import Core
import Foundation
import Storage

/// The organisers' juror list: one page of jurors with their access and conflicts, filters, the new-juror form.
struct JurorsPage: PageModel {
    /// A declared conflict; it has no `id`, so `{{id}}` inside it is the juror's.
    struct Conflict: Encodable, Sendable {
        let uai: String
        let name: String?
    }

    struct Row: Encodable, Sendable {
        let id: Int64
        let name: String
        let email: String
        let disabled: Bool
        let hasPassword: Bool
        let invitationStatus: Markup?
        let conflicts: [Conflict]

        init(_ listing: JurorListing, now: Date) {
            id = listing.user.id ?? 0
            name = listing.user.displayName
            email = listing.user.email
            disabled = listing.user.disabled
            hasPassword = listing.hasPassword
            invitationStatus = listing.invitationExpiresAt.flatMap { expires in
                expires > now ? Markup("invitation envoyée, valable jusqu’au \(ParisTime.longDateTime(expires))") : nil
            }
            conflicts = listing.conflicts.map { Conflict(uai: $0.uai.code, name: $0.name) }
        }
    }

    /// The invitation link just issued, shown once.
    struct Invitation: Encodable, Sendable {
        let name: String
        let email: String
        let link: String
        let expires: Markup
        let mailto: String
    }

    /// The new-juror form as typed.
    struct Form: Encodable, Sendable {
        let name: String
        let email: String
        let conflits: String
    }

    struct Errors: Encodable, Sendable {
        let nom: String?
        let email: String?
        let conflits: String?
    }

    struct Option: Encodable, Sendable {
        let code: String
        let label: String
        let selected: Bool
    }

    let invitation: Invitation?
    let jurors: [Row]
    let hasJurors: Bool
    /// Whether any juror exists at all (the filters are shown only then).
    let anyJurors: Bool
    let emptyText: String
    let query: String
    let accessOptions: [Option]
    let pageSize: String?
    let pagination: PaginationView
    let errors: Errors
    /// The new-juror form's problems, above it, when it comes back with errors.
    let errorSummary: ErrorSummary?
    let form: Form
}

/// The juror list's filters as read from the URL.
struct JurorsQuery {
    static let accessLabels: [(JurorAccess, String)] = [(.active, "Actifs"), (.invited, "Invitation non acceptée"), (.disabled, "Désactivés")]

    let filter: JurorFilter
    let search: String

    init(_ parameter: (String) -> String?) {
        search = String((parameter("q") ?? "").prefix(AppDatabase.maxSearchLength)).trimmingCharacters(in: .whitespacesAndNewlines)
        filter = JurorFilter(search: search.isEmpty ? nil : search, access: parameter("acces").flatMap(JurorAccess.init(rawValue:)))
    }

    var parameters: [(String, String)] { [("q", search), ("acces", filter.access?.rawValue ?? "")] }
}
