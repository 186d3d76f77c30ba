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

        /// « 3 importés, 1 mis à jour, 0 inchangé, 2 rejetés ».
        let summary: String
        let rejectedCount: Int
        let hasRejected: Bool
        let rejected: [Rejection]
        let more: String?

        init(_ report: ImportReport) {
            summary = Self.summary(report)
            rejectedCount = report.rejected.count
            hasRejected = !report.rejected.isEmpty
            rejected = report.rejected.prefix(500).map { Rejection(line: $0.line, reason: $0.reason) }
            more = report.rejected.count > 500 ? "… et \(FrenchTypography.count(report.rejected.count - 500, "autre ligne", "autres lignes"))." : nil
        }
    }

    let query: String
    let searched: Bool
    /// « 36 établissements enregistrés ».
    let countText: String
    let results: [Row]
    let report: Report?
    let importError: String?
    let errorSummary: ErrorSummary?
}

extension EstablishmentsPage.Report {
    /// What an import did, in words: « 3 importés, 1 mis à jour, 0 inchangé, 2 rejetés ».
    static func summary(_ report: ImportReport) -> String {
        [
            FrenchTypography.count(report.imported, "importé", "importés"), FrenchTypography.count(report.updated, "mis à jour", "mis à jour"),
            FrenchTypography.count(report.unchanged, "inchangé", "inchangés"), FrenchTypography.count(report.rejected.count, "rejeté", "rejetés"),
        ].joined(separator: ", ")
    }
}
