import Core
import Foundation

/// The submission form's fields as typed (or as stored, on the private page), named like the form's fields.
struct SubmissionFormView: Encodable, Sendable {
    struct Category: Encodable, Sendable {
        let code: String
        let label: String
        let description: String?
        let selected: Bool
    }

    static let fieldOrder = [
        "etablissement", "categorie", "titre", "intention", "classe", "eleves", "enseignant", "email", "code", "affiche", "droit_image",
        "droit_auteur", "confirmation",
    ]

    static func order(_ field: String) -> Int { fieldOrder.firstIndex(of: field) ?? fieldOrder.count }

    let etablissement: String
    let titre: String
    let intention: String
    let classe: String
    let eleves: String
    let enseignant: String
    let email: String
    let code: String
    let droitImage: Bool
    let droitAuteur: Bool
    let galerie: Bool
    /// The kept upload's token, so that a corrected form needs no new file.
    let fichierEnAttente: String
    let hasPending: Bool
    let categories: [Category]

    enum CodingKeys: String, CodingKey {
        case etablissement, titre, intention, classe, eleves, enseignant, email, code, galerie, hasPending, categories
        case droitImage = "droit_image"
        case droitAuteur = "droit_auteur"
        case fichierEnAttente = "fichier_en_attente"
    }

    init(_ form: SubmissionForm, edition: Edition) {
        etablissement = form.establishmentQuery
        titre = form.title
        intention = form.statement
        classe = form.classLabel
        eleves = form.studentCount
        enseignant = form.teacherName
        email = form.teacherEmail
        code = form.accessCode
        droitImage = form.consentImageRights
        droitAuteur = form.consentAuthorsRights
        galerie = form.consentPublicGallery
        fichierEnAttente = form.pendingToken
        hasPending = !form.pendingToken.isEmpty
        categories = edition.categories.map {
            Category(code: $0.code, label: $0.label, description: $0.description.flatMap { $0.isEmpty ? nil : $0 }, selected: $0.code == form.categoryCode)
        }
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
