import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

struct StaticExportWebTests {
    /// The locations of the server block recommended for the export: posters cached for good, static files an hour, pages briefly.
    static let cacheLocations = #"""
        index index.html;
        absolute_redirect off;
        location ~ ^/palmares/[0-9]+/affiches/[^/]+/(vignette|affiche)-[0-9a-f]+\.jpg$ {
            add_header Cache-Control "public, max-age=31536000, immutable";
            try_files $uri =404;
        }
        location /static/ {
            add_header Cache-Control "public, max-age=3600";
            try_files $uri =404;
        }
        location / {
            add_header Cache-Control "public, max-age=300";
            try_files $uri $uri/ =404;
        }
        """#

    /// A published 2022 edition: 1st prize to entry 0, « coup de cœur » to entry 2; entry 1 has nothing public.
    static func published(_ app: TestApp, client: any TestClientProtocol) async throws -> (organiser: Browser, ids: [Int64]) {
        let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
        try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
        try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[2])), ("prix", "coeur")])
        try app.database().moveEdition(id: 1, to: .published, now: app.clock.now)
        return (organiser, ids)
    }

    static func export(_ app: TestApp) async throws -> StaticSiteExport {
        let clock = app.clock
        return try await StaticSiteExport(config: app.config, now: { clock.now })
    }

    @Test(.enabled(if: Nginx.binary != nil, "nginx est absent (apt-get install nginx-light) : export servi par nginx non testé"))
    func the_export_served_by_nginx_matches_the_live_pages() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let site = app.directory.appendingPathComponent("export")
        try await app.test { client in
            let (_, ids) = try await Self.published(app, client: client)
            let summary = try await Self.export(app).write(to: site, year: nil, force: false)
            // Home, archive, palmarès, gallery, règlement and the three legal pages.
            #expect(summary.years == [2022] && summary.pages == 8 && summary.wroteHome)
            #expect(summary.images == 4 && summary.staticFiles >= 3 && summary.bytes > 10_000)
            let nginx = try Nginx(serving: site, locations: Self.cacheLocations)
            defer { nginx.stop() }
            let pages = [
                ("/", "index.html"), ("/palmares", "palmares/index.html"), ("/palmares/2022", "palmares/2022/index.html"),
                ("/palmares/2022/galerie", "palmares/2022/galerie/index.html"),
            ]
            var images: [String: String] = [:]
            for (livePath, file) in pages {
                // The bytes as sent (the Browser helper turns no-break spaces into plain ones).
                let live = try await client.execute(uri: livePath, method: .get) { (status: $0.status, body: String(buffer: $0.body)) }
                #expect(live.status == .ok)
                let served = try await HTTPAnswer.get(port: nginx.port, "/" + file)
                #expect(served.status == 200 && served.headers["cache-control"] == "public, max-age=300", "\(file)")
                #expect(try Self.normalised(served.text) == Self.normalised(live.body), "\(file)")
                let liveLinks = try Self.links(in: Self.withoutNavigation(live.body))
                let exportLinks = try Self.links(in: Self.withoutNavigation(served.text))
                // The footer's links lead to exported files (the règlement and the model forms stay live).
                let footerNav = try #require(served.text.firstMatch(of: /<nav aria-label="Pied de page">(.|\n)*?<\/nav>/)?.0)
                let footer = try Self.links(in: String(footerNav))
                #expect(footer.count == 4, "\(file): \(footer)")
                for link in footer {
                    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(Self.resolve(link, from: file)).path), "\(file): \(link)")
                }
                #expect(liveLinks.count == exportLinks.count && !exportLinks.isEmpty, "\(file)")
                for (liveLink, exportLink) in zip(liveLinks, exportLinks) {
                    #expect(!exportLink.hasPrefix("/") && !exportLink.contains(":"), "\(file): \(exportLink)")
                    if exportLink.hasPrefix("#") {
                        #expect(exportLink == liveLink)
                        continue
                    }
                    let resolved = Self.resolve(exportLink, from: file)
                    var isDirectory: ObjCBool = true
                    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(resolved).path, isDirectory: &isDirectory) && !isDirectory.boolValue,
                        "\(file): \(exportLink)")
                    #expect(Self.livePath(ofExported: resolved) == liveLink, "\(file): \(exportLink)")
                    if resolved.hasSuffix(".jpg") { images[resolved] = liveLink }
                }
            }
            // A folder's address serves its page; without the final slash (the live path) it redirects there, as relative links need.
            #expect(try await HTTPAnswer.get(port: nginx.port, "/palmares/2022/").text.contains("Palmarès du concours d’affiches"))
            let bare = try await HTTPAnswer.get(port: nginx.port, "/palmares/2022")
            #expect(bare.status == 301 && bare.headers["location"] == "/palmares/2022/")
            #expect(try await HTTPAnswer.get(port: nginx.port, "/static/css/site.css").headers["cache-control"] == "public, max-age=3600")
            // Each public poster's thumbnail and preview, the very bytes the live site sends, and nothing else.
            #expect(images.count == 4)
            for (file, liveURL) in images {
                let served = try await HTTPAnswer.get(port: nginx.port, "/" + file)
                let live = try await client.execute(uri: liveURL, method: .get) { ($0.status, Data(buffer: $0.body)) }
                #expect(live.0 == .ok && served.status == 200 && served.body == live.1 && served.body.count > 1000, "\(file)")
                #expect(served.headers["cache-control"] == "public, max-age=31536000, immutable" && served.headers["content-type"] == "image/jpeg")
            }
            let files = try FileManager.default.subpathsOfDirectory(atPath: site.path)
            #expect(Set(files.filter { $0.hasSuffix(".jpg") }) == Set(images.keys))
            let database = try app.database()
            let hidden = try app.publicCode(ids[1])
            let juryCodes = try ids.map { try #require(try database.entry(id: $0)).anonymousCode }
            let store = try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory))
            let originals = try ids.map { try Data(contentsOf: store.url(forRelativePath: try #require(try database.entry(id: $0)).poster.originalPath)) }
            for file in files where file.hasSuffix(".jpg") {
                #expect(!originals.contains(try Data(contentsOf: site.appendingPathComponent(file))), "\(file)")
            }
            for (_, file) in pages {
                let html = try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8)
                for secret in ["Mme Durand", "durand@ac-creteil.fr", "0951099D", "Connexion", "_csrf", "deconnexion", hidden] + juryCodes {
                    #expect(!html.contains(secret), "\(file): \(secret)")
                }
            }
            let css = try Data(contentsOf: site.appendingPathComponent("static/css/site.css"))
            #expect(css == (try Data(contentsOf: TestApp.projectRoot.appendingPathComponent("Assets/Static/css/site.css"))))
            // No staging folder is left beside the export.
            #expect(try FileManager.default.contentsOfDirectory(atPath: app.directory.path).filter { $0.hasPrefix(".export") }.isEmpty)
        }
    }

    @Test func published_images_are_cached_for_good_at_their_versioned_address() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.published(app, client: client)
            let palmares = try await Browser(client).get("/palmares/2022")
            let sources = try Self.links(in: palmares.body).filter { $0.contains("/vignette?v=") }
            #expect(sources.count == 2)
            let thumbnail = try #require(sources.first)
            let first = try await client.execute(uri: thumbnail, method: .get) { $0 }
            #expect(first.status == .ok && first.headers[.cacheControl] == "public, max-age=31536000, immutable")
            // A shared cache keeps it: no cookie may ride along (a visitor without cookies gets none here).
            #expect(first.headers[.setCookie] == nil)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.count == 66)
            #expect(thumbnail.hasSuffix("?v=" + etag.dropFirst().prefix(16)))
            let again = try await client.execute(uri: thumbnail, method: .get, headers: [.ifNoneMatch: "\"autre\", \(etag)"]) { $0 }
            #expect(again.status == .notModified && again.body.readableBytes == 0 && again.headers[.cacheControl] == "public, max-age=31536000, immutable")
            // The address without version still works, kept briefly; a stale version leads to the current one.
            let unversioned = String(thumbnail.prefix { $0 != "?" })
            let old = try await client.execute(uri: unversioned, method: .get) { $0 }
            #expect(old.status == .ok && old.headers[.cacheControl] == "public, max-age=300" && old.headers[.eTag] == etag)
            for stale in ["?v=0000000000000000", "?v=", "?v=\(String(repeating: "a", count: 5000))"] {
                let moved = try await client.execute(uri: unversioned + stale, method: .get) { $0 }
                #expect(moved.status == .found && moved.headers[.location] == thumbnail && moved.headers[.cacheControl] == "no-cache")
            }
            // The entry without prize nor gallery consent has no public image, versioned or not.
            let database = try app.database()
            let hidden = try #require(try database.entry(id: ids[1]))
            let version = ImageResponse.contentVersion(ofStoredPath: hidden.poster.thumbnailPath)
            let hiddenCode = try app.publicCode(ids[1])
            for path in ["/palmares/2022/affiches/\(hiddenCode)/vignette?v=\(version)", "/palmares/2022/affiches/\(hiddenCode)/affiche"] {
                #expect(try await client.execute(uri: path, method: .get) { $0.status } == .notFound, "\(path)")
            }
            // Organisers' images stay private.
            let staff = try await client.execute(uri: "/organisation/depots/\(ids[0])/vignette", method: .get, headers: [.cookie: organiser.cookieHeader()]) { $0 }
            #expect(staff.status == .ok && staff.headers[.cacheControl] == "no-store")
            // Unpublished again: the versioned addresses are gone too.
            try database.moveEdition(id: 1, to: .deliberation, now: app.clock.now)
            #expect(try await client.execute(uri: thumbnail, method: .get) { $0.status } == .notFound)
            #expect(try await client.execute(uri: unversioned + "?v=0", method: .get) { $0.status } == .notFound)
        }
    }

    @Test func the_export_refuses_in_french_and_replaces_only_when_asked() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let site = app.directory.appendingPathComponent("export")
        try await app.test { client in
            let (_, _) = try await ResultsWebTests.deliberating(app, client: client)
            let export = try await Self.export(app)
            #expect(throws: StaticExportError.self) { try export.write(to: site, year: nil, force: false) }
            #expect(Self.message { try export.write(to: site, year: nil, force: false) } == "Aucun palmarès n’est publié : rien à exporter.")
            #expect(Self.message { try export.write(to: site, year: 2022, force: false) }
                == "Le palmarès 2022 n’est pas publié (étape « Délibération ») : publiez-le avant de l’exporter.")
            #expect(Self.message { try export.write(to: site, year: 2031, force: false) } == "Aucune édition 2031 : voyez « concours edition list ».")
            #expect(!FileManager.default.fileExists(atPath: site.path))
            try app.database().moveEdition(id: 1, to: .published, now: app.clock.now)
            // Not empty: refused, left as it was.
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            try Data("à garder".utf8).write(to: site.appendingPathComponent("garde.txt"))
            #expect(Self.message { try export.write(to: site, year: 2022, force: false) }?.hasPrefix("Le dossier \(site.path) n’est pas vide") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.path) == ["garde.txt"])
            // --force: replaced as a whole.
            let summary = try export.write(to: site, year: 2022, force: true)
            #expect(summary.pages == 8)
            let content = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
            #expect(content == ["accessibilite", "donnees-personnelles", "index.html", "mentions-legales", "palmares", "reglement", "static"])
            // Leaves nothing beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: app.directory.path).filter { $0.hasPrefix(".export") }.isEmpty)
            #expect(Self.message { try export.write(to: site.appendingPathComponent("index.html"), year: nil, force: true) }?.hasSuffix("est un fichier, pas un dossier.") == true)
            #expect(Self.message { try export.write(to: site.appendingPathComponent("absent/dessous"), year: nil, force: false) }?.hasSuffix("n’existe pas : créez-le d’abord.") == true)
        }
    }

    // MARK: - Helpers

    /// The French refusal `body` throws, or nil when it succeeds.
    static func message(_ body: () throws -> some Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? StaticExportError)?.message ?? "\(error)"
        }
    }

    /// The page without the navigation (an export has no sign-in link) and with every link emptied.
    static func normalised(_ html: String) throws -> String {
        try withoutNavigation(html).replacing(Regex(#"(href|src)="[^"]*""#), with: "link")
    }

    /// Without the main navigation (an export has no sign-in link) and the footer's links (an export has no règlement).
    static func withoutNavigation(_ html: String) throws -> String {
        try html.replacing(Regex(#"[ ]*<nav aria-label="(Navigation principale|Pied de page)">(.|\n)*?</nav>\n"#), with: "")
    }

    /// The page's links and sources, but for `mailto:` addresses.
    static func links(in html: String) throws -> [String] {
        try html.matches(of: Regex<(Substring, Substring)>(#"(?:href|src)="([^"]*)""#)).map { String($0.output.1) }.filter { !$0.hasPrefix("mailto:") }
    }

    /// `link` seen from the exported `file`, as a path from the export's root.
    static func resolve(_ link: String, from file: String) -> String {
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in link.split(separator: "/") {
            if part == ".." {
                guard !parts.isEmpty else { return "../(hors de l’export)" }
                parts.removeLast()
            } else if part != "." {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The live address an exported file stands for: `palmares/2022/index.html` → `/palmares/2022`,
    /// `…/affiches/CODE/vignette-0123456789abcdef.jpg` → `/palmares/2022/affiches/CODE/vignette?v=0123456789abcdef`.
    static func livePath(ofExported path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("/index.html".count) }
        if path.hasPrefix("palmares/"), path.hasSuffix(".jpg"), let dash = path.lastIndex(of: "-") {
            return "/\(path[..<dash])?v=\(path[path.index(after: dash)...].dropLast(4))"
        }
        return "/" + path
    }
}
