import Core
import Foundation
import Storage

/// The organisers' list of an edition's entries: counts over the edition, filters, one page of entries.
struct AdminEntriesPage: PageModel {
    struct Row: Encodable, Sendable {
        struct Establishment: Encodable, Sendable {
            let name: String
            let commune: String
            let departement: String
        }

        let id: Int64
        let reference: String
        let title: String
        /// The title with its ordinals raised, for the page text (`title` stays plain in alternative texts).
        let titleMarkup: Markup
        let isWithdrawn: Bool
        let isCancelled: Bool
        let establishment: Establishment
        let classLabel: Markup
        let category: String
        let createdAtShort: Markup
        let eligibility: String
        let eligibilityLabel: String

        init(_ listing: EntryListing, edition: Edition) {
            let entry = listing.entry
            id = entry.id ?? 0
            reference = entry.reference
            title = entry.details.title
            titleMarkup = Markup(entry.details.title)
            isWithdrawn = entry.status == .withdrawn
            isCancelled = entry.status == .cancelled
            establishment = Establishment(
                name: listing.establishment.name, commune: listing.establishment.commune, departement: listing.establishment.departement)
            classLabel = Markup(entry.details.classLabel)
            category = edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode
            createdAtShort = Markup(ParisTime.dateTime(entry.createdAt))
            eligibility = entry.eligibility.code
            eligibilityLabel = entry.eligibility.label
        }
    }

    struct Counts: Encodable, Sendable {
        struct Category: Encodable, Sendable {
            let label: String
            let count: Int
        }

        struct Departement: Encodable, Sendable {
            let departement: String
            let count: Int
        }

        let total: Int
        let withdrawn: Int
        let cancelled: Int
        let byCategory: [Category]
        let byDepartement: [Departement]
        /// The words after each number, singular or plural (French singular up to 1).
        let totalWords: String
        let withdrawnWords: String
        let cancelledWords: String

        init(total: Int, withdrawn: Int, cancelled: Int, byCategory: [Category], byDepartement: [Departement]) {
            self.total = total
            self.withdrawn = withdrawn
            self.cancelled = cancelled
            self.byCategory = byCategory
            self.byDepartement = byDepartement
            totalWords = total > 1 ? "affiches en lice" : "affiche en lice"
            withdrawnWords = withdrawn > 1 ? "retirées" : "retirée"
            cancelledWords = cancelled > 1 ? "annulées" : "annulée"
        }
    }

    /// An option of a filter's drop-down list.
    struct Option: Encodable, Sendable {
        let code: String
        let label: String
        let selected: Bool
    }

    struct Filters: Encodable, Sendable {
        let categories: [Option]
        let departements: [Option]
        let statuses: [Option]
        let eligibilities: [Option]
    }

    let edition: EditionView
    let counts: Counts
    let filters: Filters
    /// The search typed, shown back in its field.
    let query: String
    /// The page size, kept by the filter form when it is not the default one.
    let pageSize: String?
    let entries: [Row]
    let hasEntries: Bool
    let pagination: PaginationView
    /// Offered while entries are open, before the deadline (``ReminderController``).
    var canRemindTeachers = false
}

/// The entry list's filters as read from the URL: unknown values are dropped, the search is trimmed and bounded.
struct AdminEntriesQuery {
    static let eligibilities = [("pending", "À vérifier"), ("eligible", "Recevables"), ("ineligible", "Non recevables")]
    static let statuses: [(EntryStatus, String)] = [(.active, "En lice"), (.withdrawn, "Retirées"), (.cancelled, "Annulées")]

    let filter: EntryFilter
    let search: String

    /// - Parameters:
    ///   - parameter: reads a query parameter.
    init(_ parameter: (String) -> String?, edition: Edition) {
        func value(_ name: String) -> String? {
            guard let text = parameter(name), !text.isEmpty else { return nil }
            return text
        }
        search = String((value("q") ?? "").prefix(AppDatabase.maxSearchLength)).trimmingCharacters(in: .whitespacesAndNewlines)
        filter = EntryFilter(
            categoryCode: value("categorie").flatMap { code in edition.categories.contains { $0.code == code } ? code : nil },
            departement: value("departement").map { String($0.prefix(10)) },
            status: value("statut").flatMap { EntryStatus(rawValue: $0) },
            eligibility: value("recevabilite").flatMap { code in Self.eligibilities.contains { $0.0 == code } ? code : nil },
            search: search.isEmpty ? nil : search)
    }

    /// The filters as kept in the page links, in a stable order.
    var parameters: [(String, String)] {
        [
            ("categorie", filter.categoryCode ?? ""), ("departement", filter.departement ?? ""), ("statut", filter.status?.rawValue ?? ""),
            ("recevabilite", filter.eligibility ?? ""), ("q", search),
        ]
    }
}
