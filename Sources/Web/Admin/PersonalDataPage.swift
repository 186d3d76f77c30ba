import Core
import Foundation
import Storage

/// « Données personnelles »: retention dates per edition, the purge button when due, and a person's request.
struct PersonalDataPage: PageModel {
    struct TaskRow: Encodable, Sendable {
        let label: String
        let status: Markup

        init(label: String, status: String) {
            self.label = label
            self.status = Markup(status)
        }
    }

    struct EditionRow: Encodable, Sendable {
        let year: Int
        let title: Markup
        let stateLabel: String
        /// « jeudi 14 avril 2022 », when the results were first published.
        let publishedOn: Markup?
        let tasks: [TaskRow]
        /// Something is due: the purge form is shown.
        let isDue: Bool
        /// The checkbox's error, when the purge was asked without it.
        let confirmError: String?

        init(_ item: EditionRetention, now: Date, confirmError: String?) {
            year = item.edition.year
            title = Markup(item.edition.title)
            stateLabel = item.edition.state.label
            publishedOn = item.record.publishedAt.map { Markup(RetentionText.day($0)) }
            tasks = RetentionTask.allCases.map { TaskRow(label: RetentionText.label($0), status: RetentionText.status($0, of: item, now: now)) }
            isDue = !item.pending.isEmpty
            self.confirmError = confirmError
        }
    }

    struct EntryRow: Encodable, Sendable {
        let year: Int
        let reference: String
        let title: String
        let establishment: String
        let teacherName: String
    }

    struct AccountRow: Encodable, Sendable {
        let name: String
        let roleLabel: String
        let createdOn: String
        let ballots: String
        let disabled: Bool
    }

    /// What the service holds for the address typed.
    struct Lookup: Encodable, Sendable {
        let email: String
        let isEmpty: Bool
        let summary: String
        let entries: [EntryRow]
        let hasEntries: Bool
        let account: AccountRow?
        /// Why erasing is refused before trying (one's own account); the last organiser is refused by the database.
        let refusal: String?

        init(_ holdings: PersonalDataHoldings, viewer: User?) {
            email = holdings.email
            isEmpty = holdings.isEmpty
            entries = holdings.entries.map {
                EntryRow(
                    year: $0.editionYear, reference: $0.entry.reference, title: $0.entry.details.title,
                    establishment: "\($0.establishmentName) (\($0.commune))", teacherName: $0.entry.details.teacherName)
            }
            hasEntries = !entries.isEmpty
            account = holdings.account.map {
                AccountRow(
                    name: $0.displayName, roleLabel: $0.role == .juror ? "juré" : "organisateur",
                    createdOn: RetentionText.day($0.createdAt), ballots: FrenchTypography.count(holdings.ballotCount, "note enregistrée", "notes enregistrées"),
                    disabled: $0.disabled)
            }
            summary = holdings.isEmpty
                ? "Aucune donnée n’est enregistrée pour cette adresse."
                : "Pour cette adresse\u{00A0}: " + PersonalDataController.holdingsSummary(holdings) + "."
            refusal = holdings.account.flatMap { $0.id != nil && $0.id == viewer?.id ? PersonalDataController.ownAccount : nil }
        }
    }

    struct Problem: Encodable, Sendable {
        let field: String
        let message: String
    }

    struct Errors: Encodable, Sendable {
        let email: String?
        let confirmation: String?
    }

    let policy: String
    let editions: [EditionRow]
    let hasEditions: Bool
    /// The address in the request form.
    let email: String
    let errors: Errors
    let hasErrors: Bool
    let errorList: [Problem]
    /// What a purge error is about (its edition), for the summary's heading.
    let errorHeading: String
    let lookup: Lookup?
}
