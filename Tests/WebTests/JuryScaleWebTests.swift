import Core
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The jurors' stored order, previous and next, pages of the jurors' and organisers' lists, and page sizes at 5,000 entries.
struct JuryScaleWebTests {
    /// The order jurors always had: SHA-256 of their seed followed by the code, compared byte by byte.
    static func formerOrder(_ codes: [String], seed: String) -> [String] {
        codes.map { ($0, Array(SHA256.hash(data: Data((seed + $0).utf8)))) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    static func signIn(_ client: any TestClientProtocol, _ email: String) async throws -> Browser {
        let browser = Browser(client)
        let page = try await browser.login(email: email, password: ScaleFixture.password)
        #expect(page.status == .seeOther)
        return browser
    }

    @Test func the_stored_order_is_the_one_jurors_had_and_pages_cover_it_once() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let entries = try ScaleFixture.edition(app, count: 60)
        let juror = try ScaleFixture.juror(app, email: "j@ac-creteil.fr")
        let database = try app.database()
        let expected = Self.formerOrder(entries.map(\.anonymousCode), seed: try database.orderSeed(userID: juror))
        try await app.test { client in
            let browser = try await Self.signIn(client, "j@ac-creteil.fr")
            var listed: [String] = []
            for page in 1...3 {
                let body = try await browser.get("/jury?par=25&page=\(page)").body
                listed += ScaleFixture.listedCodes(in: body)
                if page == 2 { #expect(body.contains("26 à 50 sur 60")) }
            }
            #expect(listed == expected)
            #expect(try database.storedJurorOrder(editionId: 1, jurorId: juror) == expected)
            // Hostile page numbers and sizes: a clear page, never an error.
            for query in ["page=0", "page=-1", "page=abc", "page=99999", "par=100000000000", "par=-5&page=2", "page=9999999999999999999999"] {
                let page = try await browser.get("/jury?\(query)")
                #expect(page.status == .ok, "\(query)")
                #expect(!ScaleFixture.listedCodes(in: page.body).isEmpty, "\(query)")
            }
            #expect(ScaleFixture.listedCodes(in: try await browser.get("/jury?page=99999&par=25").body) == Array(expected[50...]))
        }
    }

    @Test func previous_and_next_follow_the_order_and_filters_split_it() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let entries = try ScaleFixture.edition(app, count: 30)
        let juror = try ScaleFixture.juror(app, email: "j@ac-creteil.fr")
        let order = Self.formerOrder(entries.map(\.anonymousCode), seed: try app.database().orderSeed(userID: juror))
        let byCode = Dictionary(uniqueKeysWithValues: entries.map { ($0.anonymousCode, $0) })
        // Everything scored but the 3rd and the 11th posters.
        try ScaleFixture.score(app, entries: order.enumerated().filter { ![2, 10].contains($0.offset) }.map { byCode[$0.element]! }, jurors: [juror])
        try await app.test { client in
            let browser = try await Self.signIn(client, "j@ac-creteil.fr")
            var code = order[0]
            var walked = [code]
            for position in 1...order.count {
                let page = try await browser.get("/jury/affiches/\(code)").body
                #expect(page.contains("Affiche \(code) (\(position) / 30)"))
                let previous = page.firstMatch(of: /href="\/jury\/affiches\/([A-Z0-9-]+)">← Affiche précédente/).map { String($0.1) }
                #expect(previous == (position > 1 ? order[position - 2] : nil))
                guard let next = page.firstMatch(of: /href="\/jury\/affiches\/([A-Z0-9-]+)">Affiche suivante/).map({ String($0.1) }) else { break }
                code = next
                walked.append(code)
            }
            #expect(walked == order)
            #expect(try await browser.get("/jury").body.contains("28 / 30 notées"))
            #expect(ScaleFixture.listedCodes(in: try await browser.get("/jury?statut=a-noter").body) == [order[2], order[10]])
            let scored = ScaleFixture.listedCodes(in: try await browser.get("/jury?statut=notees&par=25&page=2").body)
            #expect(scored == Array(order.enumerated().filter { ![2, 10].contains($0.offset) }.map(\.element)[25...]))
            let unknownFilter = try await browser.get("/jury?statut=inconnu").body
            #expect(ScaleFixture.listedCodes(in: unknownFilter) == order)
            // Submitting goes on to the next poster still to score, then round to the start.
            let full = ScaleFixture.criteria.map { ("note_\($0)", "3") } + [("action", "valider")]
            #expect(try await browser.post("/jury/affiches/\(order[5])", form: full).location == "/jury/affiches/\(order[10])")
            #expect(try await browser.post("/jury/affiches/\(order[10])", form: full).location == "/jury/affiches/\(order[2])")
            #expect(try await browser.post("/jury/affiches/\(order[2])", form: full).location == "/jury")
        }
    }

    @Test func conflicted_ineligible_and_unknown_codes_get_the_same_answer() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let entries = try ScaleFixture.edition(app, count: 9, pending: [4])
        _ = try ScaleFixture.juror(app, email: "j@ac-creteil.fr", conflicts: ["0951099D"])
        let conflicted = entries[0].anonymousCode
        let ineligible = entries[4].anonymousCode
        try await app.test { client in
            let browser = try await Self.signIn(client, "j@ac-creteil.fr")
            let listed = ScaleFixture.listedCodes(in: try await browser.get("/jury").body)
            #expect(listed.count == 5 && !listed.contains(conflicted) && !listed.contains(ineligible))
            let unknown = try await browser.get("/jury/affiches/ZZ-ZZZ")
            #expect(unknown.status == .notFound)
            for code in [conflicted, ineligible] {
                for suffix in ["", "/image", "/vignette"] {
                    let page = try await browser.get("/jury/affiches/\(code)\(suffix)")
                    #expect(page.status == .notFound, "\(code)\(suffix)")
                    if suffix.isEmpty { #expect(page.body == unknown.body.replacingOccurrences(of: "ZZ-ZZZ", with: code)) }
                }
                let post = try await browser.post("/jury/affiches/\(code)", form: [("note_theme", "5"), ("action", "brouillon")])
                #expect(post.status == .notFound)
            }
            // A conflict declared once the order is stored hides the poster at once; its neighbours skip it.
            let lycee = entries[1]
            let jurorID = try app.database().user(email: "j@ac-creteil.fr")!.id!
            try app.database().addConflict(userID: jurorID, uai: lycee.establishment, declaredBy: "organiser", now: app.clock.now)
            let after = ScaleFixture.listedCodes(in: try await browser.get("/jury").body)
            let hidden = Set(entries.filter { $0.establishment == lycee.establishment }.map(\.anonymousCode))
            #expect(after == listed.filter { !hidden.contains($0) } && after.count == 3)
            #expect(try await browser.get("/jury/affiches/\(lycee.anonymousCode)").status == .notFound)
            let first = try await browser.get("/jury/affiches/\(after[0])").body
            #expect(first.contains("(1 / \(after.count))") && first.contains("/jury/affiches/\(after[1])\">Affiche suivante"))
        }
        #expect(try app.database().ballots(editionId: 1).isEmpty)
    }

    @Test func ranks_continue_across_pages_of_the_organisers_rankings() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let entries = try ScaleFixture.edition(app, count: 60)
        let jurors = try ["a@ac-creteil.fr", "b@ac-creteil.fr"].map { try ScaleFixture.juror(app, email: $0) }
        try ScaleFixture.score(app, entries: entries, jurors: jurors)
        try await app.test { client in
            let organiser = Browser(client)
            try await organiser.login()
            for path in ["/organisation/editions/2022/jury", "/organisation/editions/2022/jury?normalisation=1"] {
                try await Self.checkPages(organiser, path: path, count: 60)
            }
            try app.database().moveEdition(id: 1, to: .deliberation, now: app.clock.now)
            for path in ["/organisation/editions/2022/deliberation", "/organisation/editions/2022/deliberation?classement=normalise"] {
                try await Self.checkPages(organiser, path: path, count: 60)
            }
            let second = try await organiser.get("/organisation/editions/2022/deliberation?classement=normalise&par=25")
            #expect(second.body.contains("href=\"/organisation/editions/2022/deliberation?classement=normalise&amp;par=25&amp;page=2\""))

            // The classement pages the same way: pages of 25 together are the page of 100, ranks (and shared ranks) over
            // the whole category.
            let classement = "/organisation/editions/2022/classement"
            let whole = ScaleFixture.classementCodes(in: try await organiser.get(classement + "?par=100").body)
            #expect(whole.count == 60 && Set(whole.map(\.code)).count == 60)
            var paged: [(rank: Int, code: String)] = []
            for page in 1...3 { paged += ScaleFixture.classementCodes(in: try await organiser.get(classement + "?par=25&page=\(page)").body) }
            #expect(paged.map(\.code) == whole.map(\.code) && paged.map(\.rank) == whole.map(\.rank))
            let first = try await organiser.get(classement + "?par=25")
            #expect(ScaleFixture.classementCodes(in: first.body).count == 25)
            #expect(first.body.contains("1 à 25 sur 60 affiches classées"))
            #expect(first.body.contains("href=\"/organisation/editions/2022/classement?par=25&amp;page=2\""))
            #expect(try await organiser.get(classement).body.contains("1 à 50 sur 60 affiches classées"))
        }
    }

