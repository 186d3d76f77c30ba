import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The statistics page and its CSV on the demo data, against a hand count of `DemoSeeder`'s fixed list; who may see
/// them; the palmarès line, live and in the static export.
struct StatisticsWebTests {
    static let page = "/organisation/editions/2022/statistiques"
    static let csv = "/organisation/editions/2022/statistiques.csv"

    /// Tuesday 10 March 2026, 13:00 in Paris (winter time). The ten demo entries are filed 15 h, 13 h 30… 1 h 30 before
    /// now: 22:00 and 23:30 on Monday 9 March, then 01:00, 02:30… 11:30 on Tuesday 10 March.
    static let now = ParisTime.parse("2026-03-10T13:00")!

    /// The demo of `serve --demo --demo-phase P`, seeded at `now` into a fresh data folder.
    static func demo(_ phase: DemoSeeder.Phase) async throws -> TestApp {
        let app = try TestApp(now: now)
        let seeder = DemoSeeder(database: try app.database(), files: try FileStore(root: URL(fileURLWithPath: app.config.filesDirectory)), config: app.config)
        let file = TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json")
        let summary = try await seeder.seedIfEmpty(editionFile: file, now: now, phase: phase)
        #expect(summary.entries == 10)
        return app
    }

    static func organiser(_ client: any TestClientProtocol) async throws -> Browser {
        let browser = Browser(client)
        let login = try await browser.login(email: DemoSeeder.organiserEmail, password: DemoSeeder.organiserPassword)
        #expect(login.location == "/organisation")
        return browser
    }

    /// The text as `Browser` shows it: no-break spaces as plain ones.
    static func plain(_ text: String) -> String { text.replacingOccurrences(of: "\u{00A0}", with: " ") }

    /// A row of one of the page's data tables.
    static func row(_ header: String, _ cells: String...) -> String {
        "<tr><th scope=\"row\">\(header)</th>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
    }

