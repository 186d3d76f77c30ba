import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

struct FoundationWebTests {
    @Test func home_page_shows_the_2022_edition_in_french() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try await app.test { client in
            let page = try await Browser(client).get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.contains("<html lang=\"fr\">"))
            #expect(page.body.contains("« Autonomies, Mobilités et Persévérance »"))
            #expect(page.body.contains("du lundi 11 au samedi 16 avril 2022"))
            #expect(page.body.contains("jeudi 31 mars 2022 à 23 h 59"))
            #expect(page.body.contains("vendredi 8 avril 2022"))
            #expect(page.body.contains("Déposer une affiche"))
        }
    }

    @Test func organiser_logs_in_and_the_session_survives_a_restart() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try app.seedOrganiser()
        let cookies = try await app.test { client in
            let browser = Browser(client)
            let page = try await browser.login()
            #expect(page.status == .seeOther && page.location == "/organisation")
            let home = try await browser.get("/organisation")
            #expect(home.status == .ok && home.body.contains("Espace organisation") && home.body.contains("Dépôts ouverts"))
            return browser.cookies
        }
        // A new application on the same data folder still knows the session.
        try await app.test { client in
            let browser = Browser(client)
            for (name, value) in cookies { browser.setCookie(name, value) }
            let home = try await browser.get("/organisation")
            #expect(home.status == .ok && home.body.contains("Espace organisation"))
            // Logging out ends it for good.
            let out = try await browser.post("/deconnexion", form: [])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/organisation")
            #expect(after.status == .seeOther && after.location?.hasPrefix("/connexion") == true)
        }
    }

    @Test func wrong_password_and_unknown_account_get_the_same_answer() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let wrong = try await Browser(client).login(password: "pas-le-bon-mot")
            let unknown = try await Browser(client).login(email: "personne@ac-creteil.fr")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body.contains("Adresse e-mail ou mot de passe incorrect."))
            #expect(unknown.body.contains("Adresse e-mail ou mot de passe incorrect."))
        }
    }

    @Test func repeated_wrong_passwords_slow_the_client_with_growing_waits() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            for _ in 0..<4 { #expect(try await Browser(client).login(password: "mauvais-mot-de-passe").status == .unauthorized) }
            let slowed = try await Browser(client).login()
            #expect(slowed.status == .tooManyRequests && slowed.body.contains("Trop de tentatives"))
            #expect(slowed.headers[.retryAfter] == "2")
            app.clock.now = app.clock.now.addingTimeInterval(3)
            #expect(try await Browser(client).login().status == .seeOther)
        }
    }

    @Test func forms_without_the_csrf_token_are_refused() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/connexion")
            let forged = try await browser.post("/connexion", form: [("email", "orga@ac-creteil.fr"), ("password", "motdepasse-solide")], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("Le formulaire a expiré"))
            // No cookie at all (a cross-site post): refused too.
            let stranger = Browser(client)
            let noCookie = try await stranger.post("/connexion", form: [("email", "orga@ac-creteil.fr"), ("password", "motdepasse-solide")], csrf: "x")
            #expect(noCookie.status == .forbidden)
            #expect(stranger.cookies["concours_session"] == nil)
        }
    }

    @Test func organiser_area_is_closed_to_visitors() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition()
        try await app.test { client in
            let page = try await Browser(client).get("/organisation/editions/2022")
            #expect(page.status == .seeOther)
            #expect(page.location == "/connexion?suite=%2Forganisation%2Feditions%2F2022")
            let post = try await Browser(client).post("/organisation/editions/2022/etat", form: [("cible", "closed")])
            #expect(post.status == .forbidden || post.status == .unauthorized)
        }
        #expect(try app.database().edition(year: 2022)?.state == .open)
    }

    @Test func organiser_moves_the_edition_and_illegal_moves_are_explained() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try app.seedOrganiser()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.login()
            let refused = try await browser.post("/organisation/editions/2022/etat", form: [("cible", "published")])
            #expect(refused.status == .seeOther)
            let page = try await browser.get("/organisation/editions/2022")
            #expect(page.body.contains("Impossible de passer de « Dépôts ouverts » à « Résultats publiés »"))
            try await browser.post("/organisation/editions/2022/etat", form: [("cible", "closed")])
            let closed = try await browser.get("/organisation/editions/2022")
            #expect(closed.body.contains("L’édition est passée à l’étape « Dépôts clos »."))
        }
        #expect(try app.database().edition(year: 2022)?.state == .closed)
    }

    @Test func unknown_pages_get_a_french_404() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let page = try await Browser(client).get("/nulle-part")
            #expect(page.status == .notFound)
            #expect(page.body.contains("Cette page n’existe pas."))
        }
    }

    @Test func demo_seeding_fills_an_empty_folder_once() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let database = try app.database()
        let seeder = DemoSeeder(database: database, files: try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory)), config: app.config)
        let file = TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json")
        let now = Date()
        let first = try await seeder.seedIfEmpty(editionFile: file, now: now)
        #expect(first.seeded && first.establishments >= 30 && first.edition?.state == .open)
        #expect(first.entries == DemoSeeder.entries.count)
        #expect(try await seeder.seedIfEmpty(editionFile: file, now: now).seeded == false)
        let edition = try #require(first.edition)
        #expect(edition.submissionOpensAt < now && edition.submissionDeadline > now)
        for establishment in DemoSeeder.establishments { #expect(["77", "93", "94"].contains(establishment.departement)) }
    }
}

