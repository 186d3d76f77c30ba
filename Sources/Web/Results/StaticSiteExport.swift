import Core
import Foundation
import Imaging
import Storage

/// Writes the public palmarès, galleries and archive (and the home page when its edition is exported) as static HTML with
/// relative links, with the published images they show and the static CSS and JavaScript.
///
/// The pages are rendered by the same models and templates as the live ones, without sign-in link or session. Only the
/// thumbnails and previews the live public pages link are copied: no originals, nothing unpublished.
public struct StaticSiteExport: Sendable {
    /// What an export wrote.
    public struct Summary: Sendable {
        public var years: [Int] = []
        public var pages = 0
        public var images = 0
        public var staticFiles = 0
        public var bytes = 0
        public var wroteHome = false
    }

    let services: Services
    let staticDirectory: URL

    /// An export reading the data folder of `config`, without the start-up clean-up a server does.
    public init(config: AppConfig, now: @escaping @Sendable () -> Date = { Date() }) async throws {
        try config.validate()
        guard FileManager.default.fileExists(atPath: config.databasePath) else { throw StaticExportError.noDatabase(config.databasePath) }
        let database = try AppDatabase(path: config.databasePath)
        let files = try FileStore(root: URL(fileURLWithPath: config.filesDirectory))
        let assets = try AssetLocator.assetsDirectory(for: config)
        let renderer = try await PageRenderer(
            templatesDirectory: (assets as NSString).appendingPathComponent("Templates"), identity: try SiteIdentity.load(for: config))
        let intake = PosterIntake(files: files, gate: DecodeGate(limit: 1), config: config)
        let services = Services(
            config: config, database: database, files: files, renderer: renderer, intake: intake,
            signer: Signer(secret: try database.serverSecret(named: "signing")), passwordRules: PasswordRules(commonPasswords: []), now: now)
        self.init(services: services, staticDirectory: URL(fileURLWithPath: assets).appendingPathComponent("Static"))
    }

    init(services: Services, staticDirectory: URL) {
        self.services = services
        self.staticDirectory = staticDirectory
    }

