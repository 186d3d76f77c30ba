import Core
import Foundation
import Storage

/// The submission form's fields, as typed, and what they resolve to once checked.
struct SubmissionForm {
    var establishmentQuery = ""
    var chosenUAI = ""
    var categoryCode = ""
    var title = ""
    var statement = ""
    var classLabel = ""
    var studentCount = ""
    var teacherName = ""
    var teacherEmail = ""
    var accessCode = ""
    var consentImageRights = false
    var consentAuthorsRights = false
    var consentPublicGallery = false
    var consentOriginal = false
    var consentNoIdentifyingMarks = false
    /// `aucun` or `liste` (empty: not answered).
    var thirdPartyChoice = ""
    var thirdPartyElements = ""
    /// `oui` or `non` (empty: not answered).
    var personRecognisable = ""
    /// The version of the règlement whose box was ticked (empty: not ticked).
    var acceptedRulesVersion = ""
    var pendingToken = ""

    /// At most this many characters in the list of third-party elements.
    static let thirdPartyMaxLength = 2000

    init() {}

    init(_ fields: FormFields) {
        establishmentQuery = fields.text("etablissement")
        chosenUAI = fields.text("etablissement_choisi")
        categoryCode = fields.text("categorie")
        title = fields.text("titre")
        statement = fields.text("intention")
        classLabel = fields.text("classe")
        studentCount = fields.text("eleves")
        teacherName = fields.text("enseignant")
        teacherEmail = fields.text("email")
        accessCode = fields.text("code")
        consentImageRights = fields["droit_image"] == "oui"
        consentAuthorsRights = fields["droit_auteur"] == "oui"
        consentPublicGallery = fields["galerie"] == "oui"
        consentOriginal = fields["original"] == "oui"
        consentNoIdentifyingMarks = fields["sans_signe"] == "oui"
        thirdPartyChoice = fields.text("elements_tiers")
        thirdPartyElements = fields.text("liste_elements")
        personRecognisable = fields.text("personne_reconnaissable")
        acceptedRulesVersion = fields.text("reglement")
        pendingToken = fields.text("fichier_en_attente")
    }

    var details: EntryDetails {
        EntryDetails(
            title: FrenchTypography.typed(title), statement: FrenchTypography.typed(statement),
            classLabel: classLabel, studentCount: Int(studentCount) ?? 0, teacherName: teacherName,
            teacherEmail: User.normaliseEmail(teacherEmail) ?? teacherEmail)
    }

    /// Result of checking the fields (the file is checked separately).
    struct Checked {
        var errors: [String: String] = [:]
        var establishment: Establishment?
        var candidates: [Establishment] = []
    }

    /// The consents and declarations as recorded on a new entry.
    func consent(rules: ContestRules, at date: Date) -> Consent {
        let recognisable = personRecognisable == "oui"
        return Consent(
            imageRights: recognisable && consentImageRights, authorsRights: consentAuthorsRights, publicGallery: consentPublicGallery,
            original: consentOriginal, thirdPartyElements: thirdPartyChoice == "liste" ? FrenchTypography.typed(thirdPartyElements) : "",
            noIdentifyingMarks: consentNoIdentifyingMarks, personRecognisable: recognisable, wordingVersion: ConsentWording.version,
            rulesVersion: rules.version, recordedAt: date)
    }

    /// Checks every field against the edition; `requireConsents` is false when editing (consents were given at submission).
    /// - Parameter rules: the règlement in force, whose version the submitter must have accepted.
    func check(
        edition: Edition, database: AppDatabase, rules: ContestRules? = nil, requireConsents: Bool = true, checkEstablishment: Bool = true
    ) throws -> Checked {
        var checked = Checked()
        if checkEstablishment {
            let resolution = try Self.resolveEstablishment(query: establishmentQuery, chosen: chosenUAI, database: database)
            checked.establishment = resolution.establishment
            checked.candidates = resolution.candidates
            if let error = resolution.error { checked.errors["etablissement"] = error }
        }
        if edition.category(code: categoryCode) == nil { checked.errors["categorie"] = "Choisissez une catégorie." }
        for (field, message) in EntryValidation.problems(details, studentCountText: studentCount) { checked.errors[field] = message }
        if requireConsents {
            if let expected = edition.accessCode,
                accessCode.compare(expected, options: [.caseInsensitive]) != .orderedSame
            {
                checked.errors["code"] =
                    accessCode.isEmpty ? "Saisissez le code d’accès communiqué par l’académie." : "Ce code d’accès n’est pas le bon."
            }
            for (field, problem) in declarationProblems(rules: rules) { checked.errors[field] = problem }
        }
        return checked
    }

