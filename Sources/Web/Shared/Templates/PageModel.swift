import Core

/// What one page's template shows: a struct of already-formatted French text, flags and rows, built by its controller.
///
/// Properties are read by name by the template; `nil` shows nothing and hides `{{#name}}` sections, and an empty
/// string or list counts as false there too.
protocol PageModel: Encodable, Sendable {}

/// A page whose template needs only the layout.
struct NoContent: PageModel {}

/// What the layout shows around every page.
struct LayoutModel: Encodable, Sendable {
    struct Account: Encodable, Sendable, Hashable {
        let name: String
        let email: String
        let isOrganiser: Bool
        let isJuror: Bool

        init(_ user: User) {
            name = user.displayName
            email = user.email
            isOrganiser = user.role == .organiser
            isJuror = user.role == .juror
        }
    }

    /// Where the layout's own links lead: the live site's paths, or a static export's relative files.
    struct Site: Encodable, Sendable {
        /// Prefix of the static files: `/` live, `../../` for an exported page two folders down.
        let root: String
        let home: String
        let archive: String
        /// A static export: no sign-in link and no account menu.
        let isExport: Bool
        /// The legal pages every footer links (the règlement only live: it concerns taking part).
        var legalNotice = LegalController.legalNoticePath
        var privacy = LegalController.privacyPath
        var accessibility = LegalController.accessibilityPath
        var rules: String? = LegalController.currentRulesPath
        var modelForms: String? = LegalController.modelFormsPath

        static let live = Site(root: "/", home: "/", archive: "/palmares", isExport: false)
    }

    /// The publisher's identity shown by the header block and the footer (see `SiteIdentity`).
    struct Identity: Encodable, Sendable {
        let republic: String
        let motto: String
        let region: String?
        let academy: String
        let service: String
        let unit: String
        let siteName: String
        let contactEmail: String
        let accessibilityLine: String

        init(_ identity: SiteIdentity) {
            republic = identity.republic
            motto = identity.motto
            region = identity.region.isEmpty ? nil : identity.region
            academy = identity.academy
            service = identity.service
            unit = identity.unit
            siteName = identity.siteName
            contactEmail = identity.contactEmail
            accessibilityLine = identity.accessibility.status.footerLine
        }
    }

    let pageTitle: String
    let csrf: String
    let account: Account?
    let flash: String?
    var site: Site = .live
    /// Set by the renderer, from the configured identity.
    var identity: Identity?
}
