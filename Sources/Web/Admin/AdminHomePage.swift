import Core
import Foundation

/// The organisers' home page: editions, links to the jury and the establishments.
struct AdminHomePage: PageModel {
    struct EditionRow: Encodable, Sendable {
        let year: Int
        let title: Markup
        let theme: String
        let deadline: Markup
        let state: String
        let stateLabel: String

        init(_ edition: Edition) {
            year = edition.year
            title = Markup(edition.title)
            theme = edition.theme
            deadline = Markup(ParisTime.longDateTime(edition.submissionDeadline))
            state = edition.state.rawValue
            stateLabel = edition.state.label
        }
    }

    let editions: [EditionRow]
    let hasEditions: Bool
    /// « 36 établissements importés ».
    let establishmentCount: String
}
