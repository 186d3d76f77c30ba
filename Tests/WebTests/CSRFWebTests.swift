import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import Web

/// Every state-changing request is checked whatever its content type; handlers read only the type they expect.
struct CSRFWebTests {
    /// A multipart body that smuggles URL-encoded fields between `&`s, the trick that once skipped the CSRF check.
    static func smuggled(_ fields: String) -> (ByteBuffer, String) {
        let boundary = "xYz"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n&\(fields)&\r\n--\(boundary)--\r\n"
        return (ByteBuffer(string: body), "multipart/form-data; boundary=\(boundary)")
    }

    @Test func a_multipart_body_without_a_token_changes_nothing_on_any_form_route() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let school = Browser(client)
            let token = try await SubmissionFixture.submit(school)
            let entry = try #require(try app.database().entries(editionId: 1).first?.entry)
            let organiser = Browser(client)
            #expect(try await organiser.login().status == .seeOther)
            let routes: [(String, String)] = [
                ("/organisation/depots/\(entry.id!)/recevabilite", "decision=ineligible&motif=pirate"),
                ("/organisation/depots/\(entry.id!)/annulation", "motif=pirate"),
                ("/organisation/depots/\(entry.id!)/texte-jury", "texte=pirate"),
                ("/organisation/editions/2022/etat", "cible=closed"),
                ("/organisation/editions/2022/parametres", "max=9"),
                ("/organisation/jury", "nom=Pirate&email=pirate@example.org"),
                ("/organisation/editions/2022/prix", "entree=1&prix=premier"),
                ("/depot/\(token)", "titre=pirate&categorie=college"),
                ("/depot/\(token)/retrait", "confirmation=oui"),
                ("/deconnexion", ""),
                ("/compte/mot-de-passe", "current=motdepasse-solide&password=nouveau-mot-de-passe-pirate&password2=nouveau-mot-de-passe-pirate"),
                // Routes added with the mail: reminders, the outbox's retry and cancel, the lost-link form.
                ("/organisation/editions/2022/jury/relance", ""),
                ("/organisation/editions/2022/depots/relance", ""),
                ("/organisation/courriels/1/relancer", ""),
                ("/organisation/courriels/1/annuler", ""),
                ("/lien-perdu", "email=durand@ac-creteil.fr"),
                // Routes added with judging rounds: dealing, closing, round 2 and its cancellation.
                ("/organisation/editions/2022/jury/repartition", "mode=k&k=2"),
                ("/organisation/editions/2022/jury/tour/cloture", "confirmer=1"),
                ("/organisation/editions/2022/jury/second-tour", "affiche=1&affiche=2"),
                ("/organisation/editions/2022/jury/second-tour/annulation", ""),
                ("/organisation/editions/2022/jury/second-tour/regle", "cumul=1"),
            ]
            let outboxBefore = try ReminderWebTests.outboxCount(app)
            for (uri, fields) in routes {
                let (body, type) = Self.smuggled(fields)
                let page = try await organiser.send(uri, method: .post, body: body, contentType: type)
                #expect(page.status == .unsupportedMediaType, "\(uri) answered \(page.status)")
                #expect(page.body.contains("type de contenu inattendu"))
            }
            let after = try #require(try app.database().entry(id: entry.id!))
            #expect(after == entry)
            #expect(try app.database().jurors().isEmpty)
            #expect(try app.database().judgingRounds(editionId: 1).isEmpty, "no round was dealt, closed or opened")
            #expect(try ReminderWebTests.outboxCount(app) == outboxBefore, "no reminder nor lost-link message was queued")
            // Still signed in: the sign-out was refused too.
            #expect(try await organiser.get("/organisation").status == .ok)
        }
    }

    @Test func login_csrf_through_multipart_or_another_type_signs_nobody_in() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            for (body, type) in [
                Self.smuggled("email=orga@ac-creteil.fr&password=motdepasse-solide"),
                (ByteBuffer(string: "email=orga@ac-creteil.fr&password=motdepasse-solide"), "text/plain"),
                (ByteBuffer(string: #"{"email":"orga@ac-creteil.fr","password":"motdepasse-solide"}"#), "application/json"),
            ] {
                let visitor = Browser(client)
                let page = try await visitor.send("/connexion", method: .post, body: body, contentType: type)
                #expect(page.status == .unsupportedMediaType)
                #expect(visitor.cookies["concours_session"] == nil)
            }
            // No content type at all.
            let bare = Browser(client)
            #expect(try await bare.send("/connexion", method: .post, body: ByteBuffer(string: "email=x"), contentType: nil).status == .unsupportedMediaType)
        }
    }

    @Test func upload_routes_take_multipart_only() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let school = Browser(client)
            try await school.get("/participer")
            let encoded = try await school.post("/participer", form: SubmissionFixture.fields())
            #expect(encoded.status == .unsupportedMediaType)
            #expect(try app.database().entries(editionId: 1).isEmpty)
        }
    }

    @Test func tokens_are_bound_to_the_browser_and_session_not_to_a_cookie_an_attacker_can_plant() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let attacker = Browser(client)
            try await attacker.get("/connexion")
            let attackerToken = try #require(attacker.csrfToken)
            let victim = Browser(client)
            try await victim.get("/connexion")
            // The attacker's token with the victim's cookies.
            let crossed = try await victim.post("/connexion", form: [("email", "orga@ac-creteil.fr"), ("password", "motdepasse-solide")], csrf: attackerToken)
            #expect(crossed.status == .forbidden)
            // The old double-submit trick: the cookie's own value as the token.
            let planted = try await victim.post(
                "/connexion", form: [("email", "orga@ac-creteil.fr"), ("password", "motdepasse-solide")], csrf: victim.cookies["concours_csrf"])
            #expect(planted.status == .forbidden)
            // After signing in, the page's token changes: the one from before the session no longer works.
            let before = try #require(victim.csrfToken)
            #expect(try await victim.login().status == .seeOther)
            let stale = try await victim.post("/deconnexion", form: [], csrf: before)
            #expect(stale.status == .forbidden)
            #expect(try await victim.post("/deconnexion", form: []).status == .seeOther)
        }
    }

    @Test func cross_site_origins_are_refused_even_with_a_valid_token() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/connexion")
            let token = try #require(browser.csrfToken)
            let form = ByteBuffer(string: "_csrf=\(token)&email=orga%40ac-creteil.fr&password=motdepasse-solide")
            for headers: HTTPFields in [[.origin: "https://evil.example"], [.origin: "null"], [.secFetchSite: "cross-site"], [.secFetchSite: "same-site"]] {
                let page = try await browser.send(
                    "/connexion", method: .post, body: form, contentType: "application/x-www-form-urlencoded", extraHeaders: headers)
                #expect(page.status == .forbidden, "\(headers)")
            }
            #expect(browser.cookies["concours_session"] == nil)
            let same = try await browser.send(
                "/connexion", method: .post, body: form, contentType: "application/x-www-form-urlencoded",
                extraHeaders: [.origin: "http://localhost", .secFetchSite: "same-origin"])
            #expect(same.status == .seeOther)
        }
    }

    @Test func a_form_body_over_one_megabyte_is_a_413_in_french() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/connexion")
            let big = ByteBuffer(string: "_csrf=x&email=" + String(repeating: "a", count: 1_100_000))
            let page = try await browser.send("/connexion", method: .post, body: big, contentType: "application/x-www-form-urlencoded")
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("trop volumineux"))
            #expect(page.headers[.connection] == "close")
        }
    }
}

