import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The jury dashboard, the deliberation page and the entries CSV read the ballots with one method at a time (calibrated
/// by default, raw mean or z-score on request) and rank by one rule; disagreement is relative to the scale.
struct ScoringMethodsWebTests {
    /// Four collège posters; a lenient juror scores the 2nd to 4th (5, 4, 3), a harsh one the 1st to 3rd (3, 2, 1).
    /// Raw means put the 2nd first (3.5) and the 1st level with the 4th (3); corrected for severity, the 1st leads.
    static func severity(_ app: TestApp) throws -> [Entry] {
        let entries = try ScaleFixture.edition(app, count: 12)
        let college = entries.filter { $0.categoryCode == "college" }
        let lenient = try ScaleFixture.juror(app, email: "indulgent@ac-creteil.fr")
        let harsh = try ScaleFixture.juror(app, email: "severe@ac-creteil.fr")
        var ballots: [Ballot] = []
        func ballot(_ entry: Entry, _ juror: Int64, _ value: Int) -> Ballot {
            Ballot(entryId: entry.id!, jurorId: juror, scores: Dictionary(uniqueKeysWithValues: ScaleFixture.criteria.map { ($0, value) }),
                   submitted: true, updatedAt: app.clock.now)
        }
        for (entry, value) in zip(college[1...3], [5, 4, 3]) { ballots.append(ballot(entry, lenient, value)) }
        for (entry, value) in zip(college[0...2], [3, 2, 1]) { ballots.append(ballot(entry, harsh, value)) }
        try app.database().saveBallotsInBulk(ballots)
        return college
    }

    @Test func every_page_ranks_by_the_method_shown_and_the_default_is_calibrated() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let college = try Self.severity(app)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            func first(_ path: String) async throws -> String? {
                let page = try await organiser.get(path)
                #expect(page.status == .ok, "\(path)")
                return ScaleFixture.rankedCodes(in: page.body).first?.code
            }
            // Default: calibrated, on both pages.
            #expect(try await first("/organisation/editions/2022/jury") == college[0].anonymousCode)
            #expect(try await first("/organisation/editions/2022/deliberation") == college[0].anonymousCode)
            // Raw mean on request, on both pages, and the z-score through the former switch too.
            #expect(try await first("/organisation/editions/2022/jury?classement=brut") == college[1].anonymousCode)
            #expect(try await first("/organisation/editions/2022/deliberation?classement=brut") == college[1].anonymousCode)
            #expect(try await organiser.get("/organisation/editions/2022/jury?normalisation=1").body.contains("<strong aria-current=\"page\">Centrée réduite par juré</strong>"))
            let page = try await organiser.get("/organisation/editions/2022/jury")
            #expect(page.body.contains("<strong aria-current=\"page\">Calibrée (par défaut)</strong>") && page.body.contains("décalage +"))
            // The CSV ranks as the deliberation page does by default, with the three scores side by side.
            let csv = try await organiser.get("/organisation/editions/2022/export.csv")
            let rows = csv.body.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(rows.first)
            let rank = try #require(header.firstIndex(of: "Rang"))
            let raw = try #require(header.firstIndex(of: "Note moyenne"))
            let calibrated = try #require(header.firstIndex(of: "Note calibrée"))
            let row = try #require(rows.first { $0.first == college[0].reference })
            #expect(row[rank] == "1" && row[raw] == "3,00" && row[calibrated] != "3,00", "\(row)")
            // classement.json agrees on the calibrated winner.
            let report = try await organiser.execute(json: "/organisation/editions/2022/classement.json")
            let collegeRows = try #require(report.categories.first { $0.code == "college" }).entries
            #expect(collegeRows.first?.anonymousCode == college[0].anonymousCode && collegeRows.first?.ranks["calibrated"] == 1)
        }
    }

    @Test func disagreement_is_a_share_of_the_scale_set_per_edition() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let entries = try ScaleFixture.edition(app, count: 3)
        let a = try ScaleFixture.juror(app, email: "a@ac-creteil.fr")
        let b = try ScaleFixture.juror(app, email: "b@ac-creteil.fr")
        func ballot(_ entry: Entry, _ juror: Int64, _ value: Int) -> Ballot {
            Ballot(entryId: entry.id!, jurorId: juror, scores: Dictionary(uniqueKeysWithValues: ScaleFixture.criteria.map { ($0, value) }),
                   submitted: true, updatedAt: app.clock.now)
        }
        // On 0–5: 5 and 3 spread over 40 % of the scale (flagged by default), 4 and 3 over 20 % (not flagged).
        try app.database().saveBallotsInBulk([ballot(entries[0], a, 5), ballot(entries[0], b, 3), ballot(entries[1], a, 4), ballot(entries[1], b, 3)])
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            func flagged() async throws -> Int {
                try await organiser.get("/organisation/editions/2022/jury?classement=brut").body.components(separatedBy: "⚠</span> désaccord</span>").count - 1
            }
            #expect(try await flagged() == 1)
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("Désaccords (écart d’au moins 40 % du barème, soit 2 points)"))
            let settings = [("quorum", "3"), ("ecart", "20"), ("minimum", "5")]
            #expect(try await organiser.post("/organisation/editions/2022/parametres", form: settings).status == .seeOther)
            #expect(try app.database().edition(year: 2022)?.jury.disagreementShare == 0.2)
            #expect(try await flagged() == 2)
            for wrong in ["0", "150", "beaucoup"] {
                let refused = try await organiser.post("/organisation/editions/2022/parametres", form: [("quorum", "3"), ("ecart", wrong), ("minimum", "5")])
                #expect(refused.status == .unprocessableContent && refused.body.contains("de 5 à 100"), "\(wrong)")
            }
            #expect(try app.database().edition(year: 2022)?.jury.disagreementShare == 0.2)
        }
    }

    @Test func a_ballot_set_aside_by_a_conflict_counts_nowhere() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let college = try Self.severity(app)
        // The lenient juror turns out to be linked to the first poster's establishment... after scoring its neighbours.
        let database = try app.database()
        let lenient = try #require(try database.user(email: "indulgent@ac-creteil.fr")?.id)
        try database.addConflict(userID: lenient, uai: college[1].establishment, declaredBy: "organiser", now: app.clock.now)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let report = try await organiser.execute(json: "/organisation/editions/2022/classement.json")
            let rows = try #require(report.categories.first { $0.code == "college" }).entries
            let second = try #require(rows.first { $0.anonymousCode == college[1].anonymousCode })
            // Its establishment's posters keep only the harsh juror's ballot, in the JSON as on the dashboard.
            #expect(second.ballots == 1)
            let board = try await organiser.get("/organisation/editions/2022/jury")
            #expect(board.body.contains("notations écartées pour conflit d’intérêts") || board.body.contains("notation écartée pour conflit d’intérêts"))
        }
    }

    @Test func editions_stored_with_a_threshold_in_points_read_the_default_share() throws {
        let old = #"{"quorum": 4, "disagreementThreshold": 1.5, "normalisationMinimum": 6}"#
        let settings = try JSONDecoder().decode(JurySettings.self, from: Data(old.utf8))
        #expect(settings.quorum == 4 && settings.normalisationMinimum == 6 && settings.disagreementShare == 0.4)
        let round = try JSONDecoder().decode(JurySettings.self, from: JSONEncoder().encode(JurySettings(disagreementShare: 0.25)))
        #expect(round.disagreementShare == 0.25)
    }
}
