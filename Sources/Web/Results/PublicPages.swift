import Core
import Foundation

/// The archive of published editions.
struct ArchivePage: PageModel {
    struct Row: Encodable, Sendable {
        let year: Int
        let title: Markup
        let theme: String
        let link: String
    }

    let editions: [Row]
    let hasEditions: Bool

    static let template = "public/archive"
    static let title = "Palmarès des éditions"

    init(editions: [Edition], links: PublicLinks) {
        self.editions = editions.map { Row(year: $0.year, title: Markup($0.title), theme: $0.theme, link: links.palmares($0.year)) }
        self.hasEditions = !editions.isEmpty
    }
}

/// A published poster as the palmarès and the gallery show it: what its authors agreed to make public, nothing more.
struct PosterCard: Encodable, Sendable {
    let code: String
    let title: String
    let classLabel: String
    let establishment: String
    let commune: String
    let category: String
    let prize: String?
    /// The class and prize with their ordinals raised, for the gallery (`4<sup>e</sup> B`, `1<sup>er</sup> prix`).
    var classLabelMarkup: Markup { Markup(classLabel) }
    var prizeMarkup: Markup? { Markup(prize) }
    /// The preview the card's link opens, and the thumbnail it shows.
    let preview: String
    let thumbnail: String
}

/// A published edition's palmarès: winners by category, then the special prizes.
struct PalmaresPage: PageModel {
    struct Category: Encodable, Sendable {
        let label: String
        let winners: [PosterCard]
        let hasWinners: Bool
    }

    let edition: EditionView
    let archiveLink: String
    let galleryLink: String
    let palmares: [Category]
    let special: [PosterCard]
    let hasSpecial: Bool
    let galleryCount: Int
    let hasGallery: Bool

    static let template = "public/palmares"
    static func title(_ edition: Edition) -> String { "Palmarès \(edition.year) — concours d’affiches" }

    init(_ entries: PublicEntries, now: Date, links: PublicLinks) {
        let edition = entries.edition
        let prizesByRank = edition.prizes.sorted { $0.rank < $1.rank }
        self.edition = EditionView(edition, now: now)
        archiveLink = links.archive
        galleryLink = links.gallery(edition.year)
        palmares = edition.categories.map { category in
            let winners = prizesByRank.filter(\.perCategory).compactMap { entries.winner(prize: $0.code, category: category.code, links: links) }
            return Category(label: category.label, winners: winners, hasWinners: !winners.isEmpty)
        }
        special = prizesByRank.filter { !$0.perCategory }.compactMap { entries.winner(prize: $0.code, category: nil, links: links) }
        hasSpecial = !special.isEmpty
        galleryCount = entries.gallery.count
        hasGallery = galleryCount > 0
    }
}

/// A published edition's gallery: eligible entries whose authors accepted it, and the winners.
struct GalleryPage: PageModel {
    let edition: EditionView
    let archiveLink: String
    let palmaresLink: String
    let entries: [PosterCard]
    let hasEntries: Bool

    static let template = "public/gallery"
    static func title(_ edition: Edition) -> String { "Galerie \(edition.year) — concours d’affiches" }

    init(_ entries: PublicEntries, now: Date, links: PublicLinks) {
        edition = EditionView(entries.edition, now: now)
        archiveLink = links.archive
        palmaresLink = links.palmares(entries.edition.year)
        self.entries = entries.gallery.map { entries.card($0, links: links) }
        hasEntries = !self.entries.isEmpty
    }
}
