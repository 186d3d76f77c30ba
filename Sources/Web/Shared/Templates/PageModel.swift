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
    struct Account: Encodable, Sendable {
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

        static let live = Site(root: "/", home: "/", archive: "/palmares", isExport: false)
    }

    let pageTitle: String
    let csrf: String
    let account: Account?
    let flash: String?
    var site: Site = .live
}
