import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import Web

/// The site an académie can put its name on: identity block and footer, legal pages from the configured identity, the
/// versioned règlement recorded on each entry, the declarations of the form, the palmarès' decision notice.
struct LegalWebTests {
    static let legalPaths = ["/mentions-legales", "/donnees-personnelles", "/accessibilite", "/reglement", "/reglement/2022", "/modeles",
        "/modeles/droits-auteur", "/modeles/droit-image"]

    @Test func every_page_carries_the_identity_block_the_footer_links_and_a_title_ending_with_the_site_name() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            for path in ["/", "/participer", "/connexion", "/palmares"] + Self.legalPaths {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("<span class=\"republic\">République française</span>"), "\(path)")
                #expect(page.body.contains("Académie de Créteil"), "\(path)")
                #expect(page.body.contains("Pôle persévérance et lutte contre le décrochage scolaire"), "\(path)")
                for link in ["href=\"/mentions-legales\"", "href=\"/donnees-personnelles\"", "href=\"/accessibilite\"", "href=\"/reglement\"", "href=\"/modeles\""] {
                    #expect(page.body.contains(link), "\(path) lacks \(link)")
                }
                #expect(page.body.contains(">Accessibilité : non conforme</a>"), "\(path)")
                let title = try #require(page.body.firstMatch(of: /<title>([^<]*)<\/title>/)?.1, "\(path)")
                #expect(title.hasSuffix(" — Concours d’affiches de la Semaine de la persévérance scolaire"), "\(path): \(title)")
                #expect(!page.body.contains("<p class=\"breadcrumb\""), "\(path): the breadcrumb is a nav")
            }
            #expect(try await browser.get("/mentions-legales").body.contains("<nav class=\"breadcrumb\" aria-label=\"Fil d’Ariane\">"))
        }
    }

    @Test func the_legal_pages_state_what_the_law_asks_for_the_shipped_academie() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            let notice = try await browser.get("/mentions-legales").body
            for fact in ["Rectorat de l’académie de Créteil", "4, rue Georges-Enesco", "Directeur de la publication", "Hébergement", "concours_session", "au plus 12 heures"] {
                #expect(notice.contains(fact), "mentions légales: \(fact)")
            }
            let privacy = try await browser.get("/donnees-personnelles").body
            for fact in [
                "Responsable du traitement", "dpd@ac-creteil.fr", "mission d’intérêt public", "consentement", "Destinataires",
                "effacés 12 mois après la publication du palmarès", "www.cnil.fr/fr/plaintes", "3, place de Fontenoy", "tous obligatoires sauf mention contraire",
                "l’accord pour la galerie publique (facultatif)", "aucun nom d’élève n’est demandé",
            ] {
                #expect(privacy.contains(fact), "données personnelles: \(fact)")
            }
            let accessibility = try await browser.get("/accessibilite").body
            for fact in ["Ce site est non conforme", "RGAA), version 4.1", "Contenus non accessibles", "Défenseur des droits", "Libre réponse 71120", "mercredi 2 décembre 2026"] {
                #expect(accessibility.contains(fact), "accessibilité: \(fact)")
            }
            let forms = try await browser.get("/modeles/droits-auteur").body
            #expect(forms.contains("le droit de reproduction") && forms.contains("le droit de représentation") && forms.contains("le droit d’adaptation, limité aux changements de format"))
            #expect(forms.contains("Représentant légal 1") && forms.contains("Imprimez cette page"))
            #expect(try await browser.get("/modeles/droit-image").body.contains("Inutile si personne n’est reconnaissable"))
        }
    }

    @Test func the_identity_and_accessibility_status_come_from_the_configured_file_and_a_wrong_one_is_refused() async throws {
        var app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        let file = app.directory.appendingPathComponent("identite.json")
        try Data(
            #"{"academy": "Académie de Lyon", "region": "", "contactEmail": "concours@ac-lyon.fr", "accessibility": {"status": "partiellement conforme", "conformityRate": 62}}"#
                .utf8
        ).write(to: file)
        app.config.identityFile = file.path
        app.config.retention = RetentionPolicy(personalDataMonths: 24, nonAwardedOriginalsMonths: 0)
        try await app.test { client in
            let browser = Browser(client)
            let home = try await browser.get("/").body
            #expect(home.contains("Académie de Lyon") && !home.contains("Académie de Créteil") && !home.contains("Région académique"))
            #expect(home.contains(">Accessibilité : partiellement conforme</a>") && home.contains("concours@ac-lyon.fr"))
            let accessibility = try await browser.get("/accessibilite").body
            #expect(accessibility.contains("Ce site est partiellement conforme") && accessibility.contains("taux de conformité de 62 %"))
            // Keys left out keep the shipped académie's defaults; the retention periods are the settings'.
            let privacy = try await browser.get("/donnees-personnelles").body
            #expect(privacy.contains("dpd@ac-creteil.fr"))
            #expect(privacy.contains("effacés 24 mois après la publication du palmarès") && privacy.contains("effacés dès la publication du palmarès"))
        }
        for (json, expected) in [
            (#"{"accessibility": {"status": "totalement conforme"}}"#, "suppose"),
            (#"{"accessibility": {"status": "à peu près"}}"#, "accessibility.status"),
            (#"{"contactEmail": "personne"}"#, "n’est pas une adresse e-mail"),
            ("{ pas du json", "n’est pas un JSON valide"),
        ] {
            try Data(json.utf8).write(to: file)
            do {
                _ = try await makeServices(app.config, logger: Logger(label: "test"), now: { Date() })
                Issue.record("\(json) was accepted")
            } catch let error as ConfigError {
                #expect(error.message.contains(expected) || (expected == "suppose" && error.message.contains("taux de conformité")), "\(json): \(error.message)")
            }
        }
    }

    @Test func the_shipped_identity_file_states_the_defaults() throws {
        let data = try Data(contentsOf: TestApp.projectRoot.appendingPathComponent("Config/identite.json"))
        let shipped = try JSONDecoder().decode(SiteIdentity.self, from: data)
        #expect(shipped == SiteIdentity())
        #expect(shipped.validationProblems().isEmpty)
    }

    @Test func the_reglement_is_versioned_and_each_entry_records_the_version_its_submitter_accepted() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let school = Browser(client)
            let form = try await school.get("/participer")
            let version = try #require(Browser.fieldValue("reglement", in: form.body))
            #expect(version.hasPrefix("2022-") && version.count == 21)
            #expect(form.body.contains("Lire le règlement du concours") && form.body.contains("Article 5 — Jury et critères"))
            let rulesPage = try await school.get("/reglement/2022").body
            #expect(rulesPage.contains("Version \(version).") && rulesPage.contains("L311-3-1"))
            #expect(rulesPage.contains("jeudi 31 mars 2022 à 23 h 59") && rulesPage.contains("au plus 2 affiches par catégorie"))

            // Not ticking the box, or ticking an older version, loses nothing but stores nothing.
            let unticked = try await school.postMultipart(
                "/participer", fields: SubmissionFixture.fields().filter { $0.0 != "reglement" }, file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(unticked.status == .unprocessableContent && unticked.body.contains("Lisez le règlement du concours et cochez la case"))
            #expect(unticked.body.contains("Bouger pour réussir"))
            let stale = try await school.postMultipart(
                "/participer", fields: SubmissionFixture.fields().map { $0.0 == "reglement" ? ($0.0, "2022-0000000000000000") : $0 }, file: nil)
            #expect(stale.status == .unprocessableContent && stale.body.contains("Le règlement a changé depuis l’affichage du formulaire"))
            #expect(try app.database().entries(editionId: 1).isEmpty)

            let token = try await SubmissionFixture.submit(school)
            let database = try app.database()
            let entry = try #require(try database.entries(editionId: 1).first?.entry)
            #expect(entry.consent.rulesVersion == version && entry.consent.wordingVersion == ConsentWording.version)
            #expect(entry.consent.original && entry.consent.noIdentifyingMarks && entry.consent.personRecognisable == true && entry.consent.imageRights)
            let kept = try #require(try database.acceptedRules(editionId: 1, version: version))
            #expect(kept.version == version && kept.articles.count == 9)

            // The organisers move the deadline: the text, hence the version, changes; the accepted one stays readable.
            var edition = try #require(try database.edition(year: 2022))
            edition.submissionDeadline = try #require(ParisTime.parse("2022-04-02T23:59:59"))
            try database.updateEdition(edition, now: app.clock.now)
            let newPage = try await school.get("/reglement/2022").body
            #expect(!newPage.contains("Version \(version).") && newPage.contains("samedi 2 avril 2022"))
            #expect(newPage.contains("Versions acceptées") && newPage.contains("/reglement/2022?version=\(version)"))
            let old = try await school.get("/reglement/2022?version=\(version)")
            #expect(old.status == .ok && old.body.contains("jeudi 31 mars 2022") && old.body.contains("n’est plus celle en vigueur"))
            #expect(try await school.get("/reglement/2022?version=2022-ffffffffffffffff").status == .notFound)
            #expect(try await school.get("/reglement/1999").status == .notFound)

            // The private page and the organisers' entry page recall what was accepted, with long French dates.
            let privatePage = try await school.get("/depot/\(token)").body
            #expect(privatePage.contains("Déclarations et autorisations enregistrées") && privatePage.contains("version \(version)"))
            #expect(privatePage.contains("Recueillies le mardi 1<sup>er</sup> février 2022 à 10 h 00") && privatePage.firstMatch(of: /\d{4}-\d\d-\d\d à/) == nil)
            try app.seedOrganiser()
            let organiser = Browser(client)
            _ = try await organiser.login()
            let adminPage = try await organiser.get("/organisation/depots/\(entry.id!)").body
            #expect(adminPage.contains("Attesté</span> — Je certifie que l’affiche est une création originale des élèves"))
            #expect(adminPage.contains("le droit de reproduction") && adminPage.contains("href=\"/reglement/2022?version=\(version)\""))
        }
    }

    @Test func a_draft_editions_reglement_is_not_public() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .draft)
        try await app.test { client in
            let browser = Browser(client)
            let current = try await browser.get("/reglement")
            let byYear = try await browser.get("/reglement/2022")
            let notice = try await browser.get("/mentions-legales")
            #expect(current.status == .notFound && byYear.status == .notFound && notice.status == .ok)
        }
    }

    @Test func the_declarations_are_each_required_and_image_rights_only_when_a_person_is_recognisable() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let school = Browser(client)
            let declarations: Set = ["original", "sans_signe", "elements_tiers", "personne_reconnaissable", "droit_image"]
            let bare = SubmissionFixture.fields().filter { !declarations.contains($0.0) }
            let refused = try await school.postMultipart("/participer", fields: bare, file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(refused.status == .unprocessableContent)
            for message in [
                "Attestez que l’affiche est une création originale des élèves.", "Attestez que l’affiche ne porte aucun nom, logo ou signe",
                "Indiquez si l’affiche contient des éléments empruntés", "Indiquez si une personne est reconnaissable sur l’affiche.",
            ] {
                #expect(refused.body.contains(message), "\(message)")
            }
            #expect(refused.body.contains("href=\"#champ-elements_tiers\"") && refused.body.contains("id=\"champ-elements_tiers\""))

            let recognisable = bare + [("original", "oui"), ("sans_signe", "oui"), ("elements_tiers", "liste"), ("personne_reconnaissable", "oui")]
            let second = try await school.postMultipart("/participer", fields: recognisable, file: nil)
            #expect(second.body.contains("l’attestation de droit à l’image est obligatoire") && second.body.contains("Listez les éléments empruntés"))
            #expect(try app.database().entries(editionId: 1).isEmpty)

            // Nobody recognisable: no image-rights statement needed, none recorded; the borrowed elements are kept as listed.
            let accepted = bare + [
                ("original", "oui"), ("sans_signe", "oui"), ("elements_tiers", "liste"), ("liste_elements", "Police Open Sans, licence OFL"),
                ("personne_reconnaissable", "non"),
            ]
            let done = try await school.postMultipart("/participer", fields: accepted, file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(done.status == .seeOther, "\(done.body.prefix(300))")
            let consent = try #require(try app.database().entries(editionId: 1).first?.entry.consent)
            #expect(consent.personRecognisable == false && !consent.imageRights && consent.thirdPartyElements == "Police Open Sans, licence OFL")
        }
    }

    @Test func the_palmares_says_a_computed_ranking_founded_the_decision_and_the_export_carries_the_legal_pages() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            _ = try await StaticExportWebTests.published(app, client: client)
            let palmares = try await Browser(client).get("/palmares/2022").body
            #expect(palmares.contains("Comment les prix ont été décidés") && palmares.contains("article L311-3-1 du code des relations entre le public et l’administration"))
            #expect(palmares.contains("respect du thème (coefficient 3)") && palmares.contains("href=\"/reglement/2022\""))
        }
        let target = app.directory.appendingPathComponent("export")
        _ = try await StaticExportWebTests.export(app).write(to: target, year: nil, force: false)
        for file in ["mentions-legales/index.html", "donnees-personnelles/index.html", "accessibilite/index.html"] {
            let html = try String(contentsOf: target.appendingPathComponent(file), encoding: .utf8)
            #expect(html.contains("href=\"../mentions-legales/index.html\"") && html.contains("href=\"../accessibilite/index.html\""), "\(file)")
            #expect(!html.contains("href=\"/"), "\(file) has an absolute link")
        }
        let exported = try String(contentsOf: target.appendingPathComponent("palmares/2022/index.html"), encoding: .utf8)
        #expect(exported.contains("L311-3-1") && exported.contains("href=\"../../donnees-personnelles/index.html\""))
        #expect(exported.contains("href=\"../../reglement/2022/index.html\"") && !exported.contains("href=\"/reglement"))
        #expect(try String(contentsOf: target.appendingPathComponent("reglement/2022/index.html"), encoding: .utf8).contains("Article 5 — Jury et critères"))
    }
}
