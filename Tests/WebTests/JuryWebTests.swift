import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

struct JuryWebTests {
    @Test func invitations_are_single_use_and_expire() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let link = try await JuryFixture.invite(organiser, name: "Juré Un", email: "jure1@ac-creteil.fr")
            let juror = Browser(client)
            let form = try await juror.get(link)
            #expect(form.status == .ok && form.body.contains("Juré Un"))
            let short = try await juror.post(link, form: [("password", "court"), ("password2", "court")])
            #expect(short.status == .unprocessableContent && short.body.contains("au moins 12 caractères"))
            try await JuryFixture.juror(client, invitation: link, browser: juror)
            // Used once: a second visit is refused.
            let again = try await Browser(client).get(link)
            #expect(again.status == .gone && again.body.contains("n’est plus valable"))
            // A re-issued link replaces the previous one, and expires after 14 days.
            let second = try await JuryFixture.invite(organiser, name: "Juré Deux", email: "jure2@ac-creteil.fr")
            let reissued = try await organiser.post("/organisation/jury/\(try app.database().user(email: "jure2@ac-creteil.fr")!.id!)/invitation", form: [])
            let third = try #require(reissued.body.firstMatch(of: /http:\/\/[^\/<"]+(\/invitation\/[A-Za-z0-9_-]+)/)?.1)
            #expect(try await Browser(client).get(second).status == .notFound)
            app.clock.now = app.clock.now.addingTimeInterval(15 * 86_400)
            #expect(try await Browser(client).get(String(third)).status == .gone)
        }
    }

    @Test func juror_pages_never_reveal_who_made_a_poster() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            let references = try await JuryFixture.prepare(app, client: organiser)
            try await organiser.login()
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr"), browser: juror)
            let home = try await juror.get("/jury")
            let codes = JuryFixture.codes(in: home.body)
            #expect(codes.count == 3)
            #expect(home.body.contains("0 / 3 notées"))
            var responses: [(String, Data)] = [("/jury", Data(home.body.utf8))]
            for code in codes {
                for path in ["/jury/affiches/\(code)", "/jury/affiches/\(code)/image", "/jury/affiches/\(code)/vignette"] {
                    let data = try await client.execute(uri: path, method: .get, headers: [.cookie: juror.cookieHeader()]) { response in
                        #expect(response.status == .ok, "\(path)")
                        #expect(response.headers[.contentDisposition] == nil)
                        return Data(buffer: response.body)
                    }
                    responses.append((path, data))
                }
            }
            let ids = try app.database().entries(editionId: 1).map { String($0.entry.id!) }
            // The site's own header and footer name the académie (« Académie de Créteil »), not a school's commune: they
            // are left out of the scan once checked to be the signed-out visitor's, less the account menu.
            let publicIdentity = Self.withoutSiteIdentity(try await Browser(client).get("/connexion").body).identity.last
            for (path, raw) in responses {
                let stripped = Self.withoutSiteIdentity(String(decoding: raw, as: UTF8.self))
                if !stripped.identity.isEmpty { #expect(stripped.identity.last == publicIdentity, "\(path): its footer differs") }
                let data = stripped.identity.isEmpty ? raw : Data(stripped.page.utf8)
                let text = String(decoding: data, as: UTF8.self)
                for secret in JuryFixture.secrets + references {
                    #expect(data.range(of: Data(secret.utf8)) == nil, "\(path) leaks \(secret)")
                }
                // No database id or organiser URL in links.
                #expect(!text.contains("/organisation/depots") && !text.contains("/depot/"), "\(path)")
                for id in ids { #expect(!text.contains("/affiches/\(id)\""), "\(path)") }
            }
        }
    }

    @Test func scores_are_validated_saved_as_drafts_and_submitted() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr"), browser: juror)
            let code = try #require(JuryFixture.codes(in: try await juror.get("/jury").body).first)
            let form = try await juror.get("/jury/affiches/\(code)")
            #expect(form.body.contains("Respect du thème") && form.body.contains("name=\"note_theme\" value=\"5\""))
            // A fresh form flags nothing, and the first poster has no "previous" link.
            #expect(!form.body.contains("aria-invalid") && !form.body.contains("field-error"))
            let outOfScale = try await juror.post("/jury/affiches/\(code)", form: [("note_theme", "7"), ("action", "valider")])
            #expect(outOfScale.status == .unprocessableContent)
            #expect(outOfScale.body.contains("La note de « Respect du thème » doit être un nombre entier de 0 à 5."))
            #expect(outOfScale.body.contains("Donnez une note pour « Force du message »."))
            let draft = try await juror.post("/jury/affiches/\(code)", form: [("note_theme", "4"), ("action", "brouillon")])
            #expect(draft.status == .seeOther && draft.location == "/jury/affiches/\(code)")
            let full = [("note_theme", "4"), ("note_message", "3"), ("note_creativite", "5"), ("note_graphisme", "2"), ("commentaire", "Bonne idée.")]
            let submitted = try await juror.post("/jury/affiches/\(code)", form: full + [("action", "valider")])
            #expect(submitted.status == .seeOther && submitted.location != "/jury/affiches/\(code)")
            #expect(try await juror.get("/jury").body.contains("1 / 3 notées"))
            // Forged post: refused.
            let forged = try await juror.post("/jury/affiches/\(code)", form: full + [("action", "valider")], csrf: "faux")
            #expect(forged.status == .forbidden)
            // Organisers see the progress, and the scores and comment on the entry's page.
            let board = try await organiser.get("/organisation/editions/2022/jury")
            #expect(board.status == .ok && board.body.contains("1 / 3"))
            let entryID = try app.database().entry(anonymousCode: code)!.id!
            let entryPage = try await organiser.get("/organisation/depots/\(entryID)")
            #expect(entryPage.body.contains("Notes du jury") && entryPage.body.contains("Bonne idée.") && entryPage.body.contains("Créativité : 5"))
            // Once the phase is over, scores are read-only.
            let edition = try app.database().edition(year: 2022)!
            try app.database().moveEdition(id: edition.id!, to: .deliberation, now: app.clock.now)
            let late = try await juror.post("/jury/affiches/\(code)", form: full + [("action", "valider")])
            #expect(late.status == .forbidden && late.body.contains("close"))
            let readOnly = try await juror.get("/jury/affiches/\(code)")
            #expect(readOnly.status == .ok && readOnly.body.contains("disabled") && !readOnly.body.contains("Valider ma notation"))
        }
        let ballots = try app.database().ballots(editionId: 1)
        #expect(ballots.count == 1 && ballots[0].submitted && ballots[0].scores["creativite"] == 5 && ballots[0].comment == "Bonne idée.")
    }

    @Test func a_juror_reads_and_writes_only_their_own_scores_and_nothing_of_organisers() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let a = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "A", email: "a@ac-creteil.fr"), browser: a)
            let b = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "B", email: "b@ac-creteil.fr"), browser: b)
            let code = try #require(JuryFixture.codes(in: try await a.get("/jury").body).first)
            let full = [("note_theme", "5"), ("note_message", "5"), ("note_creativite", "5"), ("note_graphisme", "5"), ("commentaire", "Secret de A")]
            try await a.post("/jury/affiches/\(code)", form: full + [("action", "valider")])
            let seenByB = try await b.get("/jury/affiches/\(code)")
            #expect(!seenByB.body.contains("Secret de A") && !seenByB.body.contains("checked"))
            try await b.post("/jury/affiches/\(code)", form: [("note_theme", "1"), ("action", "brouillon")])
            // Jurors cannot reach organiser pages; visitors cannot reach the jury.
            #expect(try await a.get("/organisation").status == .forbidden)
            #expect(try await a.get("/organisation/editions/2022/jury").status == .forbidden)
            #expect(try await a.post("/organisation/jury", form: [("nom", "X"), ("email", "x@ac-creteil.fr")]).status == .forbidden)
            #expect(try await Browser(client).get("/jury").status == .seeOther)
            #expect(try await organiser.get("/jury").status == .forbidden)
        }
        let database = try app.database()
        let aID = try database.user(email: "a@ac-creteil.fr")!.id!
        let bID = try database.user(email: "b@ac-creteil.fr")!.id!
        let aBallot = try #require(try database.ballots(editionId: 1, jurorId: aID).first)
        #expect(aBallot.scores["theme"] == 5 && aBallot.submitted)
        let bBallot = try #require(try database.ballots(editionId: 1, jurorId: bID).first)
        #expect(bBallot.scores == ["theme": 1] && !bBallot.submitted)
    }

    @Test func conflicts_hide_entries_and_set_earlier_scores_aside() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            // Declared by the organiser at creation: the juror never sees that establishment's poster.
            let linked = Browser(client)
            let link = try await JuryFixture.invite(organiser, name: "Lié", email: "lie@ac-creteil.fr", conflicts: "0951099D")
            try await JuryFixture.juror(client, invitation: link, browser: linked)
            let codes = JuryFixture.codes(in: try await linked.get("/jury").body)
            let database = try app.database()
            let moulinCode = try database.entries(editionId: 1).first { $0.establishment.uai.code == "0951099D" }!.entry.anonymousCode
            #expect(codes.count == 2 && !codes.contains(moulinCode))
            #expect(try await linked.get("/jury/affiches/\(moulinCode)").status == .notFound)
            #expect(try await linked.get("/jury/affiches/\(moulinCode)/image").status == .notFound)
            // Scored first, conflict added afterwards: the score is set aside, not counted.
            let other = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Autre", email: "autre@ac-creteil.fr"), browser: other)
            let full = [("note_theme", "5"), ("note_message", "5"), ("note_creativite", "5"), ("note_graphisme", "5"), ("action", "valider")]
            try await other.post("/jury/affiches/\(moulinCode)", form: full)
            let before = try await organiser.get("/organisation/editions/2022/jury")
            #expect(before.body.contains("<strong>5,00</strong>"))
            let otherID = try database.user(email: "autre@ac-creteil.fr")!.id!
            try await organiser.post("/organisation/jury/\(otherID)/conflits", form: [("uai", "0951099D")])
            let after = try await organiser.get("/organisation/editions/2022/jury")
            #expect(after.body.contains("1 notation écartée pour conflit d’intérêts"))
            #expect(!after.body.contains("<strong>5,00</strong>"))
            #expect(try await other.get("/jury/affiches/\(moulinCode)").status == .notFound)
            // Removing the conflict counts the score again.
            try await organiser.post("/organisation/jury/\(otherID)/conflits/retrait", form: [("uai", "0951099D")])
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("<strong>5,00</strong>"))
        }
    }

    @Test func a_juror_can_declare_conflicts_when_accepting_and_be_disabled() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let link = try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr")
            let juror = Browser(client)
            try await juror.get(link)
            let bad = try await juror.post(link, form: [("password", "un-mot-de-passe-sûr"), ("password2", "un-mot-de-passe-sûr"), ("conflits", "0951099E")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("« D »"))
            let ok = try await juror.post(link, form: [("password", "un-mot-de-passe-sûr"), ("password2", "un-mot-de-passe-sûr"), ("conflits", "0930001W, 0940001R")])
            #expect(ok.status == .seeOther)
            #expect(JuryFixture.codes(in: try await juror.get("/jury").body).count == 1)
            let id = try app.database().user(email: "j@ac-creteil.fr")!.id!
            try await organiser.post("/organisation/jury/\(id)/acces", form: [])
            #expect(try await juror.get("/jury").status == .seeOther)
        }
    }
}

