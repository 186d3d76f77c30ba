import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The entries CSV as French Excel reads it: what users typed must never run as a formula.
struct CSVExportWebTests {
    /// The CSV's records, BOM removed, read back by the project's own RFC 4180 reader.
    static func csvRecords(_ organiser: Browser, client: any TestClientProtocol) async throws -> [[String]] {
        let data = try await client.execute(
            uri: "/organisation/editions/2022/export.csv", method: .get, headers: [.cookie: organiser.cookieHeader()]
        ) { Data(buffer: $0.body) }
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        return CSVReader(separator: ";").records(text)
    }

    @Test func csv_cells_that_excel_would_evaluate_are_neutralised() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            let database = try app.database()
            let entry = try #require(try database.entry(id: ids[0]))
            // Every text the submitter typed starts like a formula.
            var details = entry.details
            details.statement = "+cmd|' /C calc'!A0"
            details.classLabel = "-2+3"
            details.teacherName = "@SUM(1+1)*cmd|' /C calc'!A0"
            details.teacherEmail = "=1+1@example.fr"
            let payloads = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]
            for payload in payloads {
                details.title = payload
                try database.updateEntry(id: ids[0], details: details, categoryCode: "college", maxPerCategory: 2, now: app.clock.now)
                let records = try await Self.csvRecords(organiser, client: client)
                let header = try #require(records.first)
                let row = try #require(records.first { $0.first == entry.reference })
                #expect(row.count == header.count, "the payload stays one field")
                func cell(_ name: String) throws -> String { row[try #require(header.firstIndex(of: name))] }
                #expect(try cell("Titre") == "'" + payload)
                #expect(try cell("Note d’intention") == "'" + details.statement)
                #expect(try cell("Classe ou groupe") == "'" + details.classLabel)
                #expect(try cell("Encadrant") == "'" + details.teacherName)
                #expect(try cell("E-mail") == "'" + details.teacherEmail)
            }
        }
    }

    @Test func csv_numbers_written_by_the_service_stay_numbers() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            let records = try await Self.csvRecords(organiser, client: client)
            let header = try #require(records.first)
            let lowest = try #require(try app.database().entry(id: ids[2]))
            let row = try #require(records.first { $0.first == lowest.reference })
            func cell(_ name: String) throws -> String { row[try #require(header.firstIndex(of: name))] }
            // Scores, counts and ranks are written as French numbers, never prefixed.
            #expect(try cell("Note moyenne") == "3,00")
            #expect(try cell("Notes") == "1")
            #expect(try cell("Élèves") == String(lowest.details.studentCount))
            let normalised = try cell("Note centrée réduite")
            #expect(Double(normalised.replacingOccurrences(of: ",", with: ".")) != nil, "\(normalised)")
            #expect(try cell("Rang") == "3")
        }
    }
}
