import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Web

/// One JSON line per request, with the route pattern and no private token, address or e-mail.
struct RequestLogWebTests {
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
}
