import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The ranking page, `classement.json` and `classement.csv`: the three methods, rank intervals, ties and groups agree.
struct ClassementWebTests {
    struct Report: Decodable {
        struct Interval: Decodable { let lower: Int; let upper: Int }
        struct Row: Decodable {
            let reference: String
            let anonymousCode: String
            let round: Int
            let ballots: Int
            let rawMean: Double?
            let scores: [String: Double]
            let ranks: [String: Int]
            let exAequo: Bool
            let rankInterval: Interval?
            let prizePlaceProbability: Double?
            let disagreement: Bool
        }
        struct Group: Decodable { let references: [String]; let sentence: String }
        struct Category: Decodable { let code: String; let entries: [Row]; let indistinguishable: [Group] }
        let edition: Int
        let round: Int
        let countedRounds: [Int]
        let defaultMethod: String
        let draws: Int
        let categories: [Category]
    }

    @Test func scores_by_every_method_with_intervals_agree_between_json_csv_and_page() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            let database = try app.database()
            let reference = try ids.map { try #require(try database.entry(id: $0)).reference }
            let answer = try await client.execute(
                uri: "/organisation/editions/2022/classement.json", method: .get, headers: [.cookie: organiser.cookieHeader()]
            ) { ($0.status, $0.headers[.contentType], Data(buffer: $0.body)) }
            #expect(answer.0 == .ok && answer.1 == "application/json; charset=utf-8")
            let report = try JSONDecoder().decode(Report.self, from: answer.2)
            #expect(report.edition == 2022 && report.round == 1 && report.defaultMethod == "calibrated" && report.draws >= 1000)
            let college = try #require(report.categories.first { $0.code == "college" })
            // One juror scored 5, 4 and 3: every method agrees, ranks 1, 2, 3, each certain (one ballot each).
            #expect(college.entries.map(\.reference) == reference)
            #expect(college.entries.map { $0.ranks["rawMean"] } == [1, 2, 3] && college.entries.map { $0.ranks["calibrated"] } == [1, 2, 3])
            #expect(college.entries.map(\.rawMean) == [5, 4, 3] && college.entries.allSatisfy { $0.ballots == 1 && $0.round == 1 })
            #expect(college.entries.map { $0.rankInterval.map { [$0.lower, $0.upper] } } == [[1, 1], [2, 2], [3, 3]])
            #expect(college.entries.map(\.prizePlaceProbability) == [1, 1, 1])
            #expect(college.indistinguishable.isEmpty)

            // A second juror who reverses the order: every poster averages 4, the raw ranks are ties, the scores
            // cannot separate them, and both the page and the CSV say so.
            let second = try database.createJuror(name: "K", email: "k@ac-creteil.fr", conflicts: [], now: app.clock.now)
            for (id, score) in zip(ids, [3, 4, 5]) {
                let scores = Dictionary(uniqueKeysWithValues: ["theme", "message", "creativite", "graphisme"].map { ($0, score) })
                try database.saveBallot(Ballot(entryId: id, jurorId: second.id!, scores: scores, submitted: true, updatedAt: app.clock.now))
            }
            let tied = try await client.execute(
                uri: "/organisation/editions/2022/classement.json", method: .get, headers: [.cookie: organiser.cookieHeader()]
            ) { try JSONDecoder().decode(Report.self, from: Data(buffer: $0.body)) }
            let rows = try #require(tied.categories.first { $0.code == "college" }).entries
            #expect(rows.allSatisfy { $0.ranks["rawMean"] == 1 && $0.rawMean == 4 && $0.ballots == 2 })
            // 5 and 3 on a 0–5 scale spread over 40 % of it; 4 and 4 do not.
            let middle = reference[1]
            #expect(rows.allSatisfy { $0.disagreement == ($0.reference != middle) }, "\(rows)")
            let groups = try #require(tied.categories.first { $0.code == "college" }).indistinguishable
            #expect(groups.count == 1 && Set(groups[0].references) == Set(reference))
            #expect(groups[0].sentence == "ces 3 affiches ne peuvent pas être départagées par les notes")

            let page = try await organiser.get("/organisation/editions/2022/classement")
            #expect(page.status == .ok)
            #expect(page.body.contains("Ces 3 affiches ne peuvent pas être départagées par les notes"))
            #expect(page.body.contains("Calibrée (décalages par juré)") && page.body.contains("ex aequo") && page.body.contains("Désaccord"))
            // The page lists the posters in the JSON's order.
            let positions = rows.map { page.body.range(of: $0.anonymousCode)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())

            // The jury dashboard and the deliberation page say so too, on the same method.
            for path in ["/organisation/editions/2022/jury", "/organisation/editions/2022/deliberation"] {
                let board = try await organiser.get(path)
                #expect(board.body.contains("ces 3 affiches ne peuvent pas être départagées par les notes."), "\(path)")
                #expect(board.body.components(separatedBy: "⚠</span> désaccord</span>").count == 3, "\(path): the two 5/3 splits")
            }

            let csv = try await client.execute(
                uri: "/organisation/editions/2022/classement.csv", method: .get, headers: [.cookie: organiser.cookieHeader()]
            ) { ($0.headers[.contentDisposition], String(buffer: $0.body)) }
            #expect(csv.0 == "attachment; filename=\"concours-2022-classement.csv\"")
            let lines = csv.1.split(separator: "\r\n")
            #expect(lines.count == 1 + rows.count, "\(lines)")
            #expect(lines[0].contains(";Rang — Moyenne brute;") && lines[0].contains(";Probabilité de prix;"), "\(lines[0])")
            for (line, row) in zip(lines.dropFirst(), rows) {
                // Scores with a decimal comma, ties marked, the group's references listed.
                #expect(line.contains(";\(row.reference);") && line.contains(";4,00;4,00;4,00;1;1;1;oui;1;3;100,00;"), "\(line)")
                #expect(line.hasSuffix(rows.map(\.reference).joined(separator: ", ")), "\(line)")
            }
        }
    }

    @Test func only_organisers_read_the_ranking() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            _ = try await ResultsWebTests.deliberating(app, client: client)
            let visitor = Browser(client)
            for path in ["/organisation/editions/2022/classement", "/organisation/editions/2022/classement.json", "/organisation/editions/2022/classement.csv"] {
                let answer = try await visitor.get(path)
                #expect(answer.status == .seeOther || answer.status == .notFound || answer.status == .forbidden, "\(path): \(answer.status)")
                #expect(!answer.body.contains("rawMean") && !answer.body.contains("Probabilité"))
            }
        }
    }
}

