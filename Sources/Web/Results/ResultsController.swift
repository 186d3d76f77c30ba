import Core
import Foundation
import Hummingbird
import Storage

/// The public palmarès and gallery of published editions, and the archive of past ones.
///
/// Before publication nothing of it exists: every route answers 404.
struct ResultsController {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("palmares", use: self.archive)
        router.get("palmares/:year", use: self.palmares)
        router.get("palmares/:year/galerie", use: self.gallery)
        router.get("palmares/:year/affiches/:code/vignette", use: self.thumbnail)
        router.get("palmares/:year/affiches/:code/affiche", use: self.preview)
    }

    static func isPublic(_ edition: Edition) -> Bool { edition.state == .published || edition.state == .archived }

    func publishedEdition(_ context: AppRequestContext) throws -> Edition {
        let year = try context.parameters.require("year", as: Int.self)
        guard let edition = try services.database.edition(year: year), Self.isPublic(edition) else { throw WebError.notFound }
        return edition
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let editions = try services.database.editions().filter(Self.isPublic).map {
            ["year": $0.year, "title": $0.title, "theme": $0.theme] as [String: Any]
        }
        return services.renderer.page(
            "public/archive", title: "Palmarès des éditions", values: ["editions": editions, "hasEditions": !editions.isEmpty], request: request,
            context: context)
    }

    @Sendable func palmares(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try publishedEdition(context)
        let winners = try PublicEntries(edition: edition, database: services.database)
        let prizesByRank = edition.prizes.sorted { $0.rank < $1.rank }
        let categories = edition.categories.map { category -> [String: Any] in
            let items = prizesByRank.filter(\.perCategory).compactMap { prize in winners.winner(prize: prize.code, category: category.code) }
            return ["label": category.label, "winners": items, "hasWinners": !items.isEmpty]
        }
        let special = prizesByRank.filter { !$0.perCategory }.compactMap { winners.winner(prize: $0.code, category: nil) }
        var values = EditionView(edition, now: services.now()).values
        values["palmares"] = categories
        values["special"] = special
        values["hasSpecial"] = !special.isEmpty
        let galleryCount = try winners.gallery().count
        values["galleryCount"] = galleryCount
        values["hasGallery"] = galleryCount > 0
        return services.renderer.page(
            "public/palmares", title: "Palmarès \(edition.year) — concours d’affiches", values: values, request: request, context: context)
    }

    @Sendable func gallery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try publishedEdition(context)
        let entries = try PublicEntries(edition: edition, database: services.database).gallery()
        var values = EditionView(edition, now: services.now()).values
        values["entries"] = entries
        values["hasEntries"] = !entries.isEmpty
        return services.renderer.page(
            "public/gallery", title: "Galerie \(edition.year) — concours d’affiches", values: values, request: request, context: context)
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let entry = try publicEntry(context)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg",
            caching: .published, request: request, context: context
        )
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let entry = try publicEntry(context)
        return try await ImageResponse.file(
            services.files.url(forRelativePath: entry.poster.previewPath), contentType: "image/jpeg",
            caching: .published, request: request, context: context
        )
    }

    /// Only winners and gallery entries of a published edition have public images.
    func publicEntry(_ context: AppRequestContext) throws -> Entry {
        let edition = try publishedEdition(context)
        let code = try context.parameters.require("code")
        guard let entry = try services.database.entry(anonymousCode: code), entry.editionId == edition.id,
            PublicEntries.isPublic(entry, awards: try services.database.awards(editionId: edition.id ?? 0))
        else { throw WebError.notFound }
        return entry
    }
}

/// What a published edition shows: winners (their consent to the académie's use covers it) and the gallery of eligible
/// entries whose authors accepted it.
struct PublicEntries {
    let edition: Edition
    let listings: [EntryListing]
    let awards: [Award]

    init(edition: Edition, database: AppDatabase) throws {
        self.edition = edition
        self.listings = try database.entries(editionId: edition.id ?? 0, filter: EntryFilter(status: .active, eligibility: "eligible"))
        self.awards = try database.awards(editionId: edition.id ?? 0)
    }

    /// Winners (the consent to the académie's use covers them) and eligible entries whose authors accepted the gallery.
    static func isPublic(_ entry: Entry, awards: [Award]) -> Bool {
        guard entry.status == .active, entry.eligibility == .eligible else { return false }
        return entry.consent.publicGallery || awards.contains { $0.entryId == entry.id }
    }

    func values(_ listing: EntryListing, prize: String? = nil) -> [String: Any] {
        [
            "code": listing.entry.anonymousCode, "title": listing.entry.details.title, "classLabel": listing.entry.details.classLabel,
            "establishment": listing.establishment.name, "commune": listing.establishment.commune, "year": edition.year,
            "category": edition.category(code: listing.entry.categoryCode)?.label ?? "", "prize": prize ?? "",
        ]
    }

    func winner(prize code: String, category: String?) -> [String: Any]? {
        guard let award = awards.first(where: { $0.prizeCode == code && $0.categoryCode == category }),
            let listing = listings.first(where: { $0.entry.id == award.entryId }),
            let prize = edition.prizes.first(where: { $0.code == code })
        else { return nil }
        return values(listing, prize: prize.label)
    }

    func gallery() throws -> [[String: Any]] {
        listings.filter { Self.isPublic($0.entry, awards: awards) }.sorted { ($0.entry.categoryCode, $0.entry.details.title) < ($1.entry.categoryCode, $1.entry.details.title) }
            .map { listing in
                let prize = awards.first { $0.entryId == listing.entry.id }.flatMap { award in edition.prizes.first { $0.code == award.prizeCode }?.label }
                return values(listing, prize: prize)
            }
    }
}
