import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// `GET /metrics`: Prometheus text, loopback or token only.
struct MetricsWebTests {
    /// The value of the sample whose line starts with `prefix` (name and labels), if any.
    static func sample(_ text: String, _ prefix: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(prefix + " ") {
            return Double(line.dropFirst(prefix.count + 1))
        }
        return nil
    }

    @Test func a_direct_loopback_client_reads_requests_uploads_entries_and_the_decode_queue() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.testLive { client in
            let school = Browser(client)
            _ = try await SubmissionFixture.submit(school)
            // A refused file (not an image) and a form with a missing title.
            let bad = try await school.postMultipart(
                "/participer", fields: SubmissionFixture.fields(title: "Autre"),
                file: .init(filename: "affiche.jpg", contentType: "image/jpeg", data: Data("pas une image".utf8)))
            #expect(bad.status == .unprocessableContent)
            let missing = try await school.postMultipart(
                "/participer", fields: SubmissionFixture.fields(title: ""), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 7)))
            #expect(missing.status == .unprocessableContent)
            _ = try await client.execute(uri: "/pas-de-page-ici", method: .get) { $0.status }

            let (status, type, body) = try await client.execute(uri: "/metrics", method: .get) {
                ($0.status, $0.headers[.contentType], String(buffer: $0.body))
            }
            #expect(status == .ok)
            #expect(type == "text/plain; version=0.0.4; charset=utf-8")
            // Requests by route pattern and status, never the raw path.
            #expect(Self.sample(body, #"concours_http_requests_total{method="GET",route="/participer",status="200"}"#) == 1)
            #expect(Self.sample(body, #"concours_http_requests_total{method="POST",route="/participer",status="303"}"#) == 1)
            #expect(Self.sample(body, #"concours_http_requests_total{method="POST",route="/participer",status="422"}"#) == 2)
            #expect(Self.sample(body, #"concours_http_requests_total{method="GET",route="NotFound",status="404"}"#) == 1)
            #expect(!body.contains("pas-de-page-ici"))
            #expect(body.contains(#"concours_http_request_duration_seconds_bucket{method="POST",route="/participer",le="+Inf"} 3"#))
            // Uploads by outcome and reason.
            #expect(Self.sample(body, #"concours_uploads_total{outcome="accepted",reason=""}"#) == 1)
            #expect(Self.sample(body, #"concours_uploads_total{outcome="refused",reason="image_unrecognized_format"}"#) == 1)
            #expect(Self.sample(body, #"concours_uploads_total{outcome="refused",reason="form"}"#) == 1)
            // The decode queue: one accepted decode (the missing-title form decoded its file too) and an idle gate now.
            #expect((Self.sample(body, "concours_decode_duration_seconds_count") ?? 0) >= 1)
            #expect(Self.sample(body, "concours_decode_active") == 0)
            #expect(Self.sample(body, "concours_decode_waiting") == 0)
            // Entries per state, from the database.
            #expect(Self.sample(body, #"concours_entries{edition="2022",status="active",eligibility="pending"}"#) == 1)
            // The receipt queued in the entry's transaction, by state and kind (delivered or not by now).
            let receipts = ["queued", "sent"].compactMap { Self.sample(body, #"concours_mail_outbox{state="\#($0)",kind="receipt"}"#) }
            #expect(receipts.reduce(0, +) == 1, "\(body.split(separator: "\n").filter { $0.contains("mail") })")
            // A request forwarded by a proxy is refused even from 127.0.0.1.
            let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "203.0.113.9"]) { $0.status }
            #expect(forwarded == .notFound)
        }
    }

    @Test func with_a_token_only_its_bearer_reads_the_metrics() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        app.config.monitoring.metricsToken = "jeton-de-surveillance-1234"
        try await app.testLive { client in
            for header in [nil, "Bearer mauvais-jeton-de-surveillance", "Basic jeton-de-surveillance-1234", "Bearer jeton-de-surveillance-123"] {
                var headers = HTTPFields()
                if let header { headers[.authorization] = header }
                let status = try await client.execute(uri: "/metrics", method: .get, headers: headers) { $0.status }
                #expect(status == .notFound, "\(header ?? "sans en-tête")")
            }
            let answer = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer jeton-de-surveillance-1234", .xForwardedFor: "203.0.113.9"]
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(answer.0 == .ok && answer.1.contains("concours_http_requests_total"))
        }
    }

    @Test func the_router_without_a_peer_address_is_refused_without_a_token() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let status = try await client.execute(uri: "/metrics", method: .get) { $0.status }
            #expect(status == .notFound)
        }
    }

    @Test func bad_monitoring_settings_are_refused_in_french() throws {
        var config = AppConfig()
        config.monitoring.minimumFreeDiskMB = -1
        #expect(throws: ConfigError.invalid("monitoring.minimumFreeDiskMB ne peut pas être négatif")) { try config.validate() }
        config = AppConfig()
        config.monitoring.metricsToken = "court"
        #expect(throws: ConfigError.invalid("monitoring.metricsToken doit compter au moins 16 caractères (ou ne pas être défini)")) {
            try config.validate()
        }
        var fromEnvironment = AppConfig()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jeton-\(UUID().uuidString)")
        try Data("jeton-lu-dans-un-fichier-42\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try fromEnvironment.applyEnvironment(["CONCOURS_METRICS_TOKEN_FILE": file.path])
        #expect(fromEnvironment.monitoring.metricsToken == "jeton-lu-dans-un-fichier-42")
    }
}
