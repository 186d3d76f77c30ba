import Core
import Foundation
import Storage

/// The establishments page: the directory import form, its report, and a search.
struct EstablishmentsPage: PageModel {
    struct Row: Encodable, Sendable {
        let uai: String
        let name: String
        let type: String
        let commune: String
        let departement: String
        let district: String?

        init(_ establishment: Establishment) {
            uai = establishment.uai.code
            name = establishment.name
            type = establishment.type.label
            commune = establishment.commune
            departement = establishment.departement
            district = establishment.district
        }
    }

    /// What an import changed; every rejected line (the first 500) with its reason.
    struct Report: Encodable, Sendable {
        struct Rejection: Encodable, Sendable {
            let line: Int
            let reason: String
        }

        let imported: Int
        let updated: Int
        let unchanged: Int
        let rejectedCount: Int
        let hasRejected: Bool
        let rejected: [Rejection]
        let more: String?

        init(_ report: ImportReport) {
            imported = report.imported
            updated = report.updated
            unchanged = report.unchanged
            rejectedCount = report.rejected.count
            hasRejected = !report.rejected.isEmpty
            rejected = report.rejected.prefix(500).map { Rejection(line: $0.line, reason: $0.reason) }
            more = report.rejected.count > 500 ? "… et \(report.rejected.count - 500) autre(s) ligne(s)." : nil
        }
    }

    let query: String
    let searched: Bool
    let count: Int
    let results: [Row]
    let report: Report?
    let importError: String?
}