extension CSRFWebTests {
    @Test func the_new_forms_refuse_a_missing_or_foreign_token() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            _ = try await SubmissionFixture.submit(Browser(client))
            let id = try #require(try app.database().entries(editionId: 1).first?.entry.id)
            let organiser = Browser(client)
            _ = try await organiser.login()
            let stranger = Browser(client)
            try await stranger.get("/connexion")
            let foreign = try #require(stranger.csrfToken)
            let routes: [(String, [(String, String)])] = [
                ("/organisation/depots/\(id)/annulation", [("motif", "pirate")]),
                ("/compte/mot-de-passe", [("current", "motdepasse-solide"), ("password", "un nouveau mot de passe"), ("password2", "un nouveau mot de passe")]),
                ("/organisation/editions/2022/jury/repartition", [("mode", "k"), ("k", "2")]),
                ("/organisation/editions/2022/jury/tour/cloture", [("confirmer", "1")]),
                ("/organisation/editions/2022/jury/second-tour", [("affiche", String(id))]),
                ("/organisation/editions/2022/jury/second-tour/annulation", []),
                ("/organisation/editions/2022/jury/second-tour/regle", [("cumul", "1")]),
            ]
            for (uri, form) in routes {
                for token in ["", foreign] {
                    #expect(try await organiser.post(uri, form: form, csrf: token).status == .forbidden, "\(uri) with \(token.isEmpty ? "no" : "a foreign") token")
                }
            }
            #expect(try app.database().entry(id: id)?.status == .active)
            #expect(try app.database().judgingRounds(editionId: 1).isEmpty)
            #expect(try await Browser(client).login().status == .seeOther)
        }
    }
}