    // Hand count from `DemoSeeder.entries` (ten entries, in this order) and `DemoSeeder.establishments`:
    //   1 0770001H Collège Les Tilleuls (77, collège)          college
    //   2 0930101E Collège Jean Vilar (93, collège)            college
    //   3 0940301S Collège Paul Bert (94, collège)             college
    //   4 0930145C Collège Jean Moulin (93, collège)           college
    //   5 0770012V Lycée Jacques Amyot (77, lycée)             lycee
    //   6 0930112S Lycée Paul Éluard (93, lycée)               lycee
    //   7 0940312D Lycée Léon Blum (94, lycée)                 lycee
    //   8 0930134R LP Louise Michel (93, lycée professionnel)  lycee
    //   9 0930190B Micro-lycée 93 (93, dispositif)             dispositifs
    //  10 0940401A Dispositif relais de Villejuif (94, disp.)  dispositifs
    // Départements: 93 → 2, 4, 6, 8, 9 = 5; 94 → 3, 7, 10 = 3; 77 → 1, 5 = 2. Kinds: collège 4, lycée 3, dispositif 2,
    // lycée professionnel 1. Categories: 4, 4, 2. Ten distinct establishments; none withdrawn or cancelled.
    // `seedJury` marks all but the newest (10, « Le relais ») eligible: 9 recevables, 1 à vérifier.
    // Jury: jury1 scored nothing, jury2 every eligible poster (4 + 4 + 1), jury3 all but Collège Paul Bert's (3 + 4 + 1);
    // three enabled jurors expect 3 × 9 − 1 (jury3's conflict) = 26 ballots: Collèges 7 of 11, Lycées 8 of 12,
    // Dispositifs 2 of 3, overall 17 of 26 (65 %).
    // Days: the demo edition's opening is moved by whole weeks to Monday 12 January 2026; in deliberation the series
    // stops today (the shifted deadline, 2 April, is still to come): 12 January to 10 March = 20 + 28 + 10 = 58 days,
    // 2 entries on 9 March, 8 on 10 March.
    @Test func the_page_and_the_csv_match_a_hand_count_of_the_demo() async throws {
        let app = try await Self.demo(.deliberation)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await Self.organiser(client)
            let page = try await organiser.get(Self.page)
            #expect(page.status == .ok)
            let html = page.body
            for expected in [
                "<dt>Dépôts reçus</dt><dd>10\u{00A0}dépôts</dd>", "<dt>Affiches en lice</dt><dd>10\u{00A0}affiches</dd>",
                "<dt>Établissements ayant une affiche en lice</dt><dd>10\u{00A0}établissements</dd>",
                "<dt>Retirées par l’établissement</dt><dd>0\u{00A0}affiche</dd>",
                "<dt>Ligne du palmarès</dt><dd>9\u{00A0}affiches de 9\u{00A0}établissements</dd>",
                Self.row("Département 93", "5", "50\u{00A0}%"), Self.row("Département 94", "3", "30\u{00A0}%"), Self.row("Département 77", "2", "20\u{00A0}%"),
                Self.row("Collège", "4", "40\u{00A0}%"), Self.row("Lycée", "3", "30\u{00A0}%"), Self.row("Dispositif", "2", "20\u{00A0}%"),
                Self.row("Lycée professionnel", "1", "10\u{00A0}%"),
                Self.row("Collèges", "4", "40\u{00A0}%"), Self.row("Lycées", "4", "40\u{00A0}%"), Self.row("Dispositifs", "2", "20\u{00A0}%"),
                Self.row("À vérifier", "1", "10\u{00A0}%"), Self.row("Recevables", "9", "90\u{00A0}%"), Self.row("Non recevables", "0", "0\u{00A0}%"),
                Self.row("En lice", "10", "100\u{00A0}%"), Self.row("Retirés par l’établissement", "0", "0\u{00A0}%"),
                Self.row("lundi 9 mars 2026", "2"), Self.row("mardi 10 mars 2026", "8"), Self.row("lundi 12 janvier 2026", "0"),
                Self.row("Collèges", "7", "11", "63\u{00A0}%"), Self.row("Lycées", "8", "12", "66\u{00A0}%"), Self.row("Dispositifs", "2", "3", "66\u{00A0}%"),
                Self.row("Ensemble", "17", "26", "65\u{00A0}%"),
                // The accessible descriptions say the figures in words.
                "Département 93\u{00A0}: 5\u{00A0}affiches\u{00A0}; Département 94\u{00A0}: 3\u{00A0}affiches\u{00A0}; Département 77\u{00A0}: 2\u{00A0}affiches.",
                "10\u{00A0}dépôts en 58\u{00A0}jours, du lundi 12 janvier 2026 au mardi 10 mars 2026",
                "Le plus de dépôts le mardi 10 mars 2026\u{00A0}: 8\u{00A0}dépôts.",
                "3\u{00A0}jurés actifs\u{00A0}; 17 sur 26 (65\u{00A0}%) des notes attendues sont remises.",
            ] {
                // `Browser` shows no-break spaces as spaces (the raw bytes are checked below).
                #expect(html.contains(Self.plain(expected)), "\(expected)")
            }
            // 58 day rows, no more; seven charts, each an image with a name and a description, none with inline styles.
            #expect(html.matches(of: /<tr><th scope="row">[a-z]+ \d+(<sup>er<\/sup>)? [a-zéû]+ 2026<\/th><td>\d+<\/td><\/tr>/).count == 58)
            #expect(html.matches(of: /<svg class="chart-svg" [^>]*role="img" aria-labelledby="(graphique-[a-z]+)-titre graphique-[a-z]+-desc"/).count == 7)
            #expect(html.matches(of: /<figure class="chart/).count == 7 && html.matches(of: /<details class="chart-data">/).count == 7)
            #expect(!html.contains("style=") && !html.contains("<style"))
            // The bar of the largest département is the longest one drawn (390 of 480 units), the others in proportion.
            #expect(html.contains("<rect class=\"chart-bar\" x=\"0\" y=\"24\" width=\"390\" height=\"22\"/>"))
            #expect(html.contains("<rect class=\"chart-bar\" x=\"0\" y=\"80\" width=\"234\" height=\"22\"/>"))

            // The French typography is in the bytes sent: no-break spaces before « : », « % » and after numbers.
            let raw = try await client.execute(uri: Self.page, method: .get, headers: [.cookie: organiser.cookieHeader()])
            let bytes = String(buffer: raw.body)
            #expect(bytes.contains("<dd>10\u{00A0}dépôts</dd>") && bytes.contains("<td>50\u{00A0}%</td>"))
            #expect(bytes.contains("Département 93\u{00A0}: 5\u{00A0}affiches\u{00A0};") && !bytes.contains("affiche(s)"))

            let csv = try await organiser.get(Self.csv)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"concours-2022-statistiques.csv\"")
            #expect(csv.body.hasPrefix("\u{FEFF}Indicateur;Valeur;Nombre\r\n"))
            let rows = Set(csv.body.dropFirst().components(separatedBy: "\r\n"))
            for expected in [
                "Synthèse;Dépôts reçus;10", "Synthèse;Affiches en lice;10", "Synthèse;Établissements ayant une affiche en lice;10",
                "Synthèse;Affiches recevables en lice (palmarès);9", "Synthèse;Établissements de ces affiches (palmarès);9",
                "Affiches en lice par département;93;5", "Affiches en lice par département;94;3", "Affiches en lice par département;77;2",
                "Affiches en lice par type d’établissement;Collège;4", "Affiches en lice par type d’établissement;Lycée;3",
                "Affiches en lice par type d’établissement;Dispositif;2", "Affiches en lice par type d’établissement;Lycée professionnel;1",
                "Affiches en lice par catégorie;Collèges;4", "Affiches en lice par catégorie;Lycées;4", "Affiches en lice par catégorie;Dispositifs;2",
                "Recevabilité des affiches en lice;À vérifier;1", "Recevabilité des affiches en lice;Recevables;9",
                "Recevabilité des affiches en lice;Non recevables;0", "Statut des dépôts reçus;En lice;10",
                "Statut des dépôts reçus;Retirés par l’établissement;0", "Statut des dépôts reçus;Annulés par l’organisation;0",
                "Dépôts par jour;2026-01-12;0", "Dépôts par jour;2026-03-09;2", "Dépôts par jour;2026-03-10;8", "Jury;Jurés actifs;3",
                "Jury : notes remises;Collèges;7", "Jury : notes attendues;Collèges;11", "Jury : notes remises;Lycées;8",
                "Jury : notes attendues;Lycées;12", "Jury : notes remises;Dispositifs;2", "Jury : notes attendues;Dispositifs;3",
                "Jury : notes remises;Ensemble;17", "Jury : notes attendues;Ensemble;26",
            ] {
                #expect(rows.contains(expected), "\(expected)")
            }
            #expect(csv.body.components(separatedBy: "\r\nDépôts par jour;").count - 1 == 58)
            #expect(!csv.body.contains("Dépôts après la date limite"))

