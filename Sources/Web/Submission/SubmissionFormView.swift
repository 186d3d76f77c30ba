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
        "etablissement", "categorie", "titre", "intention", "classe", "eleves", "enseignant", "email", "code", "affiche", "original",
        "sans_signe", "elements_tiers", "liste_elements", "personne_reconnaissable", "droit_image", "droit_auteur", "reglement", "confirmation",
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
    let original: Bool
    let sansSigne: Bool
    let tiersAucun: Bool
    let tiersListe: Bool
    let listeElements: String
    let personneOui: Bool
    let personneNon: Bool
    /// The règlement's box stays ticked only for the version in force.
    let reglementAccepte: Bool
    /// The kept upload's token, so that a corrected form needs no new file.
    let fichierEnAttente: String
    let hasPending: Bool
    let categories: [Category]

    enum CodingKeys: String, CodingKey {
        case etablissement, titre, intention, classe, eleves, enseignant, email, code, galerie, hasPending, categories, original
        case sansSigne = "sans_signe"
        case tiersAucun = "tiers_aucun"
        case tiersListe = "tiers_liste"
        case listeElements = "liste_elements"
        case personneOui = "personne_oui"
        case personneNon = "personne_non"
        case reglementAccepte = "reglement_accepte"
        case droitImage = "droit_image"
        case droitAuteur = "droit_auteur"
        case fichierEnAttente = "fichier_en_attente"
    }

    init(_ form: SubmissionForm, edition: Edition, rulesVersion: String = "") {
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
        original = form.consentOriginal
        sansSigne = form.consentNoIdentifyingMarks
        tiersAucun = form.thirdPartyChoice == "aucun"
        tiersListe = form.thirdPartyChoice == "liste"
        listeElements = form.thirdPartyElements
        personneOui = form.personRecognisable == "oui"
        personneNon = form.personRecognisable == "non"
        reglementAccepte = !rulesVersion.isEmpty && form.acceptedRulesVersion == rulesVersion
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
