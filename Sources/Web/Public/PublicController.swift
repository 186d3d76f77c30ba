import Core
import Foundation
import Hummingbird
import Storage

/// The public pages: the current edition's home page.
struct PublicController {
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: self.home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        guard let edition = try services.database.currentEdition() else {
            return services.renderer.page("public/empty", title: "Accueil", model: NoContent(), request: request, context: context)
        }
        let memo = services.pageKey(request, context: context, stamp: stamp, edition: edition)
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        let isDemo = try edition.id.map { try services.database.isDemoEdition(id: $0) } ?? false
        let model = HomePage(edition: EditionView(edition, now: services.now()), isDemo: isDemo, links: .live)
        return services.renderer.page(
            HomePage.template, title: HomePage.title(edition), model: model, request: request, context: context, memo: memo)
    }
}

/// The home page: the current edition's calendar, rules, categories and criteria.
struct HomePage: PageModel {
    let edition: EditionView
    let isDemo: Bool
    /// The edition's palmarès (shown once it is published).
    let palmaresLink: String

    static let template = "public/home"
    static func title(_ edition: Edition) -> String { "Accueil — \(edition.title)" }

    init(edition: EditionView, isDemo: Bool, links: PublicLinks) {
        self.edition = edition
        self.isDemo = isDemo
        self.palmaresLink = links.palmares(edition.year)
    }
}
