import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The organisers' long lists (entries, jurors): pages read in SQL, counts over the whole filtered set, a stable order,
/// filters kept in every link, and whatever is typed in the URL handled without an error.
struct AdminListsWebTests {
    static let list = "/organisation/editions/2022/depots"

    /// An open 2022 edition with `entries` bulk entries, an organiser, and `jurors` jurors.
    static func openApp(entries: Int, jurors: Int = 0) throws -> TestApp {
        let app = try TestApp()
        let edition = try app.seedEdition(state: .open)
        try app.seedOrganiser()
        let database = try app.database()
        try BulkEntries.insert(into: database, editionId: try #require(edition.id), count: entries)
        let schools = BulkEntries.establishments(count: 3)
        for index in 0..<jurors {
            try database.createJuror(
                name: String(format: "Juré %03d", index), email: "jure\(index)@ac-creteil.fr", conflicts: index % 4 == 0 ? [schools[index % 3].uai] : [],
                now: app.clock.now)
        }
        return app
    }

    /// References listed on an entries page, in order.
    static func references(in html: String) -> [String] {
        html.matches(of: /<code>(2022-B\d{5})<\/code>/).map { String($0.output.1) }
    }

    /// Juror names listed on the juror page, in order.
    static func jurorNames(in html: String) -> [String] {
        html.matches(of: /<td><strong>(Juré \d{3})<\/strong>/).map { String($0.output.1) }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// The reference of bulk entry `index`.
    static func reference(_ index: Int) -> String { String(format: "2022-B%05d", index) }

    /// Every page of a list, following `rel="next"` links; fails on a loop.
    static func allPages(_ browser: Browser, from start: String) async throws -> [Browser.Page] {
        var pages: [Browser.Page] = []
        var next: String? = start
        while let uri = next, pages.count < 100 {
            let page = try await browser.get(uri)
            #expect(page.status == .ok, "\(uri)")
            pages.append(page)
            next = page.body.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
        }
        return pages
    }

    // MARK: - Size and time at 5 000 entries

    @Test func lists_and_entry_page_stay_small_at_5000_entries() async throws {
        let app = try Self.openApp(entries: 5000, jurors: 120)
        defer { app.cleanUp() }
        let database = try app.database()
        // The storage part alone (SQLite is the system's optimised build, so this is what a release build spends in SQL).
        for (page, search) in [("1", nil), ("100", nil), ("1", "numéro 12")] as [(String, String?)] {
            let started = ContinuousClock.now
            let list = try await database.entryList(editionId: 1, filter: EntryFilter(search: search)) { Paging(page: page, size: nil, total: $0) }
            print("AdminLists 5000 entries: entryList page \(page) search \(search ?? "-") → \(list.listings.count) of \(list.paging.total), \(Self.milliseconds(ContinuousClock.now - started)) ms")
        }
        let entryID = try #require(try app.database().entries(editionId: 1, filter: EntryFilter(search: Self.reference(2500))).first?.entry.id)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            for uri in [Self.list, "\(Self.list)?page=100", "\(Self.list)?par=200&q=numéro", "/organisation/depots/\(entryID)", "/organisation/jury"] {
                // Once to warm up (templates, statement cache), then measured.
                _ = try await organiser.get(uri)
                let started = ContinuousClock.now
                let (status, bytes) = try await client.execute(uri: uri, method: .get, headers: [.cookie: organiser.cookieHeader()]) {
                    ($0.status, $0.body.readableBytes)
                }
                let elapsed = ContinuousClock.now - started
                print("AdminLists 5000 entries, 120 jurors: GET \(uri) → \(status.code), \(bytes) bytes, \(Self.milliseconds(elapsed)) ms")
                #expect(status == .ok, "\(uri)")
                #expect(bytes <= 300_000, "\(uri): \(bytes) bytes")
            }
            let first = try await organiser.get(Self.list)
            #expect(first.body.contains("1 à 50 sur 5\u{202F}000 dépôts"))
            #expect(Self.references(in: first.body) == (0..<50).map { Self.reference(4999 - $0) })
            #expect(first.body.contains("<strong>5000</strong> affiches en lice"))
            let jury = try await organiser.get("/organisation/jury")
            #expect(jury.body.contains("1 à 50 sur 120 jurés"))
            #expect(Self.jurorNames(in: jury.body).count == 50)
        }
    }

