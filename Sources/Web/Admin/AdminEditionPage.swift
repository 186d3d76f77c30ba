import Core
import Foundation

/// An edition's page for organisers: lifecycle moves, settings and their form.
struct AdminEditionPage: PageModel {
    /// A button moving the edition to another step.
    struct Move: Encodable, Sendable {
        let target: String
        let label: String
        let primary: Bool
    }

    /// The settings form's values, as stored or as typed.
    struct Settings: Encodable, Sendable {
        let opensAt: String
        let deadline: String
        let accessCode: String
        let maxEntries: String
        let quorum: String
        let threshold: String
        let minimum: String
        let calendarLocked: Bool
        let juryLocked: Bool
        /// Whether anything can still change: from deliberation on, the form (and its button) is not shown.
        var isEditable: Bool { !(calendarLocked && juryLocked) }

        enum CodingKeys: String, CodingKey {
            case opensAt, deadline, accessCode, maxEntries, quorum, threshold, minimum, calendarLocked, juryLocked, isEditable
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(opensAt, forKey: .opensAt)
            try container.encode(deadline, forKey: .deadline)
            try container.encode(accessCode, forKey: .accessCode)
            try container.encode(maxEntries, forKey: .maxEntries)
            try container.encode(quorum, forKey: .quorum)
            try container.encode(threshold, forKey: .threshold)
            try container.encode(minimum, forKey: .minimum)
            try container.encode(calendarLocked, forKey: .calendarLocked)
            try container.encode(juryLocked, forKey: .juryLocked)
            try container.encode(isEditable, forKey: .isEditable)
        }
    }

    /// The form's problems, by field name.
    struct Errors: Encodable, Sendable {
        let ouverture: String?
        let limite: String?
        let max: String?
        let quorum: String?
        let ecart: String?
        let minimum: String?

        init(_ errors: [String: String]) {
            ouverture = errors["ouverture"]
            limite = errors["limite"]
            max = errors["max"]
            quorum = errors["quorum"]
            ecart = errors["ecart"]
            minimum = errors["minimum"]
        }
    }

    let edition: EditionView
    let moves: [Move]
    /// The stored access code, shown in the facts.
    let accessCode: String?
    /// « 2 notes par affiche ».
    let quorum: String
    let settings: Settings
    let errors: Errors
    /// The settings form's problems, above it, when it comes back with errors.
    let errorSummary: ErrorSummary?

    init(_ edition: Edition, now: Date, everPublished: Bool, form: FormData? = nil, errors: [String: String] = [:]) {
        self.edition = EditionView(edition, now: now)
        moves = EditionLifecycle.allowedMoves(from: edition.state, everPublished: everPublished).enumerated().map { index, state in
            Move(target: state.rawValue, label: state.label, primary: index == 0)
        }
        accessCode = edition.accessCode
        quorum = FrenchTypography.count(edition.jury.quorum, "note", "notes") + " par affiche"
        settings = Settings(
            opensAt: form?.text("ouverture") ?? String(ParisTime.localISO(edition.submissionOpensAt).prefix(16)),
            deadline: form?.text("limite") ?? String(ParisTime.localISO(edition.submissionDeadline).prefix(16)),
            accessCode: form?.text("code") ?? edition.accessCode ?? "",
            maxEntries: form?.text("max") ?? String(edition.maxEntriesPerEstablishmentAndCategory),
            quorum: form?.text("quorum") ?? String(edition.jury.quorum),
            threshold: form?.text("ecart") ?? FrenchTypography.decimal(edition.jury.disagreementShare * 100),
            minimum: form?.text("minimum") ?? String(edition.jury.normalisationMinimum),
            calendarLocked: ![.draft, .open, .closed].contains(edition.state),
            juryLocked: [.deliberation, .published, .archived].contains(edition.state))
        self.errors = Errors(errors)
        errorSummary = ErrorSummary(
            heading: "Les paramètres n’ont pas été enregistrés.", errors: errors,
            fields: [("ouverture", "ouverture"), ("limite", "limite"), ("max", "max"), ("quorum", "quorum"), ("ecart", "ecart"), ("minimum", "minimum")])
    }
}
