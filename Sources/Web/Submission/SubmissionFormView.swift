import Core
import Foundation

/// Template values of the submission form.
enum SubmissionFormView {
    static let fieldOrder = [
        "etablissement", "categorie", "titre", "intention", "classe", "eleves", "enseignant", "email", "code", "affiche", "droit_image",
        "droit_auteur", "confirmation",
    ]

    static func order(_ field: String) -> Int { fieldOrder.firstIndex(of: field) ?? fieldOrder.count }

    static func values(_ form: SubmissionForm, edition: Edition) -> [String: Any] {
        [
            "etablissement": form.establishmentQuery,
            "titre": form.title,
            "intention": form.statement,
            "classe": form.classLabel,
            "eleves": form.studentCount,
            "enseignant": form.teacherName,
            "email": form.teacherEmail,
            "code": form.accessCode,
            "droit_image": form.consentImageRights,
            "droit_auteur": form.consentAuthorsRights,
            "galerie": form.consentPublicGallery,
            "fichier_en_attente": form.pendingToken,
            "hasPending": !form.pendingToken.isEmpty,
            "categories": edition.categories.map {
                ["code": $0.code, "label": $0.label, "description": $0.description ?? "", "selected": $0.code == form.categoryCode]
            },
        ]
    }
}

extension SubmissionForm {
    /// The form pre-filled from a stored entry (private page).
    init(entry: Entry) {
        self.init()
        categoryCode = entry.categoryCode
        title = entry.details.title
        statement = entry.details.statement
        classLabel = entry.details.classLabel
        studentCount = String(entry.details.studentCount)
        teacherName = entry.details.teacherName
        teacherEmail = entry.details.teacherEmail
    }
}

/// Template values of an entry, for its submitter and for organisers.
enum EntryView {
    static func values(_ entry: Entry, establishment: Establishment, edition: Edition) -> [String: Any] {
        [
            "id": entry.id ?? 0,
            "reference": entry.reference,
            "title": entry.details.title,
            "statement": entry.details.statement,
            "classLabel": entry.details.classLabel,
            "studentCount": entry.details.studentCount,
            "studentsText": EditionView.count(entry.details.studentCount, "élève", "élèves"),
            "teacherName": entry.details.teacherName,
            "teacherEmail": entry.details.teacherEmail,
            "category": edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode,
            "categoryCode": entry.categoryCode,
            "establishment": [
                "uai": establishment.uai.code, "name": establishment.name, "commune": establishment.commune,
                "departement": establishment.departement, "type": establishment.type.label,
            ],
            "createdAt": ParisTime.longDateTime(entry.createdAt),
            "updatedAt": ParisTime.longDateTime(entry.updatedAt),
            "wasUpdated": entry.updatedAt > entry.createdAt,
            "consent": [
                "imageRights": entry.consent.imageRights, "authorsRights": entry.consent.authorsRights,
                "publicGallery": entry.consent.publicGallery, "version": entry.consent.wordingVersion,
                "recordedAt": ParisTime.localISO(entry.consent.recordedAt).replacingOccurrences(of: "T", with: " à "),
            ],
            "poster": [
                "format": entry.poster.format.uppercased(), "size": "\(entry.poster.width) × \(entry.poster.height) px",
                "bytes": SubmissionMessages.megabytes(entry.poster.byteCount) + " Mo", "fileName": entry.poster.originalFileName,
                "hash": entry.poster.hash,
            ],
            "status": entry.status.rawValue,
            "isWithdrawn": entry.status == .withdrawn,
            "isCancelled": entry.status == .cancelled,
            "isActive": entry.status == .active,
            "statusLabel": entry.status.label,
            "cancellationReason": entry.cancellationReason ?? "",
            "eligibility": entry.eligibility.code,
            "eligibilityLabel": entry.eligibility.label,
            "isPending": entry.eligibility == .pending,
            "isEligible": entry.eligibility == .eligible,
            "eligibilityReason": entry.eligibility.reason ?? "",
            "anonymousCode": entry.anonymousCode,
            "juryStatement": entry.statementForJury,
            "redacted": entry.juryStatement != nil,
        ]
    }
}
