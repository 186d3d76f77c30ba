import Core
import Storage

/// `jury/compare`: two of the juror's posters side by side (stacked on a phone), with only what a juror may know of them.
struct ComparePage: PageModel {
    struct Side: Encodable, Sendable {
        let code: String
        let title: String
        let category: String
        let position: Int
        let total: Int
        let isFavourite: Bool
    }

    let left: Side
    let right: Side

    static func side(_ placement: JurorPlacement, edition: Edition, favourites: Set<Int64>) -> Side {
        let entry = placement.entry
        return Side(
            code: entry.anonymousCode, title: entry.details.title, category: edition.category(code: entry.categoryCode)?.label ?? "",
            position: placement.position, total: placement.total, isFavourite: entry.id.map(favourites.contains) ?? false)
    }
}
