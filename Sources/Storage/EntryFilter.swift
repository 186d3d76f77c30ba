import Core
import Foundation
import GRDB

/// Which entries an organiser list shows; every criterion set must hold. The filtering is done in SQL.
public struct EntryFilter: Sendable {
    public var categoryCode: String?
    public var departement: String?
    public var status: EntryStatus?
    public var eligibility: String?
    /// Words that must each appear in the reference, the title, or the establishment's UAI, name or commune.
    public var search: String?

    public init(
        categoryCode: String? = nil, departement: String? = nil, status: EntryStatus? = nil, eligibility: String? = nil, search: String? = nil
    ) {
        self.categoryCode = categoryCode
        self.departement = departement
        self.status = status
        self.eligibility = eligibility
        self.search = search
    }

    /// The search's words: a few, of bounded length (a longer query would only build an expression SQLite refuses).
    var words: [String] {
        guard let search else { return [] }
        return String(search.prefix(AppDatabase.maxSearchLength)).split(whereSeparator: \.isWhitespace).prefix(8).map { String($0.prefix(60)) }
    }

    /// The `WHERE` condition on `entry` joined with `establishment`, with its arguments.
    func condition(editionId: Int64) -> (sql: String, arguments: StatementArguments) {
        var clauses = ["entry.editionId = ?"]
        var arguments: [any DatabaseValueConvertible] = [editionId]
        if let categoryCode {
            clauses.append("entry.categoryCode = ?")
            arguments.append(categoryCode)
        }
        if let departement {
            clauses.append("establishment.departement = ?")
            arguments.append(departement)
        }
        if let status {
            clauses.append("entry.status = ?")
            arguments.append(status.rawValue)
        }
        if let eligibility {
            clauses.append("entry.eligibility = ?")
            arguments.append(eligibility)
        }
        for word in words {
            // `searchText` is folded (case and accents); references and titles are matched as typed (LIKE ignores ASCII case).
            clauses.append(#"(entry.reference LIKE ? ESCAPE '\' OR entry.title LIKE ? ESCAPE '\' OR establishment.searchText LIKE ? ESCAPE '\')"#)
            let typed = "%\(AppDatabase.escapeLike(word))%"
            arguments += [typed, typed, "%\(AppDatabase.escapeLike(EstablishmentRecord.fold(word)))%"]
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments))
    }
}

/// An entry with its establishment, for organiser lists.
public struct EntryListing: Sendable {
    public var entry: Entry
    public var establishment: Establishment
}

/// One page of an organiser's entry list.
public struct EntryList: Sendable {
    public var paging: Paging
    public var listings: [EntryListing]
    /// Over the whole edition, whatever the filter.
    public var counts: EntryCounts
    /// Départements of the edition's entries, sorted.
    public var departements: [String]
}

/// Entry counts for the organiser dashboard.
public struct EntryCounts: Sendable, Equatable {
    public var byCategory: [String: Int] = [:]
    public var byDepartement: [String: Int] = [:]
    public var total = 0
    public var withdrawn = 0
    public var cancelled = 0

    /// Active entries per category and per département, and how many were withdrawn or cancelled.
    public init(_ listings: [EntryListing]) {
        for listing in listings {
            switch listing.entry.status {
            case .withdrawn:
                withdrawn += 1
                continue
            case .cancelled:
                cancelled += 1
                continue
            case .active:
                break
            }
            total += 1
            byCategory[listing.entry.categoryCode, default: 0] += 1
            byDepartement[listing.establishment.departement, default: 0] += 1
        }
    }
}
