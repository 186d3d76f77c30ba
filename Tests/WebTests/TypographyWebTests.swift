import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Web

/// French typography is in the text when it is made: pages as sent (not normalised) have no breakable space inside
/// « » nor in times, though the renderer no longer rewrites them.
struct TypographyWebTests {
    static func breaches(in html: String) -> [String] {
        var found: [String] = []
        for marker in ["« ", " »", "«&nbsp; ", " &nbsp;»"] where html.contains(marker) { found.append(marker) }
        if html.firstMatch(of: /\d h \d\d/) != nil { found.append("d h dd") }
        return found
    }

    @Test func public_submission_and_organiser_pages_keep_french_spacing() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let school = Browser(client)
            let token = try await SubmissionFixture.submit(
                school, fields: SubmissionFixture.fields(title: "« Bouger »  pour réussir", extra: [("intention", "Le « déclic » de la classe.")]))
            let organiser = Browser(client)
            _ = try await organiser.login()
            let id = try #require(try app.database().entries(editionId: 1).first?.entry.id)
            for (browser, uri) in [
                (school, "/"), (school, "/participer"), (school, "/depot/\(token)"), (organiser, "/organisation"), (organiser, "/organisation/editions/2022"),
                (organiser, "/organisation/editions/2022/depots"), (organiser, "/organisation/depots/\(id)"), (organiser, "/organisation/journal"),
            ] {
                let raw = try await client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookieHeader()]) { String(buffer: $0.body) }
                #expect(Self.breaches(in: raw).isEmpty, "\(uri): \(Self.breaches(in: raw))")
            }
            #expect(try app.database().entry(id: id)?.details.title == "«\u{00A0}Bouger\u{00A0}» pour réussir")
        }
    }

    @Test func reasons_organisers_type_get_french_spacing_when_stored() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            _ = try await SubmissionFixture.submit(Browser(client))
            _ = try await SubmissionFixture.submit(Browser(client), fields: SubmissionFixture.fields(title: "Autre"), seed: 2)
            let ids = try app.database().entries(editionId: 1).compactMap(\.entry.id).sorted()
            let organiser = Browser(client)
            _ = try await organiser.login()
            _ = try await organiser.get("/organisation/depots/\(ids[0])")
            try await organiser.post("/organisation/depots/\(ids[0])/annulation", form: [("motif", "Doublon : déposé deux fois !")])
            _ = try await organiser.get("/organisation/depots/\(ids[1])")
            try await organiser.post("/organisation/depots/\(ids[1])/recevabilite", form: [("decision", "ineligible"), ("motif", "Nom du collège visible ; à retirer")])
            let database = try app.database()
            #expect(try database.entry(id: ids[0])?.cancellationReason == "Doublon\u{00A0}: déposé deux fois\u{00A0}!")
            #expect(try database.entry(id: ids[1])?.eligibility.reason == "Nom du collège visible\u{00A0}; à retirer")
        }
    }

    @Test func typed_guillemets_get_no_break_spaces() {
        #expect(FrenchTypography.guillemets("« Bouger »") == "«\u{00A0}Bouger\u{00A0}»")
        #expect(FrenchTypography.guillemets("Un « mot »   et la suite") == "Un «\u{00A0}mot\u{00A0}» et la suite")
        #expect(FrenchTypography.guillemets("sans guillemets  ici") == "sans guillemets  ici")
        #expect(FrenchTypography.guillemets("fin ") == "fin ")
    }
}
