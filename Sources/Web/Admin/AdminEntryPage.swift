import Core
import Foundation

/// An entry's page for organisers: what was filed, the consents, what the jury reads, the scores, the decisions.
struct AdminEntryPage: PageModel {
    struct Establishment: Encodable, Sendable {
        let uai: String
        let name: String
        let commune: String
        let departement: String
        let type: String
    }

    struct Poster: Encodable, Sendable {
        let format: String
        let size: String
        let bytes: String
        let fileName: String
        let hash: String
    }

    /// What the `{{#entry}}` section shows.
    struct Details: Encodable, Sendable {
        let id: Int64
        let reference: String
        let title: String
        /// The title with its ordinals raised, for the page text (`title` stays plain in alternative texts).
        let titleMarkup: Markup
        let statement: String
        let classLabel: Markup
        let studentsText: String
        let teacherName: String
        let teacherEmail: String
        /// « effacé le … » once the teacher's name and e-mail were erased (retention or a person's request).
        let teacherErased: String?
        /// « supprimé le … » once the original file was deleted by the retention purge.
        let originalDeleted: String?
        let category: String
        let establishment: Establishment
        let createdAt: Markup
        let updatedAt: Markup
        let wasUpdated: Bool
        let consent: ConsentRecordView
        let poster: Poster
        let isWithdrawn: Bool
        let isCancelled: Bool
        let isActive: Bool
        let cancellationReason: String?
        let eligibility: String
        let eligibilityLabel: String
        let isPending: Bool
        let isEligible: Bool
        let eligibilityReason: String?
        let anonymousCode: String
        let juryStatement: String
        let redacted: Bool

        init(_ entry: Entry, establishment: Core.Establishment, edition: Edition) {
            id = entry.id ?? 0
            reference = entry.reference
            title = entry.details.title
            titleMarkup = Markup(entry.details.title)
            statement = entry.details.statement
            classLabel = Markup(entry.details.classLabel)
            studentsText = FrenchTypography.count(entry.details.studentCount, "élève", "élèves")
            teacherName = entry.details.teacherName
            teacherEmail = entry.details.teacherEmail
            teacherErased = entry.personalDataErasedAt.map(Retention.erasedLabel)
            originalDeleted = entry.originalDeletedAt.map(Retention.deletedLabel)
            category = edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode
            self.establishment = Establishment(
                uai: establishment.uai.code, name: establishment.name, commune: establishment.commune, departement: establishment.departement,
                type: establishment.type.label)
            createdAt = Markup(ParisTime.longDateTime(entry.createdAt))
            updatedAt = Markup(ParisTime.longDateTime(entry.updatedAt))
            wasUpdated = entry.updatedAt > entry.createdAt
            consent = ConsentRecordView(entry.consent, year: edition.year)
            poster = Poster(
                format: entry.poster.format.uppercased(), size: entry.poster.sizeText,
                bytes: SubmissionMessages.megabytes(entry.poster.byteCount) + " Mo", fileName: entry.poster.originalFileName, hash: entry.poster.hash)
            isWithdrawn = entry.status == .withdrawn
            isCancelled = entry.status == .cancelled
            isActive = entry.status == .active
            cancellationReason = entry.cancellationReason
            eligibility = entry.eligibility.code
            eligibilityLabel = entry.eligibility.label
            isPending = entry.eligibility == .pending
            isEligible = entry.eligibility == .eligible
            eligibilityReason = entry.eligibility.reason
            anonymousCode = entry.anonymousCode
            juryStatement = entry.statementForJury
            redacted = entry.juryStatement != nil
        }
    }

    /// A juror's scores on the entry.
    struct Ballot: Encodable, Sendable {
        let juror: String
        let scores: String
        let weighted: String
        let comment: String
        let status: String
        let at: Markup
    }

    let edition: EditionView
    let entry: Details
    let ballots: [Ballot]
    let hasBallots: Bool
}
