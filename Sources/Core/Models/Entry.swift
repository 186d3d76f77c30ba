import Foundation

/// A poster sent by an establishment for one category of an edition.
public struct Entry: Hashable, Sendable {
    public var id: Int64?
    public var editionId: Int64
    /// The receipt reference shown to the submitter (`2022-K7QF3M`); random, not sequential.
    public var reference: String
    public var establishment: UAI
    public var categoryCode: String
    public var details: EntryDetails
    public var consent: Consent
    public var poster: PosterFile
    public var status: EntryStatus
    public var eligibility: Eligibility
    public var createdAt: Date
    public var updatedAt: Date
    /// The code that stands for the entry in front of the jury (`K7-3QF`).
    public var anonymousCode: String
    /// The statement as organisers redacted it for the jury (nil: the submitter's text is shown).
    public var juryStatement: String?
    /// Why the organisers cancelled the entry (only with `status == .cancelled`).
    public var cancellationReason: String?
    /// When the teacher's name and e-mail were erased (retention purge or a person's request); both are then empty.
    public var personalDataErasedAt: Date?
    /// When the original file was deleted (retention purge of a non-awarded entry); `poster.originalPath` is then empty.
    public var originalDeletedAt: Date?

    /// The statement the jury reads.
    public var statementForJury: String { juryStatement ?? details.statement }

    public init(
        id: Int64? = nil, editionId: Int64, reference: String, establishment: UAI, categoryCode: String, details: EntryDetails,
        consent: Consent, poster: PosterFile, status: EntryStatus = .active, eligibility: Eligibility = .pending,
        createdAt: Date, updatedAt: Date, anonymousCode: String = "", juryStatement: String? = nil, cancellationReason: String? = nil,
        personalDataErasedAt: Date? = nil, originalDeletedAt: Date? = nil
    ) {
        self.personalDataErasedAt = personalDataErasedAt
        self.originalDeletedAt = originalDeletedAt
        self.cancellationReason = cancellationReason
        self.anonymousCode = anonymousCode
        self.juryStatement = juryStatement
        self.id = id
        self.editionId = editionId
        self.reference = reference
        self.establishment = establishment
        self.categoryCode = categoryCode
        self.details = details
        self.consent = consent
        self.poster = poster
        self.status = status
        self.eligibility = eligibility
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What the submitter types about the poster. No pupil names are collected.
public struct EntryDetails: Hashable, Sendable, Codable {
    public var title: String
    public var statement: String
    /// « 4e B », « ULIS », « groupe MLDS »…
    public var classLabel: String
    public var studentCount: Int
    public var teacherName: String
    public var teacherEmail: String

    public init(title: String, statement: String, classLabel: String, studentCount: Int, teacherName: String, teacherEmail: String) {
        self.title = title
        self.statement = statement
        self.classLabel = classLabel
        self.studentCount = studentCount
        self.teacherName = teacherName
        self.teacherEmail = teacherEmail
    }
}

/// The consents and declarations given on the form, with the wording's version, the règlement's version and the
/// instant they were given.
public struct Consent: Hashable, Sendable, Codable {
    /// Only required (and only asked for) when a person is recognisable on the poster.
    public var imageRights: Bool
    public var authorsRights: Bool
    /// Optional: the poster may appear in the public gallery even without a prize.
    public var publicGallery: Bool
    /// The poster is the pupils' original work (from wording 2026-1).
    public var original: Bool
    /// The third-party elements the poster uses, with source and licence, as the submitter listed them ("" declares none).
    public var thirdPartyElements: String
    /// The poster carries no name, logo or mark identifying the school (from wording 2026-1).
    public var noIdentifyingMarks: Bool
    /// Whether a person is recognisable on the poster (nil: not asked, wording 2022-1).
    public var personRecognisable: Bool?
    public var wordingVersion: String
    /// The version of the règlement accepted (nil for entries made before it was versioned).
    public var rulesVersion: String?
    public var recordedAt: Date

    public init(
        imageRights: Bool, authorsRights: Bool, publicGallery: Bool, original: Bool = false, thirdPartyElements: String = "",
        noIdentifyingMarks: Bool = false, personRecognisable: Bool? = nil, wordingVersion: String = ConsentWording.version,
        rulesVersion: String? = nil, recordedAt: Date
    ) {
        self.imageRights = imageRights
        self.authorsRights = authorsRights
        self.publicGallery = publicGallery
        self.original = original
        self.thirdPartyElements = thirdPartyElements
        self.noIdentifyingMarks = noIdentifyingMarks
        self.personRecognisable = personRecognisable
        self.wordingVersion = wordingVersion
        self.rulesVersion = rulesVersion
        self.recordedAt = recordedAt
    }
}

/// The stored poster: the untouched original and its metadata-free renditions.
public struct PosterFile: Hashable, Sendable, Codable {
    /// SHA-256 of the original bytes (duplicate detection).
    public var hash: String
    public var originalPath: String
    /// `jpeg`, `png`, `webp`…
    public var format: String
    public var byteCount: Int
    /// Width and height once EXIF orientation is applied.
    public var width: Int
    public var height: Int
    public var thumbnailPath: String
    public var previewPath: String
    /// The name the file had on the submitter's computer; organisers only.
    public var originalFileName: String
    /// For a PDF, its number of pages (only the first is the poster; `width` and `height` are its rendering); else `nil`.
    public var pageCount: Int?

    public init(
        hash: String, originalPath: String, format: String, byteCount: Int, width: Int, height: Int, thumbnailPath: String,
        previewPath: String, originalFileName: String, pageCount: Int? = nil
    ) {
        self.pageCount = pageCount
        self.hash = hash
        self.originalPath = originalPath
        self.format = format
        self.byteCount = byteCount
        self.width = width
        self.height = height
        self.thumbnailPath = thumbnailPath
        self.previewPath = previewPath
        self.originalFileName = originalFileName
    }
}

/// Whether the submitter still competes.
public enum EntryStatus: String, Codable, Sendable, CaseIterable {
    case active
    /// Withdrawn by the submitter from the private link.
    case withdrawn
    /// Cancelled by the organisers, with a reason (an entry filed for a school by someone else, for instance).
    case cancelled

    /// « en lice », « retirée », « annulée ».
    public var label: String {
        switch self {
        case .active: return "en lice"
        case .withdrawn: return "retirée"
        case .cancelled: return "annulée"
        }
    }
}

/// The organisers' check of an entry.
public enum Eligibility: Hashable, Sendable {
    case pending
    case eligible
    case ineligible(reason: String)

    public var code: String {
        switch self {
        case .pending: return "pending"
        case .eligible: return "eligible"
        case .ineligible: return "ineligible"
        }
    }

    public var label: String {
        switch self {
        case .pending: return "À vérifier"
        case .eligible: return "Recevable"
        case .ineligible: return "Non recevable"
        }
    }

    public var reason: String? {
        if case .ineligible(let reason) = self { return reason }
        return nil
    }

    public init(code: String, reason: String?) {
        switch code {
        case "eligible": self = .eligible
        case "ineligible": self = .ineligible(reason: reason ?? "")
        default: self = .pending
        }
    }
}
