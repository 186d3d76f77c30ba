import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Imaging
import Storage
import Testing

@testable import Web

/// The jurors' viewer: the large image, coups de cœur, comparison and the juror's own distribution.
struct JuryViewerWebTests {
    /// An app whose preview is small (200 px) so that the 600 × 800 test posters allow a large image of twice that.
    static func app() throws -> TestApp {
        var app = try TestApp()
        app.config.images.previewLongEdge = 200
        return app
    }

    /// A juror with a conflict with the Collège Jean Moulin (`0951099D`), and that poster's code.
    static func conflictedJuror(_ app: TestApp, organiser: Browser, client: any TestClientProtocol) async throws -> (Browser, String) {
        let juror = Browser(client)
        let link = try await JuryFixture.invite(organiser, name: "Lié", email: "lie@ac-creteil.fr", conflicts: "0951099D")
        try await JuryFixture.juror(client, invitation: link, browser: juror)
        let code = try #require(try app.database().entries(editionId: 1).first { $0.establishment.uai.code == "0951099D" }?.entry.anonymousCode)
        return (juror, code)
    }

    static func image(_ client: any TestClientProtocol, _ uri: String, browser: Browser, etag: String? = nil) async throws
        -> (HTTPResponse.Status, Data, String?)
    {
        var headers: HTTPFields = [.cookie: browser.cookieHeader()]
        if let etag { headers[.ifNoneMatch] = etag }
        return try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, Data(buffer: $0.body), $0.headers[.eTag]) }
    }

    @Test func the_large_image_is_twice_the_preview_without_metadata_and_follows_the_visibility_rule() async throws {
        let app = try Self.app()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let (juror, conflicted) = try await Self.conflictedJuror(app, organiser: organiser, client: client)
            let codes = JuryFixture.codes(in: try await juror.get("/jury").body)
            #expect(codes.count == 2)
            let code = try #require(codes.first)
            let (previewStatus, preview, _) = try await Self.image(client, "/jury/affiches/\(code)/image", browser: juror)
            #expect(previewStatus == .ok)
            // Two first requests at once: both get the whole image, the same bytes.
            async let first = Self.image(client, "/jury/affiches/\(code)/grande", browser: juror)
            async let second = Self.image(client, "/jury/affiches/\(code)/grande", browser: juror)
            let (one, two) = try await (first, second)
            #expect(one.0 == .ok && two.0 == .ok)
            #expect(one.1 == two.1)
            let large = one.1
            let previewInfo = try ImageProbe.probe(preview)
            let largeInfo = try ImageProbe.probe(large)
            #expect(largeInfo.format == .jpeg)
            #expect(previewInfo.longEdge == 200)
            #expect(largeInfo.longEdge == 2 * previewInfo.longEdge, "\(largeInfo.width)×\(largeInfo.height)")
            #expect(largeInfo.width * previewInfo.height == largeInfo.height * previewInfo.width, "same proportions")
            for marker in ["Exif", "Mme-Durand-EXIF", "http://ns.adobe.com/xap", "college-jean-moulin"] {
                #expect(large.range(of: Data(marker.utf8)) == nil, "the large image carries \(marker)")
            }
            // Kept on disk under the store, then sent again with the same ETag; a matching If-None-Match gets a 304.
            let kept = try FileManager.default.contentsOfDirectory(
                atPath: URL(fileURLWithPath: app.config.filesDirectory).appendingPathComponent("grandes/400").path)
            #expect(kept.count == 1)
            let again = try await Self.image(client, "/jury/affiches/\(code)/grande", browser: juror)
            #expect(again.1 == large)
            let etag = try #require(again.2)
            #expect(try await Self.image(client, "/jury/affiches/\(code)/grande", browser: juror, etag: etag).0 == .notModified)
            // A conflicted poster and an unknown code get the same 404; a visitor is sent to sign in; an organiser is refused.
            let hidden = try await juror.get("/jury/affiches/\(conflicted)/grande")
            let unknown = try await juror.get("/jury/affiches/ZZ-ZZZ/grande")
            #expect(hidden.status == .notFound && unknown.status == .notFound)
            #expect(hidden.body == unknown.body)
            #expect(try await Browser(client).get("/jury/affiches/\(code)/grande").status == .seeOther)
            #expect(try await organiser.get("/jury/affiches/\(code)/grande").status == .forbidden)
        }
    }

    @Test func the_scoring_page_offers_the_viewer_without_inline_script() async throws {
        let app = try Self.app()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr"), browser: juror)
            let codes = JuryFixture.codes(in: try await juror.get("/jury").body)
            let page = try await juror.get("/jury/affiches/\(codes[1])")
            #expect(page.status == .ok)
            #expect(page.body.contains("<script src=\"/static/js/visionneuse.js\" defer></script>"))
            #expect(page.body.components(separatedBy: "<script").count == page.body.components(separatedBy: "<script src=").count, "no inline script")
            #expect(page.body.contains("Plein écran") && page.body.contains("aria-keyshortcuts=\"ArrowRight\""))
            #expect(page.body.contains("href=\"/jury/affiches/\(codes[1])/grande\""))
            // « Comparer avec… » offers the neighbours.
            #expect(page.body.contains("action=\"/jury/comparer\"") && page.body.contains("<option value=\"\(codes[0])\">"))
            let script = try await Browser(client).get("/static/js/visionneuse.js")
            #expect(script.status == .ok && script.body.contains("keydown"))
        }
    }

    @Test func comparison_shows_two_visible_posters_only() async throws {
        let app = try Self.app()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let (juror, conflicted) = try await Self.conflictedJuror(app, organiser: organiser, client: client)
            let codes = JuryFixture.codes(in: try await juror.get("/jury").body)
            let page = try await juror.get("/jury/comparer?a=\(codes[0])&b=\(codes[1])")
            #expect(page.status == .ok)
            for code in codes {
                #expect(page.body.contains("src=\"/jury/affiches/\(code)/image\"") && page.body.contains("href=\"/jury/affiches/\(code)\""))
            }
            #expect(page.body.contains("Titre "))
            for secret in JuryFixture.secrets where secret != "Créteil" { #expect(!page.body.contains(secret), "leaks \(secret)") }
            #expect(try await juror.get("/jury/comparer?a=\(codes[0])&b=\(conflicted)").status == .notFound)
            #expect(try await juror.get("/jury/comparer?a=\(conflicted)&b=\(codes[0])").status == .notFound)
            #expect(try await juror.get("/jury/comparer?a=\(codes[0])&b=ZZ-ZZZ").status == .notFound)
            #expect(try await juror.get("/jury/comparer?a=\(codes[0])").status == .badRequest)
            #expect(try await Browser(client).get("/jury/comparer?a=\(codes[0])&b=\(codes[1])").status == .seeOther)
        }
    }

    @Test func coups_de_coeur_are_the_jurors_own_and_only_while_judging() async throws {
        let app = try Self.app()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let (juror, conflicted) = try await Self.conflictedJuror(app, organiser: organiser, client: client)
            let other = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Autre", email: "autre@ac-creteil.fr"), browser: other)
            let codes = JuryFixture.codes(in: try await juror.get("/jury").body)
            let code = codes[0]
            let database = try app.database()
            let entryID = try #require(try database.entry(anonymousCode: code)?.id)
            let jurorID = try #require(try database.user(email: "lie@ac-creteil.fr")?.id)
            try await juror.get("/jury/affiches/\(code)")
            let on = try await juror.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "1")])
            #expect(on.status == .seeOther && on.location == "/jury/affiches/\(code)")
            #expect(try database.favourites(editionId: 1, jurorId: jurorID) == [entryID])
            let scoring = try await juror.get("/jury/affiches/\(code)")
            #expect(scoring.body.contains("aria-pressed=\"true\"") && scoring.body.contains("name=\"valeur\" value=\"0\""))
            // Twice is the same as once; the list marks it and its filter keeps only it.
            try await juror.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "1")])
            try await other.get("/jury/affiches/\(code)")
            try await other.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "1")])
            #expect(try database.favouriteCounts(editionId: 1) == [entryID: 2])
            let list = try await juror.get("/jury?statut=coups-de-coeur")
            #expect(JuryFixture.codes(in: list.body) == [code])
            #expect(list.body.contains("favourite-mark"))
            #expect(try await juror.get("/jury").body.contains("href=\"/jury?statut=coups-de-coeur\""))
            // A poster the juror may not see, a value that is neither 1 nor 0: refused, nothing changes.
            #expect(try await juror.post("/jury/affiches/\(conflicted)/coup-de-coeur", form: [("valeur", "1")]).status == .notFound)
            #expect(try await juror.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "oui")]).status == .badRequest)
            #expect(try await organiser.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "0")]).status == .forbidden)
            #expect(try database.favourites(editionId: 1, jurorId: jurorID) == [entryID])
            let off = try await juror.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "0")])
            #expect(off.status == .seeOther)
            #expect(try database.favourites(editionId: 1, jurorId: jurorID).isEmpty)
            #expect(try database.favouriteCounts(editionId: 1) == [entryID: 1])
            // Once judging is closed the flag stays as it was and the toggle is gone.
            try database.moveEdition(id: 1, to: .deliberation, now: app.clock.now)
            let late = try await other.post("/jury/affiches/\(code)/coup-de-coeur", form: [("valeur", "0")])
            #expect(late.status == .forbidden && late.body.contains("close"))
            #expect(try database.favouriteCounts(editionId: 1) == [entryID: 1])
            #expect(!(try await other.get("/jury/affiches/\(code)")).body.contains("coup-de-coeur\""))
        }
    }

    @Test func the_list_shows_the_jurors_own_distribution_only() async throws {
        let app = try Self.app()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let a = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "A", email: "a@ac-creteil.fr"), browser: a)
            let b = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "B", email: "b@ac-creteil.fr"), browser: b)
            let codes = JuryFixture.codes(in: try await a.get("/jury").body)
            #expect(!(try await a.get("/jury")).body.contains("Mes notes"))
            for (code, note) in [(codes[0], "4"), (codes[1], "2")] {
                try await a.get("/jury/affiches/\(code)")
                let form = ["theme", "message", "creativite", "graphisme"].map { ("note_\($0)", note) }
                #expect(try await a.post("/jury/affiches/\(code)", form: form + [("action", "valider")]).status == .seeOther)
            }
            // A draft is not counted.
            try await a.post("/jury/affiches/\(codes[2])", form: [("note_theme", "0"), ("action", "brouillon")])
            let list = try await a.get("/jury")
            #expect(list.body.contains("Mes notes") && list.body.contains("2 notations validées, moyenne 3 sur 5"))
            #expect(list.body.contains("<th scope=\"row\">de 4 à 5</th><td>1 affiche</td>"))
            #expect(list.body.contains("<th scope=\"row\">de 2 à moins de 3</th><td>1 affiche</td>"))
            #expect(list.body.contains("<th scope=\"row\">Respect du thème</th><td>3 sur 5</td>"))
            // Another juror sees nothing of it.
            #expect(!(try await b.get("/jury")).body.contains("Mes notes"))
        }
    }
}

extension JuryViewerWebTests {
    /// A browser revalidating the viewer's script (or any static file) gets a 304, never the 404 a redirect would get.
    @Test func a_revalidated_static_file_is_not_modified() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            for path in ["/static/js/visionneuse.js", "/static/css/site.css"] {
                let (status, etag, modified) = try await client.execute(uri: path, method: .get) {
                    ($0.status, $0.headers[.eTag], $0.headers[.lastModified])
                }
                #expect(status == .ok)
                let tag = try #require(etag)
                #expect(try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag]) { $0.status } == .notModified, "\(path)")
                let date = try #require(modified)
                #expect(try await client.execute(uri: path, method: .get, headers: [.ifModifiedSince: date]) { $0.status } == .notModified, "\(path)")
            }
        }
    }
}