    /// Pages of 25 show, together, exactly the rows of one page of 100, with the same ranks.
    static func checkPages(_ browser: Browser, path: String, count: Int) async throws {
        let separator = path.contains("?") ? "&" : "?"
        let whole = ScaleFixture.rankedCodes(in: try await browser.get(path + separator + "par=100").body)
        #expect(whole.count == count, "\(path)")
        #expect(Set(whole.map(\.code)).count == count, "\(path)")
        var paged: [(rank: Int, code: String)] = []
        for page in 1...3 { paged += ScaleFixture.rankedCodes(in: try await browser.get(path + separator + "par=25&page=\(page)").body) }
        #expect(paged.map(\.code) == whole.map(\.code), "\(path)")
        #expect(paged.map(\.rank) == whole.map(\.rank), "\(path)")
        // 20 entries per category: page 2 starts with the lycées' 6th.
        let second = ScaleFixture.rankedCodes(in: try await browser.get(path + separator + "par=25&page=2").body)
        #expect(second.first?.rank == 6 && whole[25].rank == 6, "\(path)")
        for query in ["page=0", "page=-1", "page=abc", "page=99999", "par=999999999999", "par=0"] {
            let page = try await browser.get(path + separator + query)
            #expect(page.status == .ok && !ScaleFixture.rankedCodes(in: page.body).isEmpty, "\(path) \(query)")
        }
    }

