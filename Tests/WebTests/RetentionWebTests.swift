import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The console's « Données personnelles » page: purge through the web, what the palmarès keeps, a person's requests.
struct RetentionWebTests {
    /// Three judged entries, the first one awarded, published with the periods at 0 months (due at once).
    static func published(_ app: TestApp, client: any TestClientProtocol) async throws -> (organiser: Browser, ids: [Int64]) {
        let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
        try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
        let published = try await organiser.post("/organisation/editions/2022/etat", form: [("cible", "published")])
        #expect(published.status == .seeOther)
        return (organiser, ids)
    }

    static func immediate() throws -> TestApp {
        var app = try TestApp()
        app.config.retention = RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 0)
        return app
    }

    @Test func the_console_purges_what_is_due_and_the_palmares_keeps_its_images() async throws {
        let app = try Self.immediate()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.published(app, client: client)
            let database = try app.database()
            let before = try await organiser.get("/organisation/donnees")
            #expect(before.status == .ok)
            #expect(before.body.contains("Résultats publiés le samedi 2 avril 2022."))
            #expect(before.body.contains("à effacer depuis le samedi 2 avril 2022 (3 dépôts concernés)"))
            #expect(before.body.contains("Purger maintenant"))
            #expect(try await organiser.get("/organisation").body.contains("href=\"/organisation/donnees\""))

            // Without the confirmation: refused, with the error summary, nothing erased.
            let unconfirmed = try await organiser.post("/organisation/donnees/purge", form: [("annee", "2022")])
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.body.contains("id=\"resume-erreurs\"") && unconfirmed.body.contains("href=\"#confirmer-2022\""))
            #expect(unconfirmed.body.contains("Cochez la case pour confirmer la purge de l’édition 2022."))
            #expect(try database.entry(id: ids[1])?.details.teacherName == "Mme Durand")

            let done = try await organiser.post("/organisation/donnees/purge", form: [("annee", "2022"), ("confirmer", "oui")])
            #expect(done.status == .seeOther && done.location == "/organisation/donnees")
            let after = try await organiser.get("/organisation/donnees")
            #expect(after.body.contains("Édition 2022 purgée : 3 noms et e-mails d’encadrants effacés ; 2 originaux non primés supprimés (2 fichiers)."))
            #expect(after.body.contains("effacés le samedi 2 avril 2022 (3 dépôts)") && !after.body.contains("Purger maintenant"))

            // What went: names and e-mails everywhere, the two non-awarded originals.
            for id in ids {
                let entry = try #require(try database.entry(id: id))
                #expect(entry.details.teacherName.isEmpty && entry.details.teacherEmail.isEmpty)
            }
            let awarded = try #require(try database.entry(id: ids[0]))
            #expect(awarded.originalDeletedAt == nil && FileManager.default.fileExists(atPath: app.config.filesDirectory + "/" + awarded.poster.originalPath))
            let plain = try #require(try database.entry(id: ids[1]))
            #expect(plain.originalDeletedAt != nil && plain.poster.originalPath.isEmpty)
            let page = try await organiser.get("/organisation/depots/\(ids[1])")
            #expect(page.body.contains("Nom et e-mail : effacé le samedi 2 avril 2022") && !page.body.contains("Mme Durand"))
            #expect(page.body.contains("original supprimé le samedi 2 avril 2022") && !page.body.contains("/original\">"))
            let gone = try await organiser.get("/organisation/depots/\(ids[1])/original")
            #expect(gone.status == .gone && gone.body.contains("supprimé le samedi 2 avril 2022"))
            #expect(try await organiser.get("/organisation/depots/\(ids[0])/original").status == .ok)
            let csv = try await organiser.get("/organisation/editions/2022/export.csv")
            #expect(csv.status == .ok && csv.body.contains("effacé le samedi 2 avril 2022") && !csv.body.contains("durand@ac-creteil.fr"))

            // What stays: the palmarès with its images, previews of every entry, titles, ballots, the journal.
            let visitor = Browser(client)
            let palmares = try await visitor.get("/palmares/2022")
            #expect(palmares.status == .ok && palmares.body.contains("Lycée Paul Éluard") && palmares.body.contains("1<sup>er</sup> prix"))
            for id in ids {
                let code = try app.publicCode(id)
                #expect(try await organiser.get("/organisation/depots/\(id)/apercu").status == .ok)
                if id == ids[0] {
                    #expect(try await visitor.get("/palmares/2022/affiches/\(code)/vignette").status == .ok)
                    #expect(try await visitor.get("/palmares/2022/affiches/\(code)/affiche").status == .ok)
                }
            }
            #expect(try database.ballots(editionId: 1).count == 3)
            let journal = try await organiser.get("/organisation/journal")
            #expect(journal.body.contains("conservation") && journal.body.contains("Édition 2022 : 3 noms et e-mails d’encadrants effacés"))

            // Again: nothing is due.
            let again = try await organiser.post("/organisation/donnees/purge", form: [("annee", "2022"), ("confirmer", "oui")])
            #expect(again.status == .seeOther)
            #expect(try await organiser.get("/organisation/donnees").body.contains("Rien n’est à purger pour l’édition 2022."))
        }
    }

    @Test func only_organisers_reach_the_page_and_every_form_needs_its_token() async throws {
        let app = try Self.immediate()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, _) = try await Self.published(app, client: client)
            let visitor = Browser(client)
            let signedOut = try await visitor.get("/organisation/donnees")
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/connexion") == true)
            let invitation = try await JuryFixture.invite(organiser, name: "Jeanne Juré", email: "jeanne@ac-creteil.fr")
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: invitation, browser: juror)
            #expect(try await juror.get("/organisation/donnees").status == .forbidden)
            #expect(try await juror.post("/organisation/donnees/purge", form: [("annee", "2022"), ("confirmer", "oui")]).status == .forbidden)
            #expect(try await juror.post("/organisation/donnees/export", form: [("email", "durand@ac-creteil.fr")]).status == .forbidden)
            // A forged token: refused, nothing purged or exported.
            for path in ["/organisation/donnees/purge", "/organisation/donnees/export", "/organisation/donnees/effacement"] {
                let forged = try await organiser.post(
                    path, form: [("annee", "2022"), ("confirmer", "oui"), ("email", "durand@ac-creteil.fr")], csrf: "faux-jeton")
                #expect(forged.status == .forbidden, "\(path)")
            }
            #expect(try app.database().entry(id: 1)?.details.teacherName == "Mme Durand")
        }
    }

    @Test func a_person_gets_their_data_and_only_theirs() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await Self.published(app, client: client)
            let database = try app.database()
            let other = try #require(try database.entry(id: ids[2]))
            var details = other.details
            details.teacherName = "M. Autre"
            details.teacherEmail = "autre@ac-creteil.fr"
            try database.updateEntry(id: ids[2], details: details, categoryCode: other.categoryCode, maxPerCategory: 5, now: app.clock.now)
            _ = try await organiser.get("/organisation/donnees")

            let bad = try await organiser.post("/organisation/donnees/recherche", form: [("email", "pas-une-adresse")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("id=\"resume-erreurs\"") && bad.body.contains("href=\"#email\""))
            #expect(bad.body.contains("Saisissez une adresse e-mail valide") && bad.body.contains("aria-invalid=\"true\""))

            let found = try await organiser.post("/organisation/donnees/recherche", form: [("email", " Durand@AC-Creteil.fr ")])
            #expect(found.status == .ok && found.body.contains("Pour cette adresse : 2 dépôts."))
            #expect(found.body.contains("Exporter ses données (JSON)") && found.body.contains("Effacer ses données"))
            #expect(!found.body.contains("M. Autre"))

            let export = try await organiser.post("/organisation/donnees/export", form: [("email", "durand@ac-creteil.fr")])
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment;") == true && export.headers[.cacheControl] == "no-store")
            #expect(export.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let entries = try #require(json["entries"] as? [[String: Any]])
            #expect(entries.count == 2 && entries.allSatisfy { $0["teacherEmail"] as? String == "durand@ac-creteil.fr" })
            #expect(entries.contains { ($0["consent"] as? [String: Any])?["imageRights"] as? Bool == true })
            for secret in ["autre@ac-creteil.fr", "M. Autre", "tokenHash", "passwordHash", "$2", other.reference] {
                #expect(!export.body.contains(secret), "\(secret)")
            }
            let journal = try database.auditEvents().first { $0.action == "export sur demande" }
            #expect(journal?.details.contains("d•••@ac-creteil.fr") == true && journal?.details.contains("durand@") == false)

            // A juror's account: exported without a hash, then erased with the ballots kept.
            let jurorExport = try await organiser.post("/organisation/donnees/export", form: [("email", "j@ac-creteil.fr")])
            let account = try #require((try JSONSerialization.jsonObject(with: Data(jurorExport.body.utf8)) as? [String: Any])?["account"] as? [String: Any])
            #expect(account["role"] as? String == "juror" && account["ballotCount"] as? Int == 3 && account["passwordHash"] == nil)

            let unconfirmed = try await organiser.post("/organisation/donnees/effacement", form: [("email", "durand@ac-creteil.fr")])
            #expect(unconfirmed.status == .unprocessableContent && unconfirmed.body.contains("href=\"#confirmer-effacement\""))
            #expect(try database.entry(id: ids[0])?.details.teacherName == "Mme Durand")
            let erased = try await organiser.post("/organisation/donnees/effacement", form: [("email", "durand@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(erased.status == .seeOther)
            #expect(try await organiser.get("/organisation/donnees").body.contains("Effacement fait : 2 dépôts dont le nom et l’e-mail de l’encadrant sont effacés."))
            #expect(try database.entry(id: ids[0])?.details.teacherEmail == "" && (try database.entry(id: ids[2])?.details.teacherName) == "M. Autre")
            let jurorErased = try await organiser.post("/organisation/donnees/effacement", form: [("email", "j@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(jurorErased.status == .seeOther)
            #expect(try database.user(email: "j@ac-creteil.fr") == nil && (try database.ballots(editionId: 1).count) == 3)
            #expect(try await Browser(client).get("/palmares/2022").status == .ok)
        }
    }

    @Test func erasing_ones_own_account_is_refused_in_french_and_another_organiser_may_be_erased() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, _) = try await Self.published(app, client: client)
            _ = try await organiser.get("/organisation/donnees")
            let own = try await organiser.post("/organisation/donnees/recherche", form: [("email", "orga@ac-creteil.fr")])
            #expect(own.body.contains("Vous ne pouvez pas effacer votre propre compte") && !own.body.contains("Effacer ses données"))
            let refused = try await organiser.post("/organisation/donnees/effacement", form: [("email", "orga@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(refused.status == .conflict && refused.body.contains("id=\"resume-erreurs\""))
            #expect(try app.database().user(email: "orga@ac-creteil.fr") != nil)
            // Another organiser may erase the first one (the database refuses to erase the last organiser able to sign in).
            try app.database().insertUser(User(email: "second@ac-creteil.fr", displayName: "Second", role: .organiser, passwordHash: Passwords.hash("motdepasse-second")))
            let second = Browser(client)
            try await second.login(email: "second@ac-creteil.fr", password: "motdepasse-second")
            _ = try await second.get("/organisation/donnees")
            let last = try await second.post("/organisation/donnees/effacement", form: [("email", "orga@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(last.status == .seeOther, "two organisers can sign in: allowed")
            let alone = try await organiser.get("/organisation/donnees")
            #expect(alone.status == .seeOther, "the erased organiser is signed out")
            let self2 = try await second.post("/organisation/donnees/effacement", form: [("email", "second@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(self2.status == .conflict && self2.body.contains("propre compte"))
        }
    }

    @Test func the_settings_are_read_with_defaults_and_checked_at_start_up() throws {
        let shipped = try AppConfig.load(file: TestApp.projectRoot.appendingPathComponent("Config/concours.json").path)
        #expect(shipped.retention == RetentionPolicy(personalDataMonths: 12, nonAwardedOriginalsMonths: 12))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("concours-retention-config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"retention": {"nonAwardedOriginalsMonths": 0}}"#.utf8).write(to: directory)
        let partial = try AppConfig.load(file: directory.path)
        #expect(partial.retention == RetentionPolicy(personalDataMonths: 12, nonAwardedOriginalsMonths: 0))
        var bad = AppConfig()
        bad.retention.nonAwardedOriginalsMonths = 500
        #expect(throws: ConfigError.invalid("retention.nonAwardedOriginalsMonths doit être un nombre de mois entre 0 et 120 (reçu 500)")) { try bad.validate() }
        try Data(#"{"retention": {"personalDataMonths": "douze"}}"#.utf8).write(to: directory)
        #expect(throws: ConfigError.self) { try AppConfig.load(file: directory.path) }
    }

    @Test func the_private_page_says_when_the_teacher_was_erased() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            try app.seedEdition(state: .open)
            try SubmissionFixture.seedEstablishments(app)
            try app.seedOrganiser()
            let token = try await SubmissionFixture.submit(Browser(client))
            let organiser = Browser(client)
            try await organiser.login()
            _ = try await organiser.get("/organisation/donnees")
            let erased = try await organiser.post("/organisation/donnees/effacement", form: [("email", "durand@ac-creteil.fr"), ("confirmer", "oui")])
            #expect(erased.status == .seeOther)
            let page = try await Browser(client).get("/depot/\(token)")
            #expect(page.status == .ok && page.body.contains("Nom et e-mail : effacé le mardi 1er février 2022"))
            #expect(!page.body.contains("durand@ac-creteil.fr") && !page.body.contains("Mme Durand"))
        }
    }
}
