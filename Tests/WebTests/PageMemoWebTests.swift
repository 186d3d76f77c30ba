import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Synchronization
import Testing

@testable import Web

/// Whole pages kept by address, account, moment and state of the database (`PageMemo`): a kept page is never served
/// after the database changed, to another account, at another moment of the calendar, or with a flash message.
struct PageMemoWebTests {
    @Test func a_juror_s_kept_pages_follow_every_change_and_stay_theirs() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try JudgingRoundsWebTests.judging(app)
        try await app.test { client in
            let first = try await JudgingRoundsWebTests.signIn(client, juror: 0)
            let second = try await JudgingRoundsWebTests.signIn(client, juror: 1)
            let list = try await first.get("/jury")
            #expect(list.status == .ok && list.body.contains("0 / 30 notées"))
            // The same page again (kept), then another juror's, which names them and not the first.
            #expect(try await first.get("/jury").body == list.body.replacingOccurrences(of: "\u{00A0}", with: " "))
            let theirs = try await second.get("/jury")
            #expect(theirs.body.contains("jure1@ac-creteil.fr") && !theirs.body.contains("jure0@ac-creteil.fr"))
            #expect(list.body.contains("jure0@ac-creteil.fr"))

            // A ballot saved behind the pages' back (another process, say) shows at once on the list and on the poster.
            let code = try #require(ScaleFixture.listedCodes(in: list.body).first)
            let entry = try #require(entries.first { $0.anonymousCode == code })
            let form = try await first.get("/jury/affiches/\(code)")
            #expect(form.status == .ok && !form.body.contains("checked"))
            let scores = Dictionary(uniqueKeysWithValues: ScaleFixture.criteria.map { ($0, 4) })
            try app.database().saveBallot(Ballot(entryId: entry.id!, jurorId: jurors[0], scores: scores, submitted: true, updatedAt: app.clock.now))
            #expect(try await first.get("/jury").body.contains("1 / 30 notées"))
            #expect(try await first.get("/jury/affiches/\(code)").body.contains("checked"))
            // The other juror's pages did not take the first one's ballot.
            #expect(try await second.get("/jury").body.contains("0 / 30 notées"))

            // A page with a flash message is shown once, then the page without it.
            let fields = ScaleFixture.criteria.map { ("note_\($0)", "5") } + [("action", "brouillon")]
            let saved = try await first.post("/jury/affiches/\(code)", form: fields)
            #expect(saved.status == .seeOther)
            let flashed = try await first.get("/jury/affiches/\(code)")
            #expect(flashed.body.contains("Brouillon enregistré"))
            #expect(!(try await first.get("/jury/affiches/\(code)").body.contains("Brouillon enregistré")))
        }
    }

    @Test func the_submission_form_closes_at_the_deadline_even_when_nothing_changed() async throws {
        let app = try TestApp(now: ParisTime.parse("2022-03-31T23:00")!)
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try SubmissionFixture.seedEstablishments(app)
        try await app.test { client in
            let browser = Browser(client)
            #expect(!(try await browser.get("/").body.contains("Les dépôts sont clos.")))
            let open = try await browser.get("/participer")
            #expect(open.status == .ok && !open.body.contains("Les dépôts sont clos"))
            #expect(!(try await browser.get("/participer").body.contains("Les dépôts sont clos")))
            // Nothing is written to the database: only the clock moves past the deadline.
            app.clock.now = ParisTime.parse("2022-04-02T08:00")!
            #expect(try await browser.get("/participer").body.contains("Les dépôts sont clos"))
            #expect(try await Browser(client).get("/").body.contains("Les dépôts sont clos."))
        }
    }

    @Test func the_home_page_follows_the_edition_s_settings() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let edition = try app.seedEdition(state: .open)
        try await app.test { client in
            let visitor = Browser(client)
            #expect(try await visitor.get("/").body.contains(edition.theme))
            var changed = edition
            changed.theme = "Un thème changé en cours de route"
            try app.database().updateEdition(changed)
            #expect(try await visitor.get("/").body.contains("Un thème changé en cours de route"))
        }
    }

    /// What a memo built for an older state of the database is dropped as soon as something is built for a newer one
    /// (it held megabytes per dashboard until the memo filled).
    @Test func a_memo_forgets_what_was_built_for_an_older_state_of_the_database() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let edition = try app.seedEdition()
        let database = try app.database()
        let memo = Memo<StampedEdition, Int>(capacity: 8)
        let first = try #require(try database.changeStamp())
        #expect(try await memoised(memo, edition: edition, database: database) { 1 } == 1)
        #expect(try await memoised(memo, edition: edition, database: database, variant: 1) { 2 } == 2)
        #expect(memo.value(for: StampedEdition(edition: edition, stamp: first)) == 1)
        try app.seedOrganiser()
        let second = try #require(try database.changeStamp())
        #expect(first != second)
        // Dropped before the new value is built, not after: at 5,000 entries the two jury dashboards held at once set the
        // server's peak memory.
        let held = Mutex<[Int?]>([])
        #expect(
            try await memoised(memo, edition: edition, database: database) {
                held.withLock { $0 = [memo.value(for: StampedEdition(edition: edition, stamp: first)), memo.value(for: StampedEdition(edition: edition, stamp: first, variant: 1))] }
                return 3
            } == 3)
        #expect(held.withLock { $0 } == [nil, nil])
        #expect(memo.value(for: StampedEdition(edition: edition, stamp: first)) == nil)
        #expect(memo.value(for: StampedEdition(edition: edition, stamp: first, variant: 1)) == nil)
        #expect(memo.value(for: StampedEdition(edition: edition, stamp: second)) == 3)
    }
}
