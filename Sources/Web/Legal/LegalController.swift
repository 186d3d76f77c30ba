import Core
import Foundation
import Hummingbird
import Storage

/// The legal pages every footer links (mentions légales, données personnelles, accessibilité), the règlement of each
/// edition with every version entries accepted, and the printable model forms establishments keep.
struct LegalController {
    let services: Services

    static let legalNoticePath = "/mentions-legales"
    static let privacyPath = "/donnees-personnelles"
    static let accessibilityPath = "/accessibilite"
    static let modelFormsPath = "/modeles"
    /// The current edition's règlement.
    static let currentRulesPath = "/reglement"
    static let authorsFormPath = "/modeles/droits-auteur"
    static let imageFormPath = "/modeles/droit-image"
    static func rulesPath(_ year: Int, version: String? = nil) -> String {
        version.map { "/reglement/\(year)?version=\($0)" } ?? "/reglement/\(year)"
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Self.legalNoticePath)) { request, context in
            try show(LegalTexts.legalNotice(services.identity, facts: try facts()), request, context)
        }
        router.get(RouterPath(Self.privacyPath)) { request, context in
            try show(LegalTexts.privacy(services.identity, facts: try facts()), request, context)
        }
        router.get(RouterPath(Self.accessibilityPath)) { request, context in try show(LegalTexts.accessibility(services.identity), request, context) }
        router.get(RouterPath(Self.currentRulesPath), use: self.currentRules)
        router.get("/reglement/:year", use: self.rules)
        router.get(RouterPath(Self.modelFormsPath)) { request, context in
            let rules = try Self.visibleCurrentEdition(services.database).map { Self.rulesPath($0.year) }
            return try show(LegalTexts.modelFormsIndex(authors: Self.authorsFormPath, image: Self.imageFormPath, rules: rules), request, context)
        }
        router.get(RouterPath(Self.authorsFormPath)) { request, context in
            try show(LegalTexts.authorsRightsForm(services.identity, edition: try Self.visibleCurrentEdition(services.database)), request, context)
        }
        router.get(RouterPath(Self.imageFormPath)) { request, context in
            try show(LegalTexts.imageRightsForm(services.identity, edition: try Self.visibleCurrentEdition(services.database)), request, context)
        }
    }

    /// What the privacy notice states of the settings.
    func facts() throws -> LegalTexts.Facts {
        LegalTexts.Facts(
            services, privacyLink: Self.privacyPath, rulesLink: try Self.visibleCurrentEdition(services.database).map { Self.rulesPath($0.year) })
    }

    func show(_ page: LegalDocumentPage, _ request: Request, _ context: AppRequestContext) throws -> Response {
        services.renderer.page(LegalDocumentPage.template, title: page.heading, model: page, request: request, context: context)
    }

    /// The current edition, unless it is still a draft (its rules are not public yet).
    static func visibleCurrentEdition(_ database: AppDatabase) throws -> Edition? {
        try database.currentEdition().flatMap { $0.state == .draft ? nil : $0 }
    }

    @Sendable func currentRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let edition = try Self.visibleCurrentEdition(services.database) else { throw WebError.notFound }
        return try rulesPage(edition, version: nil, request: request, context: context)
    }

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let year = try context.parameters.require("year", as: Int.self)
        guard let edition = try services.database.edition(year: year), edition.state != .draft else { throw WebError.notFound }
        let version = request.uri.queryParameters["version"].map(String.init)
        return try rulesPage(edition, version: version, request: request, context: context)
    }

    func rulesPage(_ edition: Edition, version: String?, request: Request, context: AppRequestContext) throws -> Response {
        let current = ContestRules.standard(for: edition, identity: services.identity)
        let editionId = edition.id ?? 0
        let shown: ContestRules
        if let version, version != current.version {
            // Only versions someone accepted are kept; anything else is unknown.
            guard version.count <= 40, let accepted = try services.database.acceptedRules(editionId: editionId, version: version) else {
                throw WebError.notFound
            }
            shown = accepted
        } else {
            shown = current
        }
        let versions = try services.database.acceptedRuleVersions(editionId: editionId).filter { $0.version != shown.version }.map {
            LegalDocumentPage.Link(
                label: "Version \($0.version)\($0.version == current.version ? " (en vigueur)" : ""), acceptée pour la première fois le \(ParisTime.longDateTime($0.firstAcceptedAt))",
                href: Self.rulesPath(edition.year, version: $0.version))
        }
        let page = LegalTexts.rules(shown, edition: edition, isCurrent: shown.version == current.version, versions: versions, modelForms: Self.modelFormsPath)
        return try show(page, request, context)
    }
}

extension Services {
    /// The publisher's identity (`Config/identite.json`).
    var identity: SiteIdentity { renderer.identity }
}