extension JuryWebTests {
    @Test func the_new_jurors_link_is_shown_once_not_in_every_row() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let first = try await JuryFixture.invite(organiser, name: "Juré Un", email: "jure1@ac-creteil.fr")
            // Juré Un accepts: his row has no pending invitation, the key that once fell back to the page's.
            try await JuryFixture.juror(client, invitation: first, browser: Browser(client))
            let page = try await organiser.post("/organisation/jury", form: [("nom", "Juré Deux"), ("email", "jure2@ac-creteil.fr"), ("conflits", "")])
            let link = try #require(page.body.firstMatch(of: /http:\/\/[^\/<"]+\/invitation\/[A-Za-z0-9_-]+/).map { String($0.output) })
            #expect(page.body.components(separatedBy: link).count - 1 == 1, "in the link box only (the e-mail draft has it encoded)")
            #expect(!page.body.contains("[\"") && !page.body.contains("AnyHashable"))
        }
    }

    /// The page without the layout's header block and footer, which name the publisher (« Académie de Créteil ») on
    /// every page; the blocks removed are returned too, so that a test can check they are the same as a public page's.
    static func withoutSiteIdentity(_ html: String) -> (page: String, identity: [String]) {
        var page = html
        var identity: [String] = []
        for (open, close) in [("<header class=\"site-header\">", "</header>"), ("<footer class=\"site-footer\">", "</footer>")] {
            guard let start = page.range(of: open), let end = page.range(of: close, range: start.upperBound..<page.endIndex) else { continue }
            identity.append(String(page[start.lowerBound..<end.upperBound]).replacingOccurrences(of: "\u{00A0}", with: " "))
            page.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return (page, identity)
    }
}
