import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

struct ResultsWebTests {
    /// Judged edition in deliberation: three college entries scored 5, 4 and 3 by one juror.
    static func deliberating(_ app: TestApp, client: any TestClientProtocol) async throws -> (organiser: Browser, ids: [Int64]) {
        let organiser = Browser(client)
        try await JuryFixture.prepare(app, client: organiser)
        try await organiser.login()
        let database = try app.database()
        let juror = try database.createJuror(name: "J", email: "j@ac-creteil.fr", conflicts: [], now: app.clock.now)
        let listings = try database.entries(editionId: 1).sorted { $0.establishment.uai.code < $1.establishment.uai.code }
        // 0930001W → 5, 0940001R → 4, 0951099D → 3 on every criterion.
        for (listing, score) in zip(listings, [5, 4, 3]) {
            let scores = Dictionary(uniqueKeysWithValues: ["theme", "message", "creativite", "graphisme"].map { ($0, score) })
            try database.saveBallot(Ballot(entryId: listing.entry.id!, jurorId: juror.id!, scores: scores, submitted: true, updatedAt: app.clock.now))
        }
        try database.moveEdition(id: 1, to: .deliberation, now: app.clock.now)
        return (organiser, listings.map { $0.entry.id! })
    }

    @Test func nothing_is_public_before_publication() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            let code = try app.database().entry(id: ids[0])!.anonymousCode
            let visitor = Browser(client)
            for path in ["/palmares/2022", "/palmares/2022/galerie", "/palmares/2022/affiches/\(code)/vignette", "/palmares/2022/affiches/\(code)/affiche"] {
                #expect(try await visitor.get(path).status == .notFound, "\(path)")
            }
            let archive = try await visitor.get("/palmares")
            #expect(archive.status == .ok && archive.body.contains("Aucun palmarès n’est encore publié."))
        }
    }

    @Test func prizes_are_assigned_by_ranking_with_reasons_and_published() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            let page = try await organiser.get("/organisation/editions/2022/deliberation")
            #expect(page.status == .ok)
            // Identities stand next to the codes now.
            #expect(page.body.contains("Lycée Paul Éluard") && page.body.contains("Collège Jean Moulin"))
            // Each prize list starts on « Choisir un prix »; sending it unchosen is refused in French.
            #expect(page.body.contains("name=\"prix\" required aria-label=\"Prix pour ") && page.body.contains("><option value=\"\" >Choisir un prix…</option>"))
            let unchosen = try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "")])
            let none = try app.database().awards(editionId: 1)
            // A refused form shows the page again (422) with the reason in the error summary, not a redirect.
            #expect(unchosen.status == .unprocessableContent && none.isEmpty)
            #expect(unchosen.body.contains("id=\"resume-erreurs\"") && unchosen.body.contains("Choisissez le prix à attribuer"))
            // Each form sends back the page it was on (its reading, page and size), and nothing but those numbers.
            let deliberationPage = try await organiser.get("/organisation/editions/2022/deliberation?classement=normalise&par=25").body
            #expect(deliberationPage.contains("name=\"page\" value=\"1\"") && deliberationPage.contains("name=\"par\" value=\"25\""))
            let fromPage = try await organiser.post(
                "/organisation/editions/2022/prix",
                form: [("depot", String(ids[0])), ("prix", ""), ("classement", "normalise"), ("page", "3"), ("par", "25")])
            #expect(fromPage.status == .unprocessableContent && fromPage.body.contains("name=\"classement\" value=\"normalise\""))
            #expect(fromPage.body.contains("name=\"par\" value=\"25\""))
            let forged = try await organiser.post(
                "/organisation/editions/2022/departage",
                form: [("depot", String(ids[0])), ("ordre", "x"), ("page", "//evil.example"), ("par", "7;x"), ("classement", "<b>")])
            #expect(forged.status == .unprocessableContent && forged.location == nil && !forged.body.contains("evil.example"))
            #expect(forged.body.contains("L’ordre de départage doit être un nombre entier de 1 à 999."))
            // Successful forms still return to the page they were sent from.
            let moved = try await organiser.post(
                "/organisation/editions/2022/departage", form: [("depot", String(ids[0])), ("ordre", ""), ("classement", "normalise"), ("page", "3"), ("par", "25")])
            #expect(moved.location == "/organisation/editions/2022/deliberation?classement=normalise&par=25&page=3")
            _ = try await organiser.get("/organisation/editions/2022/deliberation")
            // 2nd-ranked entry for the 1st prize: refused without a reason.
            let refused = try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[1])), ("prix", "premier")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("indiquez pourquoi"))
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[1])), ("prix", "premier"), ("motif", "Message plus fort")])
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "deuxieme"), ("motif", "Choix du jury")])
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[2])), ("prix", "coeur")])
            let awards = try app.database().awards(editionId: 1)
            #expect(awards.count == 3)
            #expect(awards.first { $0.prizeCode == "premier" }?.reason == "Message plus fort")
            // Publish.
            let published = try await organiser.post("/organisation/editions/2022/etat", form: [("cible", "published")])
            #expect(published.status == .seeOther)
            let visitor = Browser(client)
            let palmares = try await visitor.get("/palmares/2022")
            #expect(palmares.status == .ok)
            for text in ["1<sup>er</sup> prix", "Collège Paul Bert", "Créteil", "4<sup>e</sup> B", "Coup de cœur", "Collège Jean Moulin", "Lycée Paul Éluard"] {
                #expect(palmares.body.contains(text), "\(text)")
            }
            // Nobody else's data: teacher names and e-mails, UAIs stay private.
            for secret in ["Mme Durand", "durand@ac-creteil.fr", "0951099D", "0930001W", "2022-"] {
                #expect(!palmares.body.contains(secret), "\(secret)")
            }
            let code = try app.publicCode(ids[1])
            let image = try await visitor.get("/palmares/2022/affiches/\(code)/vignette")
            #expect(image.status == .ok && image.headers[.contentType] == "image/jpeg")
            let archive = try await visitor.get("/palmares")
            #expect(archive.body.contains("/palmares/2022"))
            let home = try await visitor.get("/")
            #expect(home.body.contains("Découvrir le palmarès 2022"))
            // Jurors' pages still show no identity, and the home page none either.
            #expect(!home.body.contains("Collège Jean Moulin"))
            // Unpublishing takes everything down again, and is logged.
            try await organiser.post("/organisation/editions/2022/etat", form: [("cible", "deliberation")])
            #expect(try await visitor.get("/palmares/2022").status == .notFound)
            let journal = try await organiser.get("/organisation/journal")
            #expect(journal.body.contains("« Résultats publiés » → « Délibération »"))
            #expect(journal.body.contains("1<sup>er</sup> prix → "))
            #expect(journal.body.contains("orga@ac-creteil.fr"))
        }
    }

    @Test func the_gallery_shows_only_consenting_eligible_entries() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            let database = try app.database()
            // The fixture's entries did not opt in to the gallery: only the winner shows.
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            try database.moveEdition(id: 1, to: .published, now: app.clock.now)
            let gallery = try await Browser(client).get("/palmares/2022/galerie")
            #expect(gallery.status == .ok)
            let codes = try ids.map { try app.publicCode($0) }
            #expect(gallery.body.contains(codes[0]) && !gallery.body.contains(codes[1]) && !gallery.body.contains(codes[2]))
            #expect(try await Browser(client).get("/palmares/2022/affiches/\(codes[1])/vignette").status == .notFound)
        }
    }

    @Test func public_pages_never_show_the_jury_codes_and_judging_never_reopens_after_publication() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            let database = try app.database()
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            try database.moveEdition(id: 1, to: .published, now: app.clock.now)
            let jury = try ids.map { try database.entry(id: $0)!.anonymousCode }
            let visitor = Browser(client)
            // The winner is shown under its public code; the code the jurors scored appears nowhere, nor works in a URL.
            for path in ["/palmares/2022", "/palmares/2022/galerie"] {
                let page = try await visitor.get(path)
                let winner = try app.publicCode(ids[0])
                #expect(page.status == .ok && page.body.contains(winner), "\(path)")
                for code in jury { #expect(!page.body.contains(code), "\(path) shows \(code)") }
            }
            let winnerCode = try app.publicCode(ids[0])
            #expect(try await visitor.get("/palmares/2022/affiches/\(winnerCode)/vignette").status == .ok)
            #expect(try await visitor.get("/palmares/2022/affiches/\(jury[0])/vignette").status == .notFound)
            // Distinct, stable public codes, unrelated to the jury codes.
            let publics = try ids.map { try app.publicCode($0) }
            let again = try ids.map { try app.publicCode($0) }
            #expect(Set(publics).count == ids.count && publics == again)
            #expect(Set(publics).isDisjoint(with: jury))
            // The palmarès can be corrected (back to deliberation), but judging is no longer offered nor accepted.
            try await organiser.post("/organisation/editions/2022/etat", form: [("cible", "deliberation")])
            #expect(try database.edition(year: 2022)?.state == .deliberation)
            let page = try await organiser.get("/organisation/editions/2022")
            #expect(page.status == .ok && !page.body.contains("value=\"judging\""))
            let reopen = try await organiser.post("/organisation/editions/2022/etat", form: [("cible", "judging")])
            #expect(try database.edition(year: 2022)?.state == .deliberation)
            #expect(reopen.status == .seeOther)
            let refused = try await organiser.get("/organisation/editions/2022")
            #expect(refused.body.contains("Les résultats ont déjà été publiés : l’évaluation ne peut plus rouvrir"))
            #expect(throws: (any Error).self) { try database.moveEdition(id: 1, to: .judging, now: app.clock.now) }
        }
    }

    @Test func csv_export_opens_in_french_excel() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            let database = try app.database()
            let entry = try #require(try database.entry(id: ids[0]))
            var details = entry.details
            details.title = "Bouger; \"oser\""
            details.statement = "Ligne 1\nLigne 2"
            try database.updateEntry(id: ids[0], details: details, categoryCode: "college", maxPerCategory: 2, now: app.clock.now)
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            let response = try await client.execute(uri: "/organisation/editions/2022/export.csv", method: .get, headers: [.cookie: organiser.cookieHeader()]) {
                ($0.headers, Data(buffer: $0.body))
            }
            #expect(response.0[.contentType] == "text/csv; charset=utf-8")
            #expect(response.0[.contentDisposition]?.contains("attachment") == true)
            let data = response.1
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("Référence;Code anonyme;Catégorie;Titre;Note d’intention;Établissement;UAI"))
            #expect(text.contains(";\"Bouger; \"\"oser\"\"\";\"Ligne 1\nLigne 2\";"))
            #expect(text.contains(";5,00;") && text.contains(";1er prix;"))
            #expect(text.contains(";01/02/2022 10:00;"))
        }
    }

    @Test func the_winners_zip_holds_the_untouched_originals() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.deliberating(app, client: client)
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[2])), ("prix", "coeur")])
            let zip = try await client.execute(uri: "/organisation/editions/2022/laureats.zip", method: .get, headers: [.cookie: organiser.cookieHeader()]) {
                response -> Data in
                #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
                return Data(buffer: response.body)
            }
            let files = try ZipReader.entries(zip)
            #expect(files.map(\.name) == [
                "01-1er-prix-Colleges-Lycee-Paul-Eluard-Saint-Denis-\(try app.database().entry(id: ids[0])!.reference).jpg",
                "02-Coup-de-coeur-College-Jean-Moulin-Sarcelles-\(try app.database().entry(id: ids[2])!.reference).jpg",
            ])
            let store = try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory))
            let original = try Data(contentsOf: store.url(forRelativePath: try app.database().entry(id: ids[0])!.poster.originalPath))
            #expect(files[0].data == original)
            // The original keeps what the submitter sent (its comment segment included).
            #expect(original.range(of: Data("Mme-Durand-EXIF".utf8)) != nil)
        }
    }
}
