import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// Rank intervals computed away from the requests (``RankIntervals``): above the page limit the ranking pages answer
/// at once and say the intervals are being computed; they show them once computed; the exports always carry them.
struct RankIntervalsWebTests {
    static let pending = "data-calcul-en-cours"

    /// An application whose pages never wait for their intervals.
    static func backgroundApp() throws -> TestApp {
        var app = try TestApp()
        app.intervalPageLimit = 0
        return app
    }

    /// Asks for `path` until it no longer says its intervals are being computed (30 s at most).
    static func whenComputed(_ browser: Browser, _ path: String) async throws -> Browser.Page {
        var page = try await browser.get(path)
        for _ in 0..<300 where page.body.contains("Intervalles de rang en cours de calcul") {
            try await Task.sleep(for: .milliseconds(100))
            page = try await browser.get(path)
        }
        return page
    }

    @Test func above_the_page_limit_the_intervals_come_from_the_background_and_the_exports_wait_for_them() async throws {
        // Every page leaves its intervals to the background, whatever the number of ballots.
        let app = try Self.backgroundApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            let classement = "/organisation/editions/2022/classement"
            let first = try await organiser.get(classement)
            #expect(first.status == .ok)
            #expect(first.body.contains(Self.pending))
            #expect(first.body.contains("Intervalles de rang en cours de calcul (1\u{202F}000 tirages sur 3 notations)"))
            #expect(first.body.contains("<td>en calcul</td>"))
            // The scores and ranks are there already.
            #expect(first.body.contains("<strong>1</strong>") && first.body.contains("<strong>3</strong>"))

            let done = try await Self.whenComputed(organiser, classement)
            #expect(!done.body.contains(Self.pending) && !done.body.contains("en calcul"))
            #expect(done.body.contains("<td>100 %</td>"))

            // A change of the database that leaves the ballots as they were: the intervals are there at once.
            try app.database().insertUser(User(email: "autre@ac-creteil.fr", displayName: "Autre", role: .organiser, passwordHash: "x"))
            #expect(try await !organiser.get(classement).body.contains(Self.pending))

            // A new ballot: a new set of ballots, computed again; the JSON export waits for it and carries the intervals.
            let database = try app.database()
            let second = try database.createJuror(name: "K", email: "k@ac-creteil.fr", conflicts: [], now: app.clock.now)
            for (id, score) in zip(ids, [3, 4, 5]) {
                let scores = Dictionary(uniqueKeysWithValues: ["theme", "message", "creativite", "graphisme"].map { ($0, score) })
                try database.saveBallot(Ballot(entryId: id, jurorId: second.id!, scores: scores, submitted: true, updatedAt: app.clock.now))
            }
            let again = try await organiser.get(classement)
            #expect(again.body.contains(Self.pending) && again.body.contains("sur 6 notations"))
            let json = try await client.execute(
                uri: "/organisation/editions/2022/classement.json", method: .get, headers: [.cookie: organiser.cookieHeader()]
            ) { try JSONDecoder().decode(ClassementWebTests.Report.self, from: Data(buffer: $0.body)) }
            let rows = try #require(json.categories.first { $0.code == "college" }).entries
            #expect(rows.count == 3 && rows.allSatisfy { $0.rankInterval != nil && $0.prizePlaceProbability != nil })
            // The export's computation is the page's: the page has them now.
            let after = try await organiser.get(classement)
            #expect(!after.body.contains(Self.pending))
            #expect(after.body.contains("Ces 3 affiches ne peuvent pas être départagées par les notes"))
        }
    }

    @Test func the_dashboard_updates_itself_and_the_deliberation_asks_to_be_reloaded() async throws {
        let app = try Self.backgroundApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, _) = try await ResultsWebTests.deliberating(app, client: client)
            // Each first view asks for intervals nobody asked for yet (the raw mean's are another computation).
            let deliberation = try await organiser.get("/organisation/editions/2022/deliberation")
            #expect(deliberation.status == .ok)
            // A page of forms does not reload itself under the organiser's hands.
            #expect(deliberation.body.contains("Intervalles de rang en cours de calcul") && !deliberation.body.contains(Self.pending))
            #expect(deliberation.body.contains("rechargez la page dans quelques secondes") && !deliberation.body.contains("à 90 %"))
            let raw = "/organisation/editions/2022/jury?classement=brut"
            let dashboard = try await organiser.get(raw)
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains(Self.pending) && dashboard.body.contains("cette page se complète d’elle-même"))
            #expect(dashboard.body.contains("<td>en calcul</td>"))
            let done = try await Self.whenComputed(organiser, raw)
            #expect(!done.body.contains(Self.pending) && !done.body.contains("<td>en calcul</td>") && done.body.contains("<td>100 %</td>"))
            let shown = try await Self.whenComputed(organiser, "/organisation/editions/2022/deliberation")
            #expect(!shown.body.contains("Intervalles de rang en cours de calcul") && shown.body.contains("à 90 %"))
        }
    }

    @Test func the_second_round_proposal_keeps_its_form_and_asks_to_be_reloaded() async throws {
        let app = try Self.backgroundApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try JudgingRoundsWebTests.judging(app)
        try ScaleFixture.score(app, entries: entries, jurors: Array(jurors.prefix(4)))
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let path = "/organisation/editions/2022/jury/second-tour?n=2"
            let first = try await organiser.get(path)
            // The proposal is there at once (ranks and scores), the intervals to come, and the page never reloads itself.
            #expect(first.status == .ok && first.body.contains("6 affiches proposées"))
            #expect(first.body.contains("Intervalles de rang en cours de calcul") && first.body.contains("rechargez la page dans quelques secondes"))
            #expect(!first.body.contains(Self.pending) && first.body.contains("<td>en calcul</td>"))
            let done = try await Self.whenComputed(organiser, path)
            #expect(!done.body.contains("en calcul") && done.body.contains("6 affiches proposées"))
        }
    }

    @Test func under_the_page_limit_the_page_waits_for_its_intervals() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, _) = try await ResultsWebTests.deliberating(app, client: client)
            let page = try await organiser.get("/organisation/editions/2022/classement")
            #expect(page.status == .ok && !page.body.contains("Intervalles de rang en cours de calcul") && page.body.contains("<td>100 %</td>"), "\(page.body)")
        }
    }
}