            // Linked from the edition page and the organisers' home.
            #expect(try await organiser.get("/organisation/editions/2022").body.contains("href=\"/organisation/editions/2022/statistiques\""))
            #expect(try await organiser.get("/organisation").body.contains("href=\"/organisation/editions/2022/statistiques\""))
        }
    }

    @Test func only_organisers_see_the_statistics() async throws {
        let app = try await Self.demo(.jury)
        defer { app.cleanUp() }
        try await app.test { client in
            for uri in [Self.page, Self.csv] {
                let visitor = try await Browser(client).get(uri)
                #expect(visitor.status == .seeOther)
                #expect(visitor.location?.hasPrefix("/connexion?suite=") == true, "\(uri)")
            }
            let juror = Browser(client)
            #expect(try await juror.login(email: DemoSeeder.jurors[0].email, password: DemoSeeder.jurorPassword).location == "/jury")
            for uri in [Self.page, Self.csv] {
                let refused = try await juror.get(uri)
                #expect(refused.status == .forbidden, "\(uri)")
                #expect(!refused.body.contains("Département 93"))
            }
            #expect(try await Self.organiser(client).get("/organisation/editions/1999/statistiques").status == .notFound)
        }
    }

    @Test func the_palmares_says_how_many_posters_took_part_live_and_in_the_static_export() async throws {
        let app = try await Self.demo(.palmares)
        defer { app.cleanUp() }
        // Nine eligible entries in competition (« Le relais » is still to check), from nine establishments.
        let line = "<p class=\"participation\">Participation&nbsp;: 9\u{00A0}affiches de 9\u{00A0}établissements.</p>"
        try await app.test { client in
            let palmares = try await Browser(client).get("/palmares/2022")
            #expect(palmares.status == .ok)
            #expect(palmares.body.contains(Self.plain(line)))
            // The statistics stay available once the results are published.
            #expect(try await Self.organiser(client).get(Self.page).status == .ok)
        }
        let site = app.directory.appendingPathComponent("site")
        _ = try await StaticExportWebTests.export(app).write(to: site, year: nil, force: false)
        let exported = try String(contentsOf: site.appendingPathComponent("palmares/2022/index.html"), encoding: .utf8)
        #expect(exported.contains(line))
    }

    @Test func grace_period_entries_are_listed_apart_and_the_page_works_before_any_entry() async throws {
        let app = try TestApp(now: ParisTime.parse("2022-04-02T10:00")!)
        defer { app.cleanUp() }
        try app.seedEdition(state: .closed)
        try app.seedOrganiser()
        // The 2022 deadline is 31 March 23:59:59 (Paris): three entries filed at 00:05, 00:06 and 00:07 on 1 April.
        try BulkEntries.insert(into: try app.database(), editionId: 1, count: 3, start: ParisTime.parse("2022-04-01T00:05")!)
        try await app.test { client in
            let organiser = Browser(client)
            try await organiser.login()
            let html = try await organiser.get(Self.page).body
            #expect(html.contains(Self.plain("3\u{00A0}dépôts reçus après la date limite (pendant le délai de grâce), hors du graphique\u{00A0}:")))
            #expect(html.contains("<li>vendredi 1er avril 2022&nbsp;: 3 dépôts</li>"))
            // The series runs from the opening (10 January) to the deadline day (31 March): 81 days, none with an entry.
            #expect(html.contains(Self.plain("0\u{00A0}dépôt en 81\u{00A0}jours, du lundi 10 janvier 2022 au jeudi 31 mars 2022, jour de la date limite.")))
            let csv = try await organiser.get(Self.csv).body
            #expect(csv.contains("\r\nDépôts après la date limite;2022-04-01;3\r\n"))
            #expect(csv.components(separatedBy: "\r\nDépôts par jour;").count - 1 == 81)
        }
        // An edition opening later: no series yet, and the page says so.
        app.clock.now = ParisTime.parse("2022-01-05T10:00")!
        try await app.test { client in
            let organiser = Browser(client)
            try await organiser.login()
            let page = try await organiser.get(Self.page)
            #expect(page.status == .ok && page.body.contains("Les dépôts ne sont pas encore ouverts."))
        }
    }

    @Test func the_palmares_line_follows_french_plurals() throws {
        #expect(Participation(entries: 1, establishments: 1).summary == "1\u{00A0}affiche de 1\u{00A0}établissement")
        #expect(Participation(entries: 2, establishments: 1).summary == "2\u{00A0}affiches de 1\u{00A0}établissement")
        #expect(Participation(entries: 0, establishments: 0).summary == nil)
    }
}
