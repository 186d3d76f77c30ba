import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Web

/// One JSON line per request, with the route pattern and no private token, address or e-mail.
struct RequestLogWebTests {
    @Test func durations_are_written_to_a_tenth_of_a_millisecond_rounded_half_up() {
        #expect(RequestLogMiddleware.milliseconds(.milliseconds(3) + .microseconds(149)) == "3.1")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(50)) == "0.1")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(49)) == "0.0")
        #expect(RequestLogMiddleware.milliseconds(.seconds(1) + .milliseconds(250)) == "1250.0")
    }

    @Test func a_host_is_kept_lower_cased_only_if_every_byte_is_allowed() {
        #expect(ClientAddress.validAuthority("Concours.AC-Creteil.fr:8080") == "concours.ac-creteil.fr:8080")
        #expect(ClientAddress.validAuthority("[::1]:80") == "[::1]:80")
        for bad in ["", ".exemple.fr", "-exemple.fr", "exémple.fr", "exemple.fr/x", "a b", String(repeating: "a", count: 256)] {
            #expect(ClientAddress.validAuthority(bad) == nil, "\(bad)")
        }
    }

    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func each_request_logs_its_route_pattern_status_and_duration_without_the_token() async throws {
        let lines = Lines()
        let logger = Logger(label: "concours.requests") { JSONLogHandler(label: $0, write: { lines.append($0) }) }
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger, metrics: AppMetrics()))
        router.get("depot/:token") { _, _ in "ok" }
        router.get("refus") { _, _ -> String in throw HTTPError(.forbidden) }
        let app = Application(router: router)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/depot/secret-token-abc?email=camille@example.org", method: .get) { $0.status }
            _ = try await client.execute(uri: "/refus", method: .get) { $0.status }
        }
        let records = try lines.all.map { try JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
        #expect(records.count == 2)
        #expect(records.first?["route"] == "/depot/{token}" && records.first?["status"] == "200" && records.first?["method"] == "GET")
        #expect(records.last?["route"] == "/refus" && records.last?["status"] == "403")
        #expect(records.allSatisfy { Double($0["duration_ms"] ?? "") != nil && $0["level"] == "info" })
        for line in lines.all {
            #expect(!line.contains("secret-token") && !line.contains("camille") && !line.contains("127.0.0.1"))
        }
    }

    /// The JSON lines are written by hand (no encoder nor formatter per line): the same bytes as `JSONEncoder` with
    /// sorted keys, the same time as `ISO8601DateFormatter`.
    @Test func json_lines_match_the_encoder_and_the_iso_formatter() throws {
        let fields = [
            "message": "a \"quoted\" \\ back/slash\nnew line\ttab\u{01}\u{1F} é ✓ 🎨", "level": "info", "z": "", "path": "/organisation/editions/2022",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(fields), as: UTF8.self)
        #expect(JSONLogHandler.line(fields) == expected)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(JSONLogHandler.line(fields).utf8)) == fields)
        let formatter = ISO8601DateFormatter()
        for text in ["2026-12-04T02:43:11Z", "2024-02-29T23:59:59Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-01-01T12:00:00Z"] {
            let date = try #require(formatter.date(from: text))
            #expect(JSONLogHandler.timestamp(date) == text)
            #expect(JSONLogHandler.timestamp(date.addingTimeInterval(0.75)) == text)
        }
    }
}