struct DemoPhaseTests {
    @Test func the_palmares_demo_publishes_prizes_that_follow_the_ranking() async throws {
        let app = try TestApp(now: Date())
        defer { app.cleanUp() }
        let database = try app.database()
        let seeder = DemoSeeder(database: database, files: try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory)), config: app.config)
        let file = TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json")
        let summary = try await seeder.seedIfEmpty(editionFile: file, now: Date(), phase: .palmares)
        #expect(summary.edition?.state == .published)
        let awards = try database.awards(editionId: summary.edition!.id!)
        #expect(awards.contains { $0.prizeCode == "premier" && $0.categoryCode == "college" })
        #expect(awards.contains { $0.prizeCode == "coeur" })
        app.clock.now = Date()
        try await app.test { client in
            let page = try await Browser(client).get("/palmares/2022")
            #expect(page.status == .ok && page.body.contains("1<sup>er</sup> prix") && page.body.contains("Coup de cœur"))
            // Demo jurors can sign in and find their scores read-only.
            let juror = Browser(client)
            let login = try await juror.login(email: "jury2@demo.concours.fr", password: DemoSeeder.jurorPassword)
            #expect(login.location == "/jury")
            #expect(try await juror.get("/jury").body.contains("La phase d’évaluation est close"))
        }
    }
}

struct EstablishmentImportWebTests {
    @Test func organisers_import_the_directory_from_the_browser() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.login()
            let csv = """
                Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;Code_departement
                0951099D;Collège Jean Moulin;Collège;Sarcelles;095
                0951099E;Mauvaise lettre;Collège;Sarcelles;095
                """
            let page = try await browser.postMultipart(
                "/organisation/etablissements/import", fields: [],
                file: Browser.FilePart(field: "annuaire", filename: "annuaire.csv", contentType: "text/csv", data: Data(csv.utf8)))
            #expect(page.status == .ok)
            #expect(page.body.contains("1 importé, 0 mis à jour, 0 inchangé, 1 rejeté"))
            #expect(page.body.contains("Ligne 3&nbsp;: Le code UAI « 0951099E » est invalide : la lettre de contrôle attendue est « D »."))
            let bad = try await browser.postMultipart(
                "/organisation/etablissements/import", fields: [],
                file: Browser.FilePart(field: "annuaire", filename: "photo.csv", contentType: "text/csv", data: Data("x;y\n1;2\n".utf8)))
            #expect(bad.status == .unprocessableContent && bad.body.contains("Colonnes manquantes"))
            let journal = try await browser.get("/organisation/journal")
            #expect(journal.body.contains("Import de « annuaire.csv »"))
            // Visitors cannot import.
            let visitor = Browser(client)
            try await visitor.get("/")
            let refused = try await visitor.postMultipart(
                "/organisation/etablissements/import", fields: [],
                file: Browser.FilePart(field: "annuaire", filename: "a.csv", contentType: "text/csv", data: Data(csv.utf8)))
            #expect(refused.status == .unauthorized || refused.status == .forbidden)
        }
        #expect(try app.database().establishmentCount() == 1)
    }
}

