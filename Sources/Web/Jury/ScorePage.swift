import Core

/// `jury/score`: one poster, its scoring form, and the way to the previous and next posters in the juror's order.
struct ScorePage: PageModel {
    struct Criterion: Encodable, Sendable {
        struct Option: Encodable, Sendable {
            let value: Int
            let checked: Bool
            let id: String
        }

        let code: String
        let label: String
        let description: String?
        let weight: String
        let options: [Option]
        /// The value chosen, written out (« 4 sur 5 »), or « pas de note »: a closed form shows it in words.
        let chosen: String
        let error: String?
    }

    /// A poster the « Comparer avec… » control offers.
    struct Choice: Encodable, Sendable {
        let code: String
        let label: String
    }

    let code: String
    let title: String
    let statement: String
    let category: String
    let criteria: [Criterion]
    let comment: String
    let commentError: String?
    let hasProblems: Bool
    let errorSummary: ErrorSummary?
    let submitted: Bool
    let isOpen: Bool
    let closedText: String
    let round: String?
    let position: Int
    let total: Int
    let previous: String?
    let next: String?
    /// The juror flagged this poster « coup de cœur ».
    let isFavourite: Bool
    let compareChoices: [Choice]
    /// There is another poster to compare with.
    let canCompare: Bool

    static func criteria(_ edition: Edition, raw: [String: String], problems: [String: String]) -> [Criterion] {
        edition.criteria.map { criterion in
            let chosen = raw[criterion.code] ?? ""
            return Criterion(
                code: criterion.code, label: criterion.label, description: criterion.description, weight: FrenchTypography.decimal(criterion.weight),
                options: (criterion.scale.min...criterion.scale.max).map { value in
                    Criterion.Option(value: value, checked: chosen == String(value), id: "note-\(criterion.code)-\(value)")
                },
                chosen: Int(chosen).map { "\($0) sur \(criterion.scale.max)" } ?? "pas de note",
                error: problems[criterion.code])
        }
    }
}
