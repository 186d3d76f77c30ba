import Core

/// The summary shown above a form sent back with errors (`layout/error-summary`): what was not done, then each problem
/// as a link to its field, in the form's order. `formulaires.js` moves the focus to it, and the page title starts with
/// « Erreur : » (`title(_:)`), as on the submission and password forms.
struct ErrorSummary: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        /// The `id` of the field the link leads to.
        let field: String
        let message: String
    }

    let heading: String
    let problems: [Problem]

    /// Nil when there is no error; `fields` lists (error key, field id) in the form's order.
    init?(heading: String, errors: [String: String], fields: [(key: String, id: String)]) {
        let problems = fields.compactMap { field in errors[field.key].map { Problem(field: field.id, message: $0) } }
        guard !problems.isEmpty else { return nil }
        self.heading = heading
        self.problems = problems
    }

    /// « Erreur : Jury » for a page shown again with errors, so that a screen reader announces it first.
    static func title(_ title: String, hasErrors: Bool) -> String {
        hasErrors ? "Erreur\u{00A0}: \(title)" : title
    }
}
