import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Web

/// The winners' archive as other programs read it, and its refusal when the classic ZIP format cannot hold it.
struct WinnersZipWebTests {
    static func winnersZip(_ organiser: Browser, client: any TestClientProtocol) async throws -> (status: HTTPResponse.Status, body: Data) {
        try await client.execute(uri: "/organisation/editions/2022/laureats.zip", method: .get, headers: [.cookie: organiser.cookieHeader()]) {
            ($0.status, Data(buffer: $0.body))
        }
    }

    @Test func the_winners_zip_opens_in_independent_readers() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[2])), ("prix", "coeur")])
            let zip = try await Self.winnersZip(organiser, client: client)
            #expect(zip.status == .ok)
            try ExternalZipReaders.expectValid(zip.body)
            #expect(try ExternalZipReaders.pythonNames(zip.body) == ZipReader.entries(zip.body).map(\.name))
        }
    }

    @Test func a_winners_zip_over_the_limit_is_refused_before_it_starts() async throws {
        let app = try {
            var app = try TestApp()
            // A poster of a few kilobytes cannot fit in one kilobyte.
            app.zipLimits = .init(maxBytes: 1_000)
            return app
        }()
        defer { app.cleanUp() }
        try await app.test { client in
            let (organiser, ids) = try await ResultsWebTests.deliberating(app, client: client)
            try await organiser.post("/organisation/editions/2022/prix", form: [("depot", String(ids[0])), ("prix", "premier")])
            let refused = try await organiser.get("/organisation/editions/2022/laureats.zip")
            #expect(refused.status == .seeOther && refused.location == "/organisation/editions/2022/deliberation")
            #expect(refused.headers[.contentType] != "application/zip")
            let page = try await organiser.get("/organisation/editions/2022/deliberation")
            #expect(page.body.contains("L’archive des lauréats dépasserait la taille maximale d’un fichier ZIP (4 Go)"))
        }
    }
}
