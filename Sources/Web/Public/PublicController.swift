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
        guard let edition = try services.database.currentEdition() else {
            return services.renderer.page("public/empty", title: "Concours d’affiches", request: request, context: context)
        }
        var values = EditionView(edition, now: services.now()).values
        if let id = edition.id, try services.database.isDemoEdition(id: id) { values["isDemo"] = true }
        return services.renderer.page(
            "public/home", title: "Concours d’affiches — \(edition.title) de la Semaine de la persévérance scolaire", values: values,
            request: request, context: context)
    }
}
