import Core
import Foundation
import GRDB

/// A row of `entry`.
struct EntryRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "entry"

    var id: Int64?
    var editionId: Int64
    var reference: String
    var tokenHash: String
    var establishmentUai: String
    var categoryCode: String
    var title: String
    var statement: String
    var classLabel: String
    var studentCount: Int
    var teacherName: String
    var teacherEmail: String
    var consentImageRights: Bool
    var consentAuthorsRights: Bool
    var consentPublicGallery: Bool
    var consentWordingVersion: String
    var consentRecordedAt: Date
    var consentOriginal: Bool
    var consentThirdParty: String
    var consentNoIdentifyingMarks: Bool
    var consentPersonRecognisable: Bool?
    var rulesVersion: String?
    var posterHash: String
    var originalPath: String
    var format: String
    var byteCount: Int
    var width: Int
    var height: Int
    var thumbnailPath: String
    var previewPath: String
    var originalFileName: String
    var pageCount: Int?
    var status: String
    var eligibility: String
    var eligibilityReason: String?
    var createdAt: Date
    var updatedAt: Date
    var anonymousCode: String?
    var juryStatement: String?
    var statusReason: String?
    var personalDataErasedAt: Date?
    var originalDeletedAt: Date?

    enum Columns {
        static let anonymousCode = Column(CodingKeys.anonymousCode)
        static let id = Column(CodingKeys.id)
        static let editionId = Column(CodingKeys.editionId)
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let reference = Column(CodingKeys.reference)
        static let establishmentUai = Column(CodingKeys.establishmentUai)
        static let categoryCode = Column(CodingKeys.categoryCode)
        static let posterHash = Column(CodingKeys.posterHash)
        static let status = Column(CodingKeys.status)
        static let eligibility = Column(CodingKeys.eligibility)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ entry: Entry, tokenHash: String) {
        self.id = entry.id
        self.editionId = entry.editionId
        self.reference = entry.reference
        self.tokenHash = tokenHash
        self.establishmentUai = entry.establishment.code
        self.categoryCode = entry.categoryCode
        self.title = entry.details.title
        self.statement = entry.details.statement
        self.classLabel = entry.details.classLabel
        self.studentCount = entry.details.studentCount
        self.teacherName = entry.details.teacherName
        self.teacherEmail = entry.details.teacherEmail
        self.consentImageRights = entry.consent.imageRights
        self.consentAuthorsRights = entry.consent.authorsRights
        self.consentPublicGallery = entry.consent.publicGallery
        self.consentWordingVersion = entry.consent.wordingVersion
        self.consentRecordedAt = entry.consent.recordedAt
        self.consentOriginal = entry.consent.original
        self.consentThirdParty = entry.consent.thirdPartyElements
        self.consentNoIdentifyingMarks = entry.consent.noIdentifyingMarks
        self.consentPersonRecognisable = entry.consent.personRecognisable
        self.rulesVersion = entry.consent.rulesVersion
        self.posterHash = entry.poster.hash
        self.originalPath = entry.poster.originalPath
        self.format = entry.poster.format
        self.byteCount = entry.poster.byteCount
        self.width = entry.poster.width
        self.height = entry.poster.height
        self.thumbnailPath = entry.poster.thumbnailPath
        self.previewPath = entry.poster.previewPath
        self.originalFileName = entry.poster.originalFileName
        self.pageCount = entry.poster.pageCount
        self.status = entry.status.rawValue
        self.eligibility = entry.eligibility.code
        self.eligibilityReason = entry.eligibility.reason
        self.createdAt = entry.createdAt
        self.updatedAt = entry.updatedAt
        self.anonymousCode = entry.anonymousCode.isEmpty ? nil : entry.anonymousCode
        self.juryStatement = entry.juryStatement
        self.statusReason = entry.cancellationReason
        self.personalDataErasedAt = entry.personalDataErasedAt
        self.originalDeletedAt = entry.originalDeletedAt
    }

    var entry: Entry? {
        guard let uai = try? UAI(establishmentUai) else { return nil }
        return Entry(
            id: id, editionId: editionId, reference: reference, establishment: uai, categoryCode: categoryCode,
            details: EntryDetails(
                title: title, statement: statement, classLabel: classLabel, studentCount: studentCount, teacherName: teacherName,
                teacherEmail: teacherEmail),
            consent: Consent(
                imageRights: consentImageRights, authorsRights: consentAuthorsRights, publicGallery: consentPublicGallery,
                original: consentOriginal, thirdPartyElements: consentThirdParty, noIdentifyingMarks: consentNoIdentifyingMarks,
                personRecognisable: consentPersonRecognisable, wordingVersion: consentWordingVersion, rulesVersion: rulesVersion,
                recordedAt: consentRecordedAt),
            poster: PosterFile(
                hash: posterHash, originalPath: originalPath, format: format, byteCount: byteCount, width: width, height: height,
                thumbnailPath: thumbnailPath, previewPath: previewPath, originalFileName: originalFileName, pageCount: pageCount),
            status: EntryStatus(rawValue: status) ?? .active,
            eligibility: Eligibility(code: eligibility, reason: eligibilityReason),
            createdAt: createdAt, updatedAt: updatedAt, anonymousCode: anonymousCode ?? "", juryStatement: juryStatement,
            cancellationReason: statusReason, personalDataErasedAt: personalDataErasedAt, originalDeletedAt: originalDeletedAt)
    }

    mutating func apply(poster: PosterFile) {
        posterHash = poster.hash
        originalPath = poster.originalPath
        format = poster.format
        byteCount = poster.byteCount
        width = poster.width
        height = poster.height
        thumbnailPath = poster.thumbnailPath
        previewPath = poster.previewPath
        originalFileName = poster.originalFileName
        pageCount = poster.pageCount
    }
}