    /// Writes the export into `directory`, atomically: everything goes into a new folder beside it, renamed at the end.
    /// - Parameters:
    ///   - year: only this edition (the archive then lists only it); every published one when nil.
    ///   - force: replaces a non-empty `directory` (refused otherwise).
    public func write(to directory: URL, year: Int?, force: Bool) throws(StaticExportError) -> Summary {
        let editions = try publishedEditions(year: year)
        let target = directory.standardizedFileURL
        try checkTarget(target, force: force)
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).export-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .notWritable(parent.path)
        }
        do {
            let summary = try writeSite(editions, into: staging)
            try replace(target, with: staging)
            return summary
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? StaticExportError { throw error }
            throw .writeFailed(target.path, error.localizedDescription)
        }
    }

    // MARK: - Checks

    func publishedEditions(year: Int?) throws(StaticExportError) -> [Edition] {
        do {
            if let year {
                guard let edition = try services.database.edition(year: year) else { throw StaticExportError.unknownYear(year) }
                guard ResultsController.isPublic(edition) else { throw StaticExportError.unpublished(year, edition.state.label) }
                return [edition]
            }
            let editions = try services.database.editions().filter(ResultsController.isPublic)
            guard !editions.isEmpty else { throw StaticExportError.nothingPublished }
            return editions
        } catch let error as StaticExportError {
            throw error
        } catch {
            throw .database(error.localizedDescription)
        }
    }

    func checkTarget(_ target: URL, force: Bool) throws(StaticExportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            guard FileManager.default.fileExists(atPath: target.deletingLastPathComponent().path) else {
                throw .missingParent(target.deletingLastPathComponent().path)
            }
            return
        }
        guard isDirectory.boolValue else { throw .notADirectory(target.path) }
        let content = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        if !content.isEmpty && !force { throw .notEmpty(target.path) }
    }

    /// Puts the finished export in place of `target`; a previous content is removed only once the new one is there.
    func replace(_ target: URL, with staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: target.path) else {
            try manager.moveItem(at: staging, to: target)
            return
        }
        let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString)")
        try manager.moveItem(at: target, to: old)
        do {
            try manager.moveItem(at: staging, to: target)
        } catch {
            try? manager.moveItem(at: old, to: target)
            throw error
        }
        try? manager.removeItem(at: old)
    }

    // MARK: - Writing

    func writeSite(_ editions: [Edition], into root: URL) throws -> Summary {
        var summary = Summary()
        let now = services.now()
        let current = try services.database.currentEdition()
        let home = current.flatMap { current in editions.first { $0.id == current.id } }
        let hasHome = home != nil
        func page(_ path: String, _ template: String, title: String, model: some PageModel) throws {
            let links = PublicLinks.export(depth: path.split(separator: "/").count - 1, hasHome: hasHome)
            let layout = LayoutModel(pageTitle: title, csrf: "", account: nil, flash: nil, site: links.site)
            summary.bytes += try Self.put(Data(services.renderer.render(template, layout: layout, model: model).utf8), at: path, in: root)
            summary.pages += 1
        }
        func links(_ path: String) -> PublicLinks { .export(depth: path.split(separator: "/").count - 1, hasHome: hasHome) }

        if let home {
            let path = PublicLinks.homeFile
            let model = HomePage(edition: EditionView(home, now: now), isDemo: try services.database.isDemoEdition(id: home.id ?? 0), links: links(path))
            try page(path, HomePage.template, title: HomePage.title(home), model: model)
            summary.wroteHome = true
        }
        // The legal pages every footer links, with the same texts as live.
        let facts = LegalTexts.Facts(services, privacyLink: links(PublicLinks.legalNoticeFile).root + PublicLinks.privacyFile, rulesLink: nil)
        for (path, document) in [
            (PublicLinks.legalNoticeFile, LegalTexts.legalNotice(services.identity, facts: facts)),
            (PublicLinks.privacyFile, LegalTexts.privacy(services.identity, facts: facts)),
            (PublicLinks.accessibilityFile, LegalTexts.accessibility(services.identity)),
        ] {
            try page(path, LegalDocumentPage.template, title: document.heading, model: document)
        }
        try page(PublicLinks.archiveFile, ArchivePage.template, title: ArchivePage.title, model: ArchivePage(editions: editions, links: links(PublicLinks.archiveFile)))
        for edition in editions {
            let entries = try PublicEntries(edition: edition, database: services.database)
            let palmares = PublicLinks.palmaresFile(edition.year)
            try page(palmares, PalmaresPage.template, title: PalmaresPage.title(edition), model: PalmaresPage(entries, now: now, links: links(palmares), contact: services.identity.contactEmail))
            let rules = LegalTexts.rules(
                ContestRules.standard(for: edition, identity: services.identity), edition: edition, isCurrent: true, versions: [], modelForms: nil)
            try page(PublicLinks.rulesFile(edition.year), LegalDocumentPage.template, title: rules.heading, model: rules)
            let gallery = PublicLinks.galleryFile(edition.year)
            try page(gallery, GalleryPage.template, title: GalleryPage.title(edition), model: GalleryPage(entries, now: now, links: links(gallery)))
            // The gallery holds every entry with public images, winners included: exactly the images the pages link.
            for listing in entries.gallery {
                let entry = listing.entry
                for (image, stored) in [(PublicLinks.Image.thumbnail, entry.poster.thumbnailPath), (.preview, entry.poster.previewPath)] {
                    let path = PublicLinks.imageFile(
                        image, year: edition.year, code: entries.publicCode(entry), version: ImageResponse.contentVersion(ofStoredPath: stored))
                    summary.bytes += try Self.copy(services.files.url(forRelativePath: stored), to: path, in: root)
                    summary.images += 1
                }
            }
            summary.years.append(edition.year)
        }
        summary.staticFiles = try copyStatic(into: root, bytes: &summary.bytes)
        return summary
    }

    /// Copies `Assets/Static` to `static/`, as the live site serves it.
    func copyStatic(into root: URL, bytes: inout Int) throws -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: staticDirectory.path) else { return 0 }
        var count = 0
        for case let relative as String in enumerator {
            let source = staticDirectory.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            bytes += try Self.copy(source, to: "static/\(relative)", in: root)
            count += 1
        }
        return count
    }

    static func put(_ data: Data, at path: String, in root: URL) throws -> Int {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return data.count
    }

    static func copy(_ source: URL, to path: String, in root: URL) throws -> Int {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: url)
        return (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }
}

/// Why an export was refused, in French.
public enum StaticExportError: Error, CustomStringConvertible {
    case unknownYear(Int)
    case unpublished(Int, String)
    case nothingPublished
    case noDatabase(String)
    case missingParent(String)
    case notADirectory(String)
    case notEmpty(String)
    case notWritable(String)
    case writeFailed(String, String)
    case database(String)

    public var message: String {
        switch self {
        case .unknownYear(let year): return "Aucune édition \(year) : voyez « concours edition list »."
        case .unpublished(let year, let state):
            return "Le palmarès \(year) n’est pas publié (étape « \(state) ») : publiez-le avant de l’exporter."
        case .nothingPublished: return "Aucun palmarès n’est publié : rien à exporter."
        case .noDatabase(let path): return "Base de données introuvable : \(path) (vérifiez --data-dir)."
        case .missingParent(let path): return "Le dossier \(path) n’existe pas : créez-le d’abord."
        case .notADirectory(let path): return "\(path) est un fichier, pas un dossier."
        case .notEmpty(let path): return "Le dossier \(path) n’est pas vide : choisissez un dossier vide, ou ajoutez --force pour remplacer son contenu."
        case .notWritable(let path): return "Impossible d’écrire dans le dossier \(path) : vérifiez ses droits."
        case .writeFailed(let path, let detail): return "L’export vers \(path) a échoué (\(detail)) : rien n’a été modifié."
        case .database(let detail): return "Lecture de la base de données impossible : \(detail)"
        }
    }

    public var description: String { message }
}
