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
    /// The class and prize with their ordinals raised (`4<sup>e</sup> B`, `1<sup>er</sup> prix`).
    let classLabelMarkup: Markup
    let prizeMarkup: Markup?
    /// The preview the card's link opens, and the thumbnail it shows.
    let preview: String
    let thumbnail: String

    init(
        code: String, title: String, classLabel: String, establishment: String, commune: String, category: String, prize: String?,
        preview: String, thumbnail: String
    ) {
        self.code = code
        self.title = title
        self.classLabel = classLabel
        self.establishment = establishment
        self.commune = commune
        self.category = category
        self.prize = prize
        classLabelMarkup = Markup(classLabel)
        prizeMarkup = Markup(prize)
        self.preview = preview
        self.thumbnail = thumbnail
    }
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
    /// How the decision was made (CRPA L311-3-1: a decision founded on an algorithmic processing says so).
    let decisionNotice: String
    /// The edition's règlement (its article 5 explains the computation).
    let rulesLink: String
    /// « 214 affiches de 97 établissements »: the entries that took part (in competition and eligible) and their schools.
    let participation: String?

    static let template = "public/palmares"

    /// The mention a decision founded on a computed ranking must carry, with the computation in plain words.
    static func decisionNotice(_ edition: Edition, contact: String) -> String {
        let criteria = edition.criteria.map { "\($0.label.prefix(1).lowercased() + $0.label.dropFirst()) (coefficient \(FrenchTypography.decimal($0.weight)))" }
        return "Le jury a attribué les prix au vu d’un classement calculé à partir de ses notes\u{00A0}: pour chaque affiche, moyenne pondérée des critères (\(criteria.joined(separator: ", "))), puis moyenne sur les jurés, les écarts de sévérité entre jurés étant corrigés. Le jury a délibéré sur ce classement et pouvait s’en écarter en motivant sa décision. Conformément à l’article L311-3-1 du code des relations entre le public et l’administration, les règles de ce traitement et ses principales caractéristiques sont communiquées à toute personne qui en fait la demande à \(contact)."
    }
    static func title(_ edition: Edition) -> String { "Palmarès \(edition.year) — concours d’affiches" }

    init(_ entries: PublicEntries, now: Date, links: PublicLinks, contact: String) {
        let edition = entries.edition
        decisionNotice = Self.decisionNotice(edition, contact: contact)
        rulesLink = links.rules(edition.year)
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
        participation = Participation(
            entries.listings.lazy.map { ($0.entry.status, $0.entry.eligibility, $0.establishment.uai.code) }).summary
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