extension EstablishmentImportWebTests {
    /// The directory is parsed and imported off the threads that serve requests: while two organisers import the national
    /// export, a visitor's page is answered at once. (Inline, the two imports held both of Swift's cooperative threads
    /// and the home page waited until one was done.)
    @Test func imports_being_parsed_do_not_hold_up_other_requests() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        app.config.trustedProxies = ["127.0.0.1"]
        try app.seedOrganiser()
        // 15,000 valid rows (a national export has about 60,000).
        var csv = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;Code_departement\n"
        for number in 0..<15_000 {
            let departement = number % 95 + 1
            let digits = String(format: "0%02d%04d", departement, number / 95)
            csv += "\(digits)\(UAI.checkLetter(for: digits)!);Collège numéro \(number);Collège;Commune \(number % 300);0\(String(format: "%02d", departement))\n"
        }
        let data = Data(csv.utf8)
        try await app.testLive { client in
            let port = try #require(client.port)
            // Both imports are being parsed by now (signed in and uploaded well within this).
            let order = try await CompletionOrder.homePage(amid: 2, as: "import", port: port, after: .milliseconds(700)) { organiser, _ in
                #expect(try await organiser.signIn(password: "motdepasse-solide") == .seeOther)
                let token = try await organiser.token(from: "/organisation/etablissements")
                let (body, type) = Browser.multipart(
                    [("_csrf", token)], file: Browser.FilePart(field: "annuaire", filename: "annuaire.csv", contentType: "text/csv", data: data))
                let page = try await organiser.send("/organisation/etablissements/import", method: .post, body: body, contentType: type)
                #expect(page.status == .ok)
            }
            #expect(order.first == "accueil", "order: \(order)")
        }
        #expect(try app.database().establishmentCount() == 15_000)
    }
}

struct EditionSettingsWebTests {
    @Test func organisers_move_the_deadline_and_the_rules_are_checked() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try app.seedOrganiser()
        try await app.test { client in
            let browser = Browser(client)
            try await browser.login()
            let page = try await browser.get("/organisation/editions/2022")
            #expect(page.body.contains("value=\"2022-03-31T23:59\""))
            func settings(_ deadline: String, quorum: String = "4") -> [(String, String)] {
                [("ouverture", "2022-01-10T08:00"), ("limite", deadline), ("code", "PERSEVERER"), ("max", "3"), ("quorum", quorum),
                 ("ecart", "35"), ("minimum", "5")]
            }
            let past = try await browser.post("/organisation/editions/2022/parametres", form: settings("2022-01-20T12:00"))
            #expect(past.status == .unprocessableContent && past.body.contains("la date limite doit rester dans le futur"))
            let unreadable = try await browser.post("/organisation/editions/2022/parametres", form: settings("bientôt", quorum: "0"))
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.body.contains("Date limite illisible") && unreadable.body.contains("Indiquez un nombre de 1 à 50."))
            let saved = try await browser.post("/organisation/editions/2022/parametres", form: settings("2022-04-07T18:00"))
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/organisation/journal").body.contains("Édition 2022 : dépôts du lundi 10 janvier 2022 à 8 h 00 au jeudi 7 avril 2022 à 18 h 00"))
        }
        let edition = try #require(try app.database().edition(year: 2022))
        #expect(ParisTime.localISO(edition.submissionDeadline) == "2022-04-07T18:00:00")
        #expect(edition.accessCode == "PERSEVERER" && edition.maxEntriesPerEstablishmentAndCategory == 3)
        #expect(edition.jury.quorum == 4 && edition.jury.disagreementShare == 0.35 && edition.state == .open)
    }
}

extension FoundationWebTests {
    @Test func the_demo_at_scale_fills_eligible_scored_entries_from_fitting_establishments() async throws {
        let app = try TestApp(now: Date())
        defer { app.cleanUp() }
        let database = try app.database()
        let seeder = DemoSeeder(database: database, files: try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory)), config: app.config)
        let file = TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json")
        let summary = try await seeder.seedIfEmpty(editionFile: file, now: Date(), phase: .jury, totalEntries: 61)
        #expect(summary.entries == 61)
        let editionID = try #require(summary.edition?.id)
        let listings = try database.entries(editionId: editionID)
        #expect(listings.count == 61)
        #expect(Set(listings.map(\.entry.reference)).count == 61)
        #expect(Set(listings.map(\.entry.anonymousCode)).count == 61)
        #expect(summary.establishments == (try database.establishmentCount()))
        let generated = listings.filter { $0.establishment.name.contains("de démonstration") }
        #expect(generated.count == 61 - DemoSeeder.generatedPosters)
        for listing in generated {
            #expect(listing.entry.eligibility == .eligible)
            let expected: EstablishmentType = listing.entry.categoryCode == "college" ? .college : listing.entry.categoryCode == "lycee" ? .lycee : .dispositif
            #expect(listing.establishment.type == expected, "\(listing.entry.reference)")
        }
        // No establishment goes past the edition's limit in a category.
        let perSchool = Dictionary(grouping: generated) { "\($0.establishment.uai.code)/\($0.entry.categoryCode)" }
        #expect(perSchool.values.allSatisfy { $0.count <= (summary.edition?.maxEntriesPerEstablishmentAndCategory ?? 0) })
        let jury2 = try #require(try database.user(email: DemoSeeder.jurors[1].email)?.id)
        #expect(try database.ballots(editionId: editionID, jurorId: jury2).count >= generated.count)
    }
}
