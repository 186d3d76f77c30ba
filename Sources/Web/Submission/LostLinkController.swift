import Core
import Foundation
import Hummingbird
import Storage

/// « J’ai perdu mon lien » : a teacher types the address given when filing; the private links of that address's entries
/// of the current edition are replaced and sent to it. The answer is the same whether the address is known or not.
struct LostLinkController {
    let services: Services
    static let path = "/lien-perdu"
    /// Per address: two requests, then one an hour at most; per client: ten, then growing waits.
    static let addressPolicy = ThrottlePolicy(freeAttempts: 2, firstDelay: 60, maximumDelay: 3600)
    static let clientPolicy = ThrottlePolicy(freeAttempts: 10, firstDelay: 30, maximumDelay: 3600)
    static let answer =
        "Si cette adresse a servi à déposer une affiche pour l’édition en cours, un courriel vient de lui être envoyé avec un nouveau lien privé pour chaque dépôt. Pensez à regarder dans les indésirables."

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("lien-perdu", use: self.form)
        router.post("lien-perdu", use: self.request)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        services.renderer.page("submission/lost-link", title: "J’ai perdu mon lien", model: LostLinkPage(), request: request, context: context)
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context)
        guard let email = User.normaliseEmail(form.text("email")), MailAddress(email).isValid else {
            return services.renderer.page(
                "submission/lost-link", title: "Erreur : J’ai perdu mon lien",
                model: LostLinkPage(email: form.text("email"), error: "Saisissez l’adresse électronique donnée lors du dépôt (par exemple prenom.nom@ac-creteil.fr)."),
                request: request, context: context, status: .unprocessableContent)
        }
        let now = services.now()
        let keys = [ThrottleKey("lien-perdu:adresse:\(email)", Self.addressPolicy), ThrottleKey("lien-perdu:poste:\(context.client.address)", Self.clientPolicy)]
        if let until = try services.database.throttledUntil(keys, now: now) {
            throw WebError.tooManyRequests("Trop de demandes en peu de temps : réessayez dans \(ThrottlePolicy.frenchWait(until.timeIntervalSince(now))).")
        }
        try services.database.recordThrottleFailure(keys, now: now)
        if let edition = try services.database.currentEdition(), let editionId = edition.id {
            let listings = try services.database.entriesForLinkRecovery(editionId: editionId, email: email)
            if !listings.isEmpty {
                var hashes: [Int64: String] = [:]
                var links: [(EntryFacts, String)] = []
                for listing in listings {
                    guard let id = listing.entry.id else { continue }
                    let token = Tokens.random()
                    hashes[id] = Tokens.hash(token)
                    links.append((EntryFacts(entry: listing.entry, edition: edition, establishment: listing.establishment), context.absoluteURL(path: "/depot/\(token)")))
                }
                let message = MailTexts.lostLinks(to: MailAddress(email), links: links, editionId: editionId)
                try services.database.replacePrivateLinks(hashes, mail: [message], now: now)
                context.logger.notice("private links replaced on request for \(hashes.count) entr(y/ies)")
            }
        }
        return services.renderer.page(
            "submission/lost-link", title: "J’ai perdu mon lien", model: LostLinkPage(sent: Self.answer), request: request, context: context)
    }
}

/// `submission/lost-link`: the form, its error, or the answer.
struct LostLinkPage: PageModel {
    var email = ""
    var error: String?
    var sent: String?
}
