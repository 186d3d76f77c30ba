import Core
import Foundation
import Storage

/// A person's data as the JSON file given on request: their entries (details and consents) and their account; nothing
/// about other people, no password hash, token or private link.
struct PersonalDataExport: Encodable {
    struct Establishment: Encodable {
        let uai: String
        let name: String
        let commune: String
    }

    struct ConsentData: Encodable {
        let imageRights: Bool
        let authorsRights: Bool
        let publicGallery: Bool
        let wordingVersion: String
        let recordedAt: Date
    }

    struct EntryData: Encodable {
        let edition: Int
        let reference: String
        let category: String
        let title: String
        let statement: String
        let classLabel: String
        let studentCount: Int
        let teacherName: String
        let teacherEmail: String
        let establishment: Establishment
        let status: String
        let submittedAt: Date
        let updatedAt: Date
        let consent: ConsentData
    }

    struct AccountData: Encodable {
        let displayName: String
        let email: String
        let role: String
        let createdAt: Date
        let disabled: Bool
        let ballotCount: Int
    }

    let service = "Concours d’affiches de la Semaine de la persévérance scolaire"
    let email: String
    let exportedAt: Date
    let entries: [EntryData]
    let account: AccountData?

    init(_ holdings: PersonalDataHoldings, exportedAt: Date) {
        email = holdings.email
        self.exportedAt = exportedAt
        entries = holdings.entries.map { held in
            let entry = held.entry
            return EntryData(
                edition: held.editionYear, reference: entry.reference, category: entry.categoryCode, title: entry.details.title,
                statement: entry.details.statement, classLabel: entry.details.classLabel, studentCount: entry.details.studentCount,
                teacherName: entry.details.teacherName, teacherEmail: entry.details.teacherEmail,
                establishment: Establishment(uai: entry.establishment.code, name: held.establishmentName, commune: held.commune),
                status: entry.status.label, submittedAt: entry.createdAt, updatedAt: entry.updatedAt,
                consent: ConsentData(
                    imageRights: entry.consent.imageRights, authorsRights: entry.consent.authorsRights, publicGallery: entry.consent.publicGallery,
                    wordingVersion: entry.consent.wordingVersion, recordedAt: entry.consent.recordedAt))
        }
        account = holdings.account.map {
            AccountData(
                displayName: $0.displayName, email: $0.email, role: $0.role.rawValue, createdAt: $0.createdAt, disabled: $0.disabled,
                ballotCount: holdings.ballotCount)
        }
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