    // MARK: - Entries

    @Test func entry_pages_cover_the_filtered_set_once_in_a_stable_order() async throws {
        let app = try Self.openApp(entries: 230)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            // Every tenth entry was filed in the same minute as the one before: the id breaks the tie.
            let everything = try await Self.allPages(organiser, from: "\(Self.list)?par=25")
            #expect(everything.count == 10)
            #expect(everything.flatMap { Self.references(in: $0.body) } == (0..<230).map { Self.reference(229 - $0) })
            // Categories alternate college, lycee, dispositifs: 77 entries are « college ».
            let pages = try await Self.allPages(organiser, from: "\(Self.list)?categorie=college&par=25")
            #expect(pages.count == 4)
            let shown = pages.flatMap { Self.references(in: $0.body) }
            let expected = stride(from: 228, through: 0, by: -3).map(Self.reference)
            #expect(shown == expected, "newest first, ties (same minute) by id, each entry once")
            #expect(pages[0].body.contains("1 à 25 sur 77 dépôts"))
            #expect(pages[3].body.contains("76 à 77 sur 77 dépôts"))
            // The counters cover the whole edition, whatever the filter.
            #expect(pages[0].body.contains("<strong>230</strong> affiches en lice"))
            #expect(pages[0].body.contains("<strong>76</strong>"), "dispositifs: 76 of the 230")
        }
    }

    @Test func page_links_keep_the_filters_and_the_page_size() async throws {
        let app = try Self.openApp(entries: 120)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let page = try await organiser.get("\(Self.list)?statut=active&recevabilite=pending&q=Affiche%20num%C3%A9ro&par=25&page=2")
            #expect(page.status == .ok)
            let kept = "statut=active&amp;recevabilite=pending&amp;q=Affiche%20num%C3%A9ro&amp;par=25"
            #expect(page.body.contains("href=\"\(Self.list)?\(kept)&amp;page=3\" rel=\"next\""))
            #expect(page.body.contains("href=\"\(Self.list)?\(kept)\" rel=\"prev\""))
            #expect(page.body.contains("href=\"\(Self.list)?\(kept)&amp;page=5\""))
            #expect(page.body.contains("26 à 50 sur 120 dépôts"))
            // The page-size form and the filter form keep the filters and the size.
            #expect(page.body.contains("<input type=\"hidden\" name=\"q\" value=\"Affiche numéro\">"))
            #expect(page.body.contains("<input type=\"hidden\" name=\"par\" value=\"25\">"))
            #expect(page.body.contains("<option value=\"active\" selected>En lice</option>"))
            #expect(page.body.contains("name=\"q\" value=\"Affiche numéro\""))
        }
    }

    @Test func odd_page_numbers_and_sizes_are_brought_into_range() async throws {
        let app = try Self.openApp(entries: 120)
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            for (query, summary) in [
                ("page=0", "1 à 50 sur 120"), ("page=-1", "1 à 50 sur 120"), ("page=abc", "1 à 50 sur 120"), ("page=99999", "101 à 120 sur 120"),
                ("page=99999999999999999999", "101 à 120 sur 120"), ("par=1000000", "<p>120 dépôts</p>"), ("par=0", "1 à 25 sur 120"),
                ("par=-5", "1 à 25 sur 120"), ("par=abc&page=2", "51 à 100 sur 120"), ("page=2&page=3", " sur 120 dépôts"),
            ] {
                let page = try await organiser.get("\(Self.list)?\(query)")
                #expect(page.status == .ok, "\(query)")
                #expect(page.body.contains(summary), "\(query)")
            }
            let last = try await organiser.get("\(Self.list)?page=99999")
            #expect(Self.references(in: last.body) == (0..<20).map { Self.reference(19 - $0) })
        }
    }

    @Test func search_finds_references_schools_and_uais_and_hostile_text_is_inert() async throws {
        let app = try Self.openApp(entries: 120)
        defer { app.cleanUp() }
        let school = BulkEntries.establishments(count: 300)[7]
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let byReference = try await organiser.get("\(Self.list)?q=\(Self.reference(42).lowercased())")
            #expect(Self.references(in: byReference.body) == [Self.reference(42)])
            let byUAI = try await organiser.get("\(Self.list)?q=\(school.uai.code)")
            #expect(Self.references(in: byUAI.body) == [Self.reference(7)])
            // Accents and case folded on the establishment's name.
            let byName = Self.references(in: try await organiser.get("\(Self.list)?q=COLLEGE%20NUMERO%207").body)
            #expect(byName.contains(Self.reference(7)) && byName.contains(Self.reference(117)) && !byName.contains(Self.reference(8)))
            for hostile in ["%25", "_", "%5C", "%27%20OR%201%3D1%20--", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", String(repeating: "%25_", count: 5200)] {
                let page = try await organiser.get("\(Self.list)?q=\(hostile)&departement=\(hostile)&categorie=\(hostile)&recevabilite=\(hostile)&statut=\(hostile)")
                #expect(page.status == .ok, "\(hostile.prefix(30))")
                #expect(page.body.contains("Aucun résultat"), "\(hostile.prefix(30))")
                #expect(!page.body.contains("<script>alert(1)"))
            }
            // An unknown category is ignored rather than matched; an unknown département matches nothing.
            let unknownCategory = try await organiser.get("\(Self.list)?categorie=%27%20OR%201%3D1")
            #expect(unknownCategory.body.contains("1 à 50 sur 120 dépôts"))
            let department = try await organiser.get("\(Self.list)?departement=93")
            #expect(Self.references(in: department.body) == stride(from: 118, through: 1, by: -3).map(Self.reference))
        }
    }

    // MARK: - Jurors

    @Test func juror_pages_list_each_juror_once_and_filters_stay_in_links() async throws {
        let app = try Self.openApp(entries: 0, jurors: 60)
        defer { app.cleanUp() }
        let database = try app.database()
        for id in try await database.jurorList(filter: JurorFilter(search: "Juré 00"), paging: { Paging(page: nil, size: "100", total: $0) }).jurors
            .compactMap(\.user.id)
        {
            try database.setPasswordHash(userID: id, hash: "x")
        }
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let pages = try await Self.allPages(organiser, from: "/organisation/jury?par=25")
            #expect(pages.count == 3)
            #expect(pages.flatMap { Self.jurorNames(in: $0.body) } == (0..<60).map { String(format: "Juré %03d", $0) })
            #expect(pages[2].body.contains("51 à 60 sur 60 jurés"))
            let invited = try await organiser.get("/organisation/jury?acces=invite&q=ju%C3%A9r&par=25")
            #expect(invited.body.contains("Aucun résultat"))
            let filtered = try await organiser.get("/organisation/jury?acces=invite&q=jure&par=25&page=2")
            #expect(filtered.body.contains("26 à 50 sur 50 jurés"))
            #expect(filtered.body.contains("href=\"/organisation/jury?q=jure&amp;acces=invite&amp;par=25\" rel=\"prev\""))
            #expect(filtered.body.contains("<option value=\"actif\" >Actifs (10)</option>"))
            #expect(filtered.body.contains("<option value=\"invite\" selected>Invitation non acceptée (50)</option>"))
            for query in ["page=-1", "page=abc", "page=99999", "par=1000000", "q=%25", "q=_", "q=\(String(repeating: "%27%22", count: 5200))"] {
                let page = try await organiser.get("/organisation/jury?\(query)")
                #expect(page.status == .ok, "\(query.prefix(20))")
            }
            #expect(try await organiser.get("/organisation/jury?q=%25").body.contains("Aucun résultat"))
            #expect(try await organiser.get("/organisation/jury?page=99999").body.contains("51 à 60 sur 60 jurés"))
            // A conflict shows the establishment's name, never the juror's when the name is unknown.
            let first = try await organiser.get("/organisation/jury")
            #expect(first.body.contains("<code>0900000"))
            #expect(first.body.contains("Collège numéro 0"))
        }
    }
}
