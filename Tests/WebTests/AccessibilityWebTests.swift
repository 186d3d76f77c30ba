import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// Page bugs found in a real browser and the RGAA patterns, checked on the HTML of the demo in its phases.
@Suite(.serialized)
struct AccessibilityWebTests {
    /// A demo app in `phase`, as `serve --demo --demo-phase` seeds it.
    static func demo(_ phase: DemoSeeder.Phase) async throws -> TestApp {
        let app = try TestApp(now: Date())
        let seeder = DemoSeeder(database: try app.database(), files: try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory)), config: app.config)
        _ = try await seeder.seedIfEmpty(
            editionFile: TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json"), now: Date(), phase: phase)
        return app
    }

    static func organiser(_ client: any TestClientProtocol) async throws -> Browser {
        let browser = Browser(client)
        _ = try await browser.login(email: DemoSeeder.organiserEmail, password: DemoSeeder.organiserPassword)
        return browser
    }

    @Test func every_organiser_table_scrolls_inside_a_keyboard_reachable_region() async throws {
        let app = try await Self.demo(.deliberation)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await Self.organiser(client)
            for uri in [
                "/organisation", "/organisation/editions/2022/depots", "/organisation/depots/1", "/organisation/etablissements?q=Cr%C3%A9teil",
                "/organisation/journal", "/organisation/jury", "/organisation/editions/2022/jury", "/organisation/editions/2022/deliberation",
            ] {
                let body = try await organiser.get(uri).body
                let tables = body.components(separatedBy: "<table").count - 1
                let regions = body.components(separatedBy: "<div class=\"table-scroll\" role=\"region\" aria-label=\"").count - 1
                #expect(tables > 0 && tables == regions, "\(uri): \(tables) tables, \(regions) focusable regions")
                #expect(body.components(separatedBy: "tabindex=\"0\">\n").count - 1 >= tables, "\(uri)")
            }
            // Warnings are told in words, not by a sign or a colour alone.
            let dashboard = try await organiser.get("/organisation/editions/2022/jury").body
            #expect(!dashboard.contains(" ⚠<") && !dashboard.contains(" ✔<"))
        }
    }

    @Test func the_sign_in_field_is_a_username_that_axe_accepts() async throws {
        let app = try await Self.demo(.depots)
        defer { app.cleanUp() }
        try await app.test { client in
            let page = try await Browser(client).get("/connexion").body
            #expect(page.contains("id=\"email\" name=\"email\" type=\"text\" inputmode=\"email\""))
            #expect(page.contains("autocomplete=\"username\"") && !page.contains("type=\"email\" autocomplete=\"username\""))
        }
    }

    @Test func forms_sent_back_with_errors_have_a_summary_a_title_and_their_values() async throws {
        let app = try await Self.demo(.depots)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await Self.organiser(client)
            try await organiser.get("/organisation/jury")
            let juror = try await organiser.post("/organisation/jury", form: [("nom", "Juré sans adresse"), ("email", "pas-une-adresse")])
            #expect(juror.status == .unprocessableContent)
            #expect(juror.body.contains("<title>Erreur : Jury"))
            #expect(juror.body.contains("id=\"resume-erreurs\"") && juror.body.contains("<a href=\"#email\">"))
            #expect(juror.body.contains("value=\"Juré sans adresse\""))
            try await organiser.get("/organisation/editions/2022")
            let settings = try await organiser.post("/organisation/editions/2022/parametres", form: [("max", "0"), ("quorum", "2")])
            #expect(settings.status == .unprocessableContent)
            #expect(settings.body.contains("<title>Erreur : 8e édition") && settings.body.contains("<a href=\"#max\">"))
            #expect(settings.body.contains("id=\"max\" name=\"max\" type=\"number\" min=\"1\" max=\"20\" value=\"0\""))
            try await organiser.get("/organisation/etablissements")
            let csv = try await organiser.postMultipart("/organisation/etablissements/import", fields: [], file: nil)
            #expect(csv.status == .unprocessableContent && csv.body.contains("<title>Erreur : Établissements"))
            #expect(csv.body.contains("id=\"resume-erreurs\"") && csv.body.contains("<a href=\"#annuaire\">"))
            let created = try await organiser.post("/organisation/jury", form: [("nom", "Juré invité"), ("email", "invite@ac-test.fr")])
            let token = try #require(created.body.firstMatch(of: /\/invitation\/([A-Za-z0-9_-]+)/)?.1)
            let invited = Browser(client)
            try await invited.get("/invitation/\(token)")
            let refused = try await invited.post("/invitation/\(token)", form: [("password", "court"), ("password2", "court"), ("conflits", "0940389M")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<title>Erreur : Invitation au jury") && refused.body.contains("<a href=\"#password\">"))
            #expect(refused.body.contains("value=\"0940389M\""))
            let visitor = Browser(client)
            try await visitor.get("/connexion")
            let login = try await visitor.post("/connexion", form: [("email", DemoSeeder.organiserEmail), ("password", "mauvais")])
            #expect(login.status == .unauthorized && login.body.contains("<title>Erreur : Connexion") && login.body.contains("id=\"resume-erreurs\""))
            #expect(login.body.contains("value=\"\(DemoSeeder.organiserEmail)\""))
        }
    }

    @Test func a_refused_prize_or_tie_order_shows_the_page_again_with_the_summary_and_the_values() async throws {
        let app = try await Self.demo(.deliberation)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await Self.organiser(client)
            let page = try await organiser.get("/organisation/editions/2022/deliberation").body
            let id = try #require(page.firstMatch(of: /class="award-form">\s*<input type="hidden" name="_csrf" value="[^"]*"><input type="hidden" name="depot" value="(\d+)"/)?.1)
            let refused = try await organiser.post(
                "/organisation/editions/2022/prix", form: [("depot", String(id)), ("prix", ""), ("motif", "Mon motif"), ("classement", "brut")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<title>Erreur : Délibération — 2022"))
            #expect(refused.body.contains("id=\"resume-erreurs\"") && refused.body.contains("<a href=\"#prix-\(id)\">Choisissez le prix"))
            #expect(refused.body.contains("aria-describedby=\"erreur-prix-\(id)\"") && refused.body.contains("value=\"Mon motif\""))
        }
    }

    @Test func a_published_edition_offers_no_settings_to_save() async throws {
        let app = try await Self.demo(.palmares)
        defer { app.cleanUp() }
        try await app.test { client in
            let page = try await Self.organiser(client).get("/organisation/editions/2022").body
            #expect(!page.contains("Enregistrer les paramètres"))
            #expect(page.contains("Les paramètres ne changent plus à cette étape."))
        }
    }

    @Test func the_demo_home_page_tells_the_phase_it_is_in() async throws {
        let app = try await Self.demo(.palmares)
        defer { app.cleanUp() }
        try await app.test { client in
            let home = try await Browser(client).get("/").body
            #expect(!home.contains("ouverts aujourd’hui"))
            #expect(home.contains("l’édition est à l’étape «&nbsp;Résultats publiés&nbsp;»"))
        }
    }

    @Test func a_closed_jury_shows_scores_read_only_with_the_chosen_value_and_no_drafts_to_finish() async throws {
        let app = try await Self.demo(.deliberation)
        defer { app.cleanUp() }
        try await app.test { client in
            let juror = Browser(client)
            _ = try await juror.login(email: DemoSeeder.jurors[1].email, password: DemoSeeder.jurorPassword)
            let list = try await juror.get("/jury").body
            #expect(!list.contains(">À noter<") && !list.contains(">Brouillon<"))
            let code = try #require(list.firstMatch(of: /href="\/jury\/affiches\/([A-Z0-9-]+)"/)?.1)
            let page = try await juror.get("/jury/affiches/\(code)").body
            #expect(page.contains("class=\"scale-option chosen\""))
            #expect(page.contains("<p class=\"score-readonly\">Votre note&nbsp;: <strong>") && page.contains(" sur 5</strong>"))
            #expect(!page.contains("Enregistrer le brouillon"))
        }
    }
}