extension CSRFWebTests {
    /// The posts whose work moved off the event loops (the establishments import, the invitation's password): a missing
    /// or foreign token, or another content type, is refused before any of it runs and changes nothing.
    @Test func the_import_and_the_invitation_refuse_a_missing_or_foreign_token_and_another_type() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let organiser = Browser(client)
            #expect(try await organiser.login().status == .seeOther)
            let stranger = Browser(client)
            try await stranger.get("/connexion")
            let foreign = try #require(stranger.csrfToken)
            let csv = Data("Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;Code_departement\n0951099D;Collège Jean Moulin;Collège;Sarcelles;095\n".utf8)
            let file = Browser.FilePart(field: "annuaire", filename: "annuaire.csv", contentType: "text/csv", data: csv)
            try await organiser.get("/organisation/etablissements")
            for token in ["", foreign] {
                let (body, type) = Browser.multipart([("_csrf", token)], file: file)
                let page = try await organiser.send("/organisation/etablissements/import", method: .post, body: body, contentType: type)
                #expect(page.status == .forbidden, "import with \(token.isEmpty ? "no" : "a foreign") token")
            }
            let encoded = try await organiser.post("/organisation/etablissements/import", form: [("annuaire", "0951099D;Collège")])
            #expect(encoded.status == .unsupportedMediaType)
            #expect(try app.database().establishmentCount() == 0)

            let created = try await organiser.post("/organisation/jury", form: [("nom", "Juré invité"), ("email", "invite@ac-creteil.fr")])
            let link = try #require(created.body.firstMatch(of: /\/invitation\/([A-Za-z0-9_-]+)/)?.1)
            let invited = Browser(client)
            try await invited.get("/invitation/\(link)")
            let password = [("password", "un mot de passe solide"), ("password2", "un mot de passe solide")]
            for token in ["", foreign] {
                #expect(try await invited.post("/invitation/\(link)", form: password, csrf: token).status == .forbidden)
            }
            let (body, type) = Self.smuggled("password=un+mot+de+passe+solide&password2=un+mot+de+passe+solide")
            #expect(try await invited.send("/invitation/\(link)", method: .post, body: body, contentType: type).status == .unsupportedMediaType)
            #expect(try app.database().jurors().first?.hasPassword == false)
            // The invitation still works with the juror's own token.
            #expect(try await invited.post("/invitation/\(link)", form: password).status == .seeOther)
            #expect(try app.database().jurors().first?.hasPassword == true)
        }
    }
}

extension CSRFWebTests {
    /// The jurors' state-changing routes (scores, coups de cœur): a forged token or another content type is refused and
    /// changes nothing.
    @Test func jury_routes_refuse_a_forged_token_and_another_content_type() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr"), browser: juror)
            let code = try #require(JuryFixture.codes(in: try await juror.get("/jury").body).first)
            try await juror.get("/jury/affiches/\(code)")
            let stranger = Browser(client)
            try await stranger.get("/connexion")
            let foreign = try #require(stranger.csrfToken)
            let routes: [(String, String)] = [
                ("/jury/affiches/\(code)", "note_theme=5&note_message=5&note_creativite=5&note_graphisme=5&action=valider"),
                ("/jury/affiches/\(code)/coup-de-coeur", "valeur=1"),
            ]
            for (uri, fields) in routes {
                let (body, type) = Self.smuggled(fields)
                let page = try await juror.send(uri, method: .post, body: body, contentType: type)
                #expect(page.status == .unsupportedMediaType, "\(uri) answered \(page.status)")
                let form = fields.split(separator: "&").map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }
                for token in ["", "faux", foreign] {
                    #expect(try await juror.post(uri, form: form, csrf: token).status == .forbidden, "\(uri) with token «\(token)»")
                }
            }
            let database = try app.database()
            let jurorID = try #require(try database.user(email: "j@ac-creteil.fr")?.id)
            #expect(try database.ballots(editionId: 1, jurorId: jurorID).isEmpty)
            #expect(try database.favourites(editionId: 1, jurorId: jurorID).isEmpty)
        }
    }
}