extension ClassementWebTests {
    /// The order of `codes` on a page (by first occurrence).
    static func order(of codes: [String], in body: String) -> [String] {
        codes.compactMap { code in body.range(of: code).map { (code, $0.lowerBound) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test func the_jury_dashboard_orders_ties_by_the_deliberation_rule_not_by_code() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            try await JuryFixture.prepare(app, client: organiser)
            try await organiser.login()
            let database = try app.database()
            let juror = try database.createJuror(name: "J", email: "j@ac-creteil.fr", conflicts: [], now: app.clock.now)
            let listings = try database.entries(editionId: 1).sorted { $0.establishment.uai.code < $1.establishment.uai.code }
            // Same weighted mean (3,6) for all three; the first criterion (« theme ») separates the first two from the
            // third, and nothing separates the first two: they stay ex aequo.
            let sheets: [[String: Int]] = [
                ["theme": 3, "message": 5, "creativite": 3, "graphisme": 3],
                ["theme": 5, "message": 3, "creativite": 3, "graphisme": 3],
                ["theme": 5, "message": 3, "creativite": 3, "graphisme": 3],
            ]
            for (listing, scores) in zip(listings, sheets) {
                try database.saveBallot(Ballot(entryId: listing.entry.id!, jurorId: juror.id!, scores: scores, submitted: true, updatedAt: app.clock.now))
            }
            try database.moveEdition(id: 1, to: .deliberation, now: app.clock.now)
            let codes = listings.map(\.entry.anonymousCode)
            let dashboard = try await organiser.get("/organisation/editions/2022/jury")
            let deliberation = try await organiser.get("/organisation/editions/2022/deliberation")
            #expect(dashboard.status == .ok && deliberation.status == .ok)
            // The ranking table, after the lists of posters below the quorum.
            // (the table's rows: the notice above it names the posters the scores cannot separate, in the method's order).
            let section = try #require(dashboard.body.range(of: "Classement provisoire</h2>"))
            let table = try #require(dashboard.body.range(of: "<tbody>", range: section.upperBound..<dashboard.body.endIndex))
            let onDashboard = Self.order(of: codes, in: String(dashboard.body[table.upperBound...]))
            #expect(dashboard.body.contains("<tr><td>1</td>") && dashboard.body.components(separatedBy: "<tr><td>1</td>").count == 3, "ex aequo share rank 1")
            let rows = try #require(deliberation.body.range(of: "<table class=\"table deliberation\">"))
            let onDeliberation = Self.order(of: codes, in: String(deliberation.body[rows.upperBound...]))
            #expect(onDashboard == onDeliberation, "dashboard \(onDashboard), deliberation \(onDeliberation)")
            // The two with the better first criterion come first, by entry id (never by code); the third is last.
            let ids = listings.map { $0.entry.id! }
            let expected = [ids[1], ids[2]].sorted().map { id in listings.first { $0.entry.id == id }!.entry.anonymousCode } + [codes[0]]
            #expect(onDashboard == expected)
        }
    }
}
