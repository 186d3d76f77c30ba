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
        router.get("palmares/:year/affiches/:code/vignette") { request, context in try await self.image(.thumbnail, request: request, context: context) }
        router.get("palmares/:year/affiches/:code/affiche") { request, context in try await self.image(.preview, request: request, context: context) }
    }

    /// Built pages, kept until the database changes (a published edition's pages don't depend on the time of day).
    static let palmaresPages = Memo<StampedEdition, PalmaresPage>(capacity: 8)
    static let galleryPages = Memo<StampedEdition, GalleryPage>(capacity: 8)

    static func isPublic(_ edition: Edition) -> Bool { edition.state == .published || edition.state == .archived }

    func publishedEdition(_ context: AppRequestContext) throws -> Edition {
        let year = try context.parameters.require("year", as: Int.self)
        guard let edition = try services.database.edition(year: year), Self.isPublic(edition) else { throw WebError.notFound }
        return edition
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let model = ArchivePage(editions: try services.database.editions().filter(Self.isPublic), links: .live)
        return services.renderer.page(ArchivePage.template, title: ArchivePage.title, model: model, request: request, context: context)
    }

    @Sendable func palmares(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        let edition = try publishedEdition(context)
        let (now, database) = (services.now(), services.database)
        let memo = services.pageKey(request, context: context, stamp: stamp, edition: edition)
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        // The entries are read only when the page is built, not on every request that finds it kept.
        let model = try await memoised(Self.palmaresPages, edition: edition, database: database) {
            PalmaresPage(try PublicEntries(edition: edition, database: database), now: now, links: .live, contact: services.identity.contactEmail)
        }
        return services.renderer.page(
            PalmaresPage.template, title: PalmaresPage.title(edition), model: model, request: request, context: context, memo: memo)
    }

    @Sendable func gallery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        let edition = try publishedEdition(context)
        let (now, database) = (services.now(), services.database)
        let memo = services.pageKey(request, context: context, stamp: stamp, edition: edition)
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        // The entries are read only when the page is built, not on every request that finds it kept.
        let model = try await memoised(Self.galleryPages, edition: edition, database: database) {
            GalleryPage(try PublicEntries(edition: edition, database: database), now: now, links: .live)
        }
        return services.renderer.page(
            GalleryPage.template, title: GalleryPage.title(edition), model: model, request: request, context: context, memo: memo)
    }

    /// A published image. The pages link it with `?v=` and its content's version: that address is cached for good. Without
    /// `v` (older links) it is cached briefly; with another version (the poster changed since) it redirects to the current one.
    func image(_ image: PublicLinks.Image, request: Request, context: AppRequestContext) async throws -> Response {
        let (edition, entry, code) = try await publicEntry(context)
        let path = image == .thumbnail ? entry.poster.thumbnailPath : entry.poster.previewPath
        let caching: ImageResponse.Caching
        switch request.uri.queryParameters.get("v") {
        case nil:
            caching = .published
        case ImageResponse.contentVersion(ofStoredPath: path)?:
            caching = .immutable
        default:
            var response = Response.redirect(
                to: PublicLinks.live.image(image, year: edition.year, code: code, storedPath: path), type: .found)
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: path), contentType: "image/jpeg", caching: caching, request: request, context: context)
    }

    /// Only winners and gallery entries of a published edition have public images.
    func publicEntry(_ context: AppRequestContext) async throws -> (Edition, Entry, code: String) {
        let edition = try publishedEdition(context)
        let code = try context.parameters.require("code")
        guard let entry = try await PublicEntries.load(edition: edition, database: services.database).publicEntry(code: code) else {
            throw WebError.notFound
        }
        return (edition, entry, code)
    }
}