/// The store itself: one computation at a time, every waiter answered, outcomes kept by request.
struct RankIntervalsStoreTests {
    static func request(_ seed: Int, draws: Int = 200) -> JudgingReport.UncertaintyRequest {
        var ballots: [JudgedScore] = []
        for poster in 1...8 {
            for juror in 1...4 where (poster + juror + seed) % 4 != 0 {
                ballots.append(JudgedScore(posterId: Int64(poster), jurorId: Int64(juror), value: Double((poster * 7 + juror * 3 + seed) % 11)))
            }
        }
        let report = JudgingReport.make(
            ballots, posters: (1...8).map { (id: Int64($0), category: $0 % 2 == 0 ? "A" : "B") }, categoryOrder: ["A", "B"],
            scale: .init(min: 0, max: 10), prizePlaces: 2, draws: draws, deferUncertainty: true)
        return report.pendingUncertainty!
    }

    @Test func many_waiters_on_several_requests_each_get_their_own_outcome_computed_once() async throws {
        let store = RankIntervals()
        let requests = (0..<3).map { Self.request($0) }
        #expect(Set(requests).count == 3)
        // The first page to ask starts it and gets nothing yet; asking again while it runs starts nothing more.
        #expect(store.ready(requests[0]) == nil)
        #expect(store.ready(requests[1]) == nil)
        #expect(store.isPending(requests[0]))
        let outcomes = await withTaskGroup(of: (Int, RankIntervals.Estimates).self) { group in
            for index in 0..<12 { group.addTask { (index % 3, await store.wait(requests[index % 3])) } }
            var all: [(Int, RankIntervals.Estimates)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 12)
        for (index, estimates) in outcomes { #expect(estimates == requests[index].estimate()) }
        #expect(store.computed == 3)
        #expect(store.ready(requests[2]) == requests[2].estimate())
        #expect(!store.isPending(requests[2]))
        #expect(store.computed == 3)
    }

    /// A page under the limit computes its own small request at once, beside a large one under way (another edition's
    /// 10,000 ballots), instead of waiting its turn behind it. The large computation is held back until the end.
    @Test func a_small_page_is_not_held_up_by_a_large_computation_under_way() async throws {
        let large = Self.request(5, draws: 300)
        let small = Self.request(6)
        let gate = DispatchSemaphore(value: 0)
        let store = RankIntervals { request in
            if request == large { gate.wait() }
            return request.estimate()
        }
        #expect(store.ready(large) == nil)
        let estimates = await IntervalWait.upTo(ballots: IntervalWait.pageLimit, store).estimates(for: small)
        #expect(estimates == small.estimate())
        #expect(store.isPending(large), "the large computation is still under way")
        #expect(store.ready(small) == small.estimate())
        gate.signal()
        #expect(await store.wait(large) == large.estimate())
    }
}