    /// 5,000 entries, three jurors who scored them all: every page stays under 300 KB (bytes and times printed for the report).
    /// A service starting reads the eligible entries of the editions being judged ahead of the first organiser page;
    /// the entries left pending are not among them, and an edition not being judged is not read.
    @Test func the_entries_of_an_edition_being_judged_are_read_ahead() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try ScaleFixture.edition(app, count: 40, pending: [3, 7])
        let database = try app.database()
        let read = try await readAhead(database)
        #expect(read.entries == 38 && read.editions == 1)
        let edition = try #require(try database.edition(year: 2022))
        #expect(try database.eligibleListings(editionId: edition.id!).count == 38)
        let other = try TestApp()
        defer { other.cleanUp() }
        try ScaleFixture.edition(other, count: 5, state: .open)
        let none = try await readAhead(try other.database())
        #expect(none.entries == 0 && none.editions == 0)
    }

    @Test func pages_stay_small_at_five_thousand_entries() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let started = Date()
        let entries = try ScaleFixture.edition(app, count: 5_000)
        let jurors = try ["a@ac-creteil.fr", "b@ac-creteil.fr", "c@ac-creteil.fr"].map { try ScaleFixture.juror(app, email: $0) }
        try ScaleFixture.score(app, entries: entries, jurors: Array(jurors.prefix(2)))
        try ScaleFixture.score(app, entries: Array(entries.prefix(4_000)), jurors: [jurors[2]])
        print("JuryScale: 5000 entries and 14000 ballots stored in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        try await app.test { client in
            let juror = try await Self.signIn(client, "c@ac-creteil.fr")
            let organiser = Browser(client)
            try await organiser.login()
            func measure(_ browser: Browser, _ path: String) async throws -> String {
                _ = try await browser.get(path)
                let start = Date()
                let page = try await browser.get(path)
                let ms = Date().timeIntervalSince(start) * 1000
                let bytes = page.body.utf8.count
                print("JuryScale: GET \(path) \(page.status.code) \(bytes) bytes \(String(format: "%.1f", ms)) ms")
                #expect(page.status == .ok, "\(path)")
                #expect(bytes <= 300_000, "\(path): \(bytes) bytes")
                return page.body
            }
            let list = try await measure(juror, "/jury")
            #expect(list.contains("4000 / 5000 notées"))
            let codes = ScaleFixture.listedCodes(in: list)
            #expect(codes.count == 50)
            _ = try await measure(juror, "/jury?statut=a-noter&par=200")
            let score = try await measure(juror, "/jury/affiches/\(codes[0])")
            #expect(score.contains("(1 / 5000)"))
            _ = try await measure(organiser, "/organisation/editions/2022/jury")
            _ = try await measure(organiser, "/organisation/editions/2022/jury?normalisation=1&par=200&page=7")
            try app.database().moveEdition(id: 1, to: .deliberation, now: app.clock.now)
            _ = try await measure(organiser, "/organisation/editions/2022/deliberation")
            let last = try await measure(organiser, "/organisation/editions/2022/deliberation?classement=normalise&par=200&page=99999")
            // At most 100 rows a page there, whatever is asked: the last of 50 pages.
            #expect(ScaleFixture.rankedCodes(in: last).count == 100)
        }
    }
}
