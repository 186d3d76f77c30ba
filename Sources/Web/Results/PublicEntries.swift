import Core
import Foundation
import Storage

/// What a published edition shows: winners (their consent to the académie's use covers it) and the gallery of eligible
/// entries whose authors accepted it.
struct PublicEntries {
    let edition: Edition
    let listings: [EntryListing]
    let awards: [Award]
    /// Each listed entry's public identifier (``PublicCode``), by entry id.
    let publicCodes: [Int64: String]

    init(edition: Edition, database: AppDatabase) throws {
        self.edition = edition
        self.listings = try database.entries(editionId: edition.id ?? 0, filter: EntryFilter(status: .active, eligibility: "eligible"))
        self.awards = try database.awards(editionId: edition.id ?? 0)
        let coder = PublicCode(secret: try database.serverSecret(named: PublicCode.secretName))
        self.publicCodes = Dictionary(uniqueKeysWithValues: listings.compactMap { $0.entry.id.map { ($0, coder.code(entryId: $0)) } })
    }

    /// The entry's identifier in public URLs (never its anonymous jury code).
    func publicCode(_ entry: Entry) -> String {
        entry.id.flatMap { publicCodes[$0] } ?? ""
    }

    /// The same, kept until the database changes: on publication day every school asks for the same palmarès.
    static func load(edition: Edition, database: AppDatabase) async throws -> PublicEntries {
        try await memoised(memo, edition: edition, database: database) { try PublicEntries(edition: edition, database: database) }
    }

    private static let memo = Memo<StampedEdition, PublicEntries>(capacity: 8)

    /// The public entry with this public code, if it has public images.
    func publicEntry(code: String) -> Entry? {
        guard !code.isEmpty else { return nil }
        return listings.first { publicCode($0.entry) == code && Self.isPublic($0.entry, awards: awards) }?.entry
    }


    /// Winners (the consent to the académie's use covers them) and eligible entries whose authors accepted the gallery.
    static func isPublic(_ entry: Entry, awards: [Award]) -> Bool {
        guard entry.status == .active, entry.eligibility == .eligible else { return false }
        return entry.consent.publicGallery || awards.contains { $0.entryId == entry.id }
    }

    /// The gallery, by category then title: every entry with public images (winners included).
    var gallery: [EntryListing] {
        listings.filter { Self.isPublic($0.entry, awards: awards) }
            .sorted { ($0.entry.categoryCode, $0.entry.details.title) < ($1.entry.categoryCode, $1.entry.details.title) }
    }

    func card(_ listing: EntryListing, prize: String? = nil, links: PublicLinks) -> PosterCard {
        let entry = listing.entry
        let prize = prize ?? awards.first { $0.entryId == entry.id }.flatMap { award in edition.prizes.first { $0.code == award.prizeCode }?.label }
        return PosterCard(
            code: publicCode(entry), title: entry.details.title, classLabel: entry.details.classLabel, establishment: listing.establishment.name,
            commune: listing.establishment.commune, category: edition.category(code: entry.categoryCode)?.label ?? "", prize: prize,
            preview: links.image(.preview, year: edition.year, code: publicCode(entry), storedPath: entry.poster.previewPath),
            thumbnail: links.image(.thumbnail, year: edition.year, code: publicCode(entry), storedPath: entry.poster.thumbnailPath))
    }

    func winner(prize code: String, category: String?, links: PublicLinks) -> PosterCard? {
        guard let award = awards.first(where: { $0.prizeCode == code && $0.categoryCode == category }),
            let listing = listings.first(where: { $0.entry.id == award.entryId }),
            let prize = edition.prizes.first(where: { $0.code == code })
        else { return nil }
        return card(listing, prize: prize.label, links: links)
    }
}
