import Core
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// `GET /sante`: what a load balancer polls.
struct HealthWebTests {
    struct Report: Decodable {
        struct Check: Decodable {
            let name: String
            let ok: Bool
            let detail: String
        }
        let status: String
        let version: String
        let checks: [Check]
    }

    @Test func sante_reports_a_real_database_write_the_free_disk_and_the_version() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        // Probes use the bare address: the public-host check does not apply to /sante (and only to it).
        app.config.publicURL = "https://concours.ac-creteil.fr"
        let config = app.config
        try await app.testLive { client in
            // The live client names 127.0.0.1, not the public host.
            let answer = try await client.execute(uri: "/sante", method: .get) { response in
                (response.status, response.headers[.contentType], response.headers[.cacheControl], Data(buffer: response.body))
            }
            #expect(answer.0 == .ok)
            #expect(answer.1 == "application/json; charset=utf-8" && answer.2 == "no-store")
            let report = try JSONDecoder().decode(Report.self, from: answer.3)
            #expect(report.status == "ok" && report.version == AppVersion.current)
            #expect(report.checks.map(\.name) == ["base", "disque", "courriels"] && report.checks.allSatisfy(\.ok))
            #expect(report.checks[1].detail.contains("Mo libres (minimum 1000 Mo)"))
            // Any other page still refuses a foreign host.
            let home = try await client.execute(uri: "/", method: .get) { $0.status }
            #expect(home == .misdirectedRequest)
        }
        // The write really happened: its row carries the clock's time.
        let queue = try DatabaseQueue(path: config.databasePath)
        let written = try await queue.read { db in try Date.fetchOne(db, sql: "SELECT lastFailureAt FROM throttle WHERE key = 'sante:sonde'") }
        #expect(written == app.clock.now)
    }

    @Test func sante_answers_503_when_a_message_waits_for_more_than_15_minutes() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let message = MailMessage(kind: .receipt, to: MailAddress("prof@ac-creteil.fr"), subject: "Reçu", text: "Bonjour\n", html: "<p>Bonjour</p>")
        try app.database().enqueueMail([message], now: app.clock.now.addingTimeInterval(-14 * 60))
        try await app.test { client in
            let fresh = try await client.execute(uri: "/sante", method: .get) { $0.status }
            #expect(fresh == .ok)
        }
        app.clock.now = app.clock.now.addingTimeInterval(2 * 60)
        try await app.test { client in
            let answer = try await client.execute(uri: "/sante", method: .get) { ($0.status, Data(buffer: $0.body)) }
            #expect(answer.0 == .serviceUnavailable)
            let report = try JSONDecoder().decode(Report.self, from: answer.1)
            let check = try #require(report.checks.first { $0.name == "courriels" })
            #expect(!check.ok && check.detail.hasPrefix("1 en attente depuis plus de 15 min"))
        }
    }

    @Test func sante_answers_503_when_the_disk_is_below_the_threshold() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        app.config.monitoring.minimumFreeDiskMB = 1_000_000_000  // 1 EB: no test machine has it
        try await app.test { client in
            let answer = try await client.execute(uri: "/sante", method: .get) { ($0.status, Data(buffer: $0.body)) }
            #expect(answer.0 == .serviceUnavailable)
            let report = try JSONDecoder().decode(Report.self, from: answer.1)
            #expect(report.status == "erreur")
            #expect(report.checks.first { $0.name == "disque" }?.ok == false)
            #expect(report.checks.first { $0.name == "base" }?.ok == true)
        }
    }

    @Test func sante_fails_when_the_database_refuses_writes() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            // A trigger makes SQLite itself refuse the probe's write, as a full or read-only disk would.
            let queue = try DatabaseQueue(path: app.config.databasePath)
            try await queue.write { db in
                try db.execute(sql: "CREATE TRIGGER sante_refus BEFORE INSERT ON throttle BEGIN SELECT RAISE(ABORT, 'disque en lecture seule'); END")
            }
            let answer = try await client.execute(uri: "/sante", method: .get) { ($0.status, Data(buffer: $0.body)) }
            #expect(answer.0 == .serviceUnavailable)
            let report = try JSONDecoder().decode(Report.self, from: answer.1)
            let base = try #require(report.checks.first { $0.name == "base" })
            #expect(!base.ok && base.detail.contains("écriture impossible"))
        }
    }
}