    /// What is missing among the declarations of a new entry, by field.
    func declarationProblems(rules: ContestRules?) -> [String: String] {
        var problems: [String: String] = [:]
        if !consentOriginal { problems["original"] = "Attestez que l’affiche est une création originale des élèves." }
        if !consentNoIdentifyingMarks {
            problems["sans_signe"] = "Attestez que l’affiche ne porte aucun nom, logo ou signe identifiant l’établissement (le jury doit l’évaluer sans savoir qui l’a faite)."
        }
        switch thirdPartyChoice {
        case "aucun": break
        case "liste":
            let listed = thirdPartyElements.trimmingCharacters(in: .whitespacesAndNewlines)
            if listed.isEmpty {
                problems["liste_elements"] = "Listez les éléments empruntés, avec leur source et leur licence (ou indiquez que l’affiche n’en contient aucun)."
            } else if thirdPartyElements.count > Self.thirdPartyMaxLength {
                problems["liste_elements"] = "La liste des éléments empruntés est trop longue (\(FrenchTypography.grouped(Self.thirdPartyMaxLength)) caractères au plus)."
            }
        default: problems["elements_tiers"] = "Indiquez si l’affiche contient des éléments empruntés à des tiers."
        }
        switch personRecognisable {
        case "non": break
        case "oui":
            if !consentImageRights {
                problems["droit_image"] = "Une personne est reconnaissable sur l’affiche : l’attestation de droit à l’image est obligatoire."
            }
        default: problems["personne_reconnaissable"] = "Indiquez si une personne est reconnaissable sur l’affiche."
        }
        if !consentAuthorsRights { problems["droit_auteur"] = "Cette cession de droits est obligatoire pour participer." }
        if let rules {
            if acceptedRulesVersion.isEmpty {
                problems["reglement"] = "Lisez le règlement du concours et cochez la case qui l’accepte."
            } else if acceptedRulesVersion != rules.version {
                problems["reglement"] = "Le règlement a changé depuis l’affichage du formulaire : relisez-le et cochez à nouveau la case."
            }
        }
        return problems
    }

    struct Resolution {
        var establishment: Establishment?
        var error: String?
        var candidates: [Establishment] = []
    }

    /// Finds the establishment from a UAI typed directly, a choice among candidates, or a name/commune search.
    static func resolveEstablishment(query: String, chosen: String, database: AppDatabase) throws -> Resolution {
        if !chosen.isEmpty, let uai = try? UAI(chosen), let found = try database.establishment(uai: uai) {
            return Resolution(establishment: found)
        }
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            return Resolution(error: "Indiquez votre établissement : son code UAI, ou son nom et sa commune.")
        }
        // Something shaped like a UAI is checked as one.
        let compact = trimmed.replacingOccurrences(of: " ", with: "")
        if compact.count == 8, compact.prefix(7).allSatisfy(\.isNumber) {
            do {
                let uai = try UAI(compact)
                guard let found = try database.establishment(uai: uai) else {
                    return Resolution(
                        error: "Le code UAI \(uai) ne figure pas dans la liste des établissements participants. Vérifiez-le ou contactez l’équipe organisatrice.")
                }
                return Resolution(establishment: found)
            } catch let error as UAIError {
                return Resolution(error: error.message)
            }
        }
        let found = try database.searchEstablishments(trimmed, limit: 12)
        switch found.count {
        case 0:
            return Resolution(error: "Aucun établissement ne correspond à « \(trimmed) ». Saisissez votre code UAI (7 chiffres et une lettre, ex. 0931234A).")
        case 1:
            return Resolution(establishment: found[0])
        default:
            let more = found.count >= 12 ? " Seuls les 12 premiers sont affichés : précisez la commune ou saisissez le code UAI si le vôtre n’y est pas." : ""
            return Resolution(error: "Plusieurs établissements correspondent à « \(trimmed) » : choisissez le vôtre ci-dessous.\(more)", candidates: found)
        }
    }
}

/// Processed posters kept for an hour while the submitter fixes other fields, so the file need not be sent again.
actor PendingUploads {
    private var items: [String: (poster: PosterFile, expires: Date)] = [:]

    func keep(_ poster: PosterFile, now: Date) -> String {
        items = items.filter { $0.value.expires > now }
        let token = Tokens.random(bytes: 18)
        items[token] = (poster, now.addingTimeInterval(3600))
        return token
    }

    func take(_ token: String, now: Date) -> PosterFile? {
        guard let item = items[token], item.expires > now else { return nil }
        items[token] = nil
        return item.poster
    }
}
