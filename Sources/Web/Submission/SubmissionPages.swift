import Core
import Foundation

/// What went wrong in a submission form, field by field (the template's names are the form's field names).
struct FieldErrors: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        let field: String
        let message: String
    }

    let etablissement: String?
    let categorie: String?
    let titre: String?
    let intention: String?
    let classe: String?
    let eleves: String?
    let enseignant: String?
    let email: String?
    let code: String?
    let affiche: String?
    let droitImage: String?
    let droitAuteur: String?
    let confirmation: String?

    enum CodingKeys: String, CodingKey {
        case etablissement, categorie, titre, intention, classe, eleves, enseignant, email, code, affiche, confirmation
        case droitImage = "droit_image"
        case droitAuteur = "droit_auteur"
    }

    init(_ errors: [String: String]) {
        etablissement = errors["etablissement"]
        categorie = errors["categorie"]
        titre = errors["titre"]
        intention = errors["intention"]
        classe = errors["classe"]
        eleves = errors["eleves"]
        enseignant = errors["enseignant"]
        email = errors["email"]
        code = errors["code"]
        affiche = errors["affiche"]
        droitImage = errors["droit_image"]
        droitAuteur = errors["droit_auteur"]
        confirmation = errors["confirmation"]
    }

    /// Every problem in the form's order, for the summary at the top.
    static func list(_ errors: [String: String]) -> [Problem] {
        errors.sorted { SubmissionFormView.order($0.key) < SubmissionFormView.order($1.key) }.map { Problem(field: $0.key, message: $0.value) }
    }
}

/// What the upload hints say: accepted formats, size and resolution limits.
struct UploadHints: Sendable {
    let formats: String
    /// The file field's `accept` attribute.
    let accept: String
    /// Whether PDF is among the formats (the form then says that only the first page counts).
    let acceptsPDF: Bool
    let maxMegabytes: String
    let minLongEdge: Int
}

/// The submission form (`/participer`), empty or sent back with what was wrong.
struct SubmissionFormPage: PageModel {
    struct Candidate: Encodable, Sendable {
        let uai: String
        let name: String
        let commune: String
        let departement: String
    }

    let edition: EditionView
    let closedMessage: String?
    let canSubmit: Bool
    let form: SubmissionFormView
    let errors: FieldErrors
    let hasErrors: Bool
    let errorList: [FieldErrors.Problem]
    let hasCandidates: Bool
    let candidates: [Candidate]
    let formats: String
    let accept: String
    let acceptsPDF: Bool
    let maxMegabytes: String
    let minLongEdge: Int
    let consentWording = ConsentWordingView()
    let rules: Rules
    /// Where the notice next to the personal-data fields and the model forms lead.
    let privacyLink = LegalController.privacyPath
    let modelFormsLink = LegalController.modelFormsPath
    let thirdPartyMaxLength = SubmissionForm.thirdPartyMaxLength

    /// The règlement the form asks to accept: its version, where to read it, what it covers.
    struct Rules: Encodable, Sendable {
        let version: String
        let link: String
        let articles: [Article]

        /// An article as the form shows it: texts escaped, ordinals raised.
        struct Article: Encodable, Sendable {
            let title: Markup
            let paragraphs: [Markup]
        }

        init(version: String, link: String, articles: [ContestRules.Article]) {
            self.version = version
            self.link = link
            // The form shows the règlement on every request: its markup is made once per text.
            if let known = Self.memo.value(for: articles) {
                self.articles = known
            } else {
                let made = articles.map { Article(title: Markup($0.title), paragraphs: $0.paragraphs.map(Markup.init)) }
                Self.memo.store(made, for: articles)
                self.articles = made
            }
        }

        private static let memo = Memo<[ContestRules.Article], [Article]>(capacity: 8)
    }

    init(
        edition: EditionView, closedMessage: String?, form: SubmissionFormView, checked: SubmissionForm.Checked?, hints: UploadHints, rules: Rules
    ) {
        self.rules = rules
        self.edition = edition
        self.closedMessage = closedMessage
        canSubmit = closedMessage == nil
        self.form = form
        let errors = checked?.errors ?? [:]
        self.errors = FieldErrors(errors)
        hasErrors = !errors.isEmpty
        errorList = FieldErrors.list(errors)
        candidates = (checked?.candidates ?? []).map { Candidate(uai: $0.uai.code, name: $0.name, commune: $0.commune, departement: $0.departement) }
        hasCandidates = !candidates.isEmpty
        formats = hints.formats
        accept = hints.accept
        acceptsPDF = hints.acceptsPDF
        maxMegabytes = hints.maxMegabytes
        minLongEdge = hints.minLongEdge
    }
}

/// The private link's page: the receipt, the entry as stored, and the forms to change it until the deadline.
struct SubmissionEntryPage: PageModel {
    /// The entry as its submitter sees it.
    struct Entry: Encodable, Sendable {
        struct Establishment: Encodable, Sendable {
            let uai: String
            let name: String
            let commune: String
        }

        struct Poster: Encodable, Sendable {
            let format: String
            let size: String
            let bytes: String
        }

        let reference: String
        let title: String
        /// The title with its ordinals raised, for the page text (`title` stays plain for the image’s alternative text).
        let titleMarkup: Markup
        let statement: String
        let classLabel: Markup
        let studentsText: String
        let teacherName: String
        let teacherEmail: String
        /// « effacé le … » once the teacher's name and e-mail were erased.
        let teacherErased: String?
        let category: String
        let establishment: Establishment
        let createdAt: Markup
        let updatedAt: Markup
        let wasUpdated: Bool
        let consent: ConsentRecordView
        let poster: Poster
        let cancellationReason: String?

        init(_ entry: Core.Entry, establishment: Core.Establishment, edition: Edition) {
            reference = entry.reference
            title = entry.details.title
            titleMarkup = Markup(entry.details.title)
            statement = entry.details.statement
            classLabel = Markup(entry.details.classLabel)
            studentsText = FrenchTypography.count(entry.details.studentCount, "élève", "élèves")
            teacherName = entry.details.teacherName
            teacherEmail = entry.details.teacherEmail
            teacherErased = entry.personalDataErasedAt.map(Retention.erasedLabel)
            category = edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode
            self.establishment = Establishment(uai: establishment.uai.code, name: establishment.name, commune: establishment.commune)
            createdAt = Markup(ParisTime.longDateTime(entry.createdAt))
            updatedAt = Markup(ParisTime.longDateTime(entry.updatedAt))
            wasUpdated = entry.updatedAt > entry.createdAt
            consent = ConsentRecordView(entry.consent, year: edition.year)
            poster = Poster(
                format: entry.poster.format.uppercased(), size: entry.poster.sizeText,
                bytes: SubmissionMessages.megabytes(entry.poster.byteCount) + " Mo")
            cancellationReason = entry.cancellationReason.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    let edition: EditionView
    let entry: Entry
    let token: String
    let privateLink: String
    let isNew: Bool
    let isWithdrawn: Bool
    let isCancelled: Bool
    let isInactive: Bool
    let canChange: Bool
    let closedMessage: String?
    let form: SubmissionFormView
    let errors: FieldErrors
    let hasErrors: Bool
    let errorSummary: ErrorSummary?
    let formats: String
    let accept: String
    let acceptsPDF: Bool
    let maxMegabytes: String
    let minLongEdge: Int
}
