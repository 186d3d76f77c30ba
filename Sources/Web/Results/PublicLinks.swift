import Foundation

/// Where the public pages link: the live site's paths, or the relative files of a static export.
///
/// An export mirrors the live paths (`palmares/2022/index.html` for `/palmares/2022`), so a page `depth` folders down
/// reaches the others through `../`, from any folder of a web server and from `file://`.
struct PublicLinks: Sendable {
    /// The two renditions a published poster has.
    enum Image: String, Sendable {
        case thumbnail = "vignette"
        case preview = "affiche"
    }

    /// From the page to the site's root: `/` live, `../../` for an exported page two folders down.
    let root: String
    let isExport: Bool
    /// False when an export has no home page (the current edition is not among the exported ones): the brand leads to the archive.
    var hasHome = true

    static let live = PublicLinks(root: "/", isExport: false)

    /// The links of an exported page written `depth` folders below the export's root.
    static func export(depth: Int, hasHome: Bool) -> PublicLinks {
        PublicLinks(root: String(repeating: "../", count: depth), isExport: true, hasHome: hasHome)
    }

    var home: String { isExport ? root + (hasHome ? Self.homeFile : Self.archiveFile) : "/" }
    var archive: String { isExport ? root + Self.archiveFile : "/palmares" }

    func palmares(_ year: Int) -> String { isExport ? root + Self.palmaresFile(year) : "/palmares/\(year)" }
    /// An edition's règlement (the palmarès explains its decision by it).
    func rules(_ year: Int) -> String { isExport ? root + Self.rulesFile(year) : LegalController.rulesPath(year) }
    func gallery(_ year: Int) -> String { isExport ? root + Self.galleryFile(year) : "/palmares/\(year)/galerie" }

    /// A published image's address, which changes with its content (so that it can be cached for good).
    func image(_ image: Image, year: Int, code: String, storedPath: String) -> String {
        let version = ImageResponse.contentVersion(ofStoredPath: storedPath)
        return isExport ? root + Self.imageFile(image, year: year, code: code, version: version) : "\(Self.imagePath(image, year: year, code: code))?v=\(version)"
    }

    /// The layout's links for these pages.
    var site: LayoutModel.Site {
        guard isExport else { return .live }
        return LayoutModel.Site(
            root: root, home: home, archive: archive, isExport: true, legalNotice: root + Self.legalNoticeFile, privacy: root + Self.privacyFile,
            accessibility: root + Self.accessibilityFile, rules: nil, modelForms: nil)
    }

    // MARK: - Paths

    /// The live path of a published image, without its version.
    static func imagePath(_ image: Image, year: Int, code: String) -> String { "/palmares/\(year)/affiches/\(code)/\(image.rawValue)" }

    static let homeFile = "index.html"
    static let legalNoticeFile = "mentions-legales/index.html"
    static let privacyFile = "donnees-personnelles/index.html"
    static let accessibilityFile = "accessibilite/index.html"
    static let archiveFile = "palmares/index.html"
    static func palmaresFile(_ year: Int) -> String { "palmares/\(year)/index.html" }
    static func rulesFile(_ year: Int) -> String { "reglement/\(year)/index.html" }
    static func galleryFile(_ year: Int) -> String { "palmares/\(year)/galerie/index.html" }
    static func imageFile(_ image: Image, year: Int, code: String, version: String) -> String {
        "palmares/\(year)/affiches/\(code)/\(image.rawValue)-\(version).jpg"
    }
}
