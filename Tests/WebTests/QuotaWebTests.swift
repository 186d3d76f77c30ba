import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// Nobody can use up a school's quota: organisers cancel entries, clients are rate-limited, the access code is the default.
struct QuotaWebTests {
    @Test func organisers_cancel_an_entry_with_a_reason_that_frees_the_quota() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let stranger = Browser(client)
            var tokens: [String] = []
            for seed in 1...2 {
                tokens.append(try await SubmissionFixture.submit(stranger, fields: SubmissionFixture.fields(title: "Faux \(seed)"), seed: UInt64(seed)))
            }
            // The school's quota (2 per category) is used up.
            let school = Browser(client)
            try await school.get("/participer")
            let refused = try await school.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 9)))
            #expect(refused.status == .unprocessableContent)
            let organiser = Browser(client)
            _ = try await organiser.login()
            let entries = try app.database().entries(editionId: 1).map(\.entry)
            let id = try #require(entries.first { $0.details.title == "Faux 1" }?.id)
            let page = try await organiser.get("/organisation/depots/\(id)")
            #expect(page.body.contains("Annuler ce dépôt") && page.body.contains("Marquer recevable"))
            // Once eligible, the page no longer offers to mark it eligible again.
            _ = try await organiser.post("/organisation/depots/\(id)/recevabilite", form: [("decision", "eligible")])
            #expect(!(try await organiser.get("/organisation/depots/\(id)")).body.contains("Marquer recevable"))
            let noReason = try await organiser.post("/organisation/depots/\(id)/annulation", form: [("motif", " ")])
            let unchanged = try app.database().entry(id: id)?.status
            #expect(noReason.status == .seeOther && unchanged == .active)
            let cancelled = try await organiser.post("/organisation/depots/\(id)/annulation", form: [("motif", "Dépôt non demandé par l’établissement")])
            #expect(cancelled.status == .seeOther)
            let entry = try #require(try app.database().entry(id: id))
            #expect(entry.status == .cancelled && entry.cancellationReason == "Dépôt non demandé par l’établissement")
            // Audited, shown on the private page, no longer changeable, no longer counted.
            #expect(try await organiser.get("/organisation/journal").body.contains("Dépôt \(entry.reference) annulé : Dépôt non demandé"))
            let privatePage = try await stranger.get("/depot/\(tokens[0])")
            #expect(privatePage.body.contains("annulé par l’équipe organisatrice") && privatePage.body.contains("Dépôt non demandé par l’établissement"))
            #expect(!privatePage.body.contains("Retirer l’affiche"))
            let edit = try await stranger.post("/depot/\(tokens[0])", form: SubmissionFixture.fields(title: "Encore"))
            #expect(edit.status == .conflict)
            let list = try await organiser.get("/organisation/editions/2022/depots?statut=cancelled")
            #expect(list.body.contains(entry.reference) && list.body.contains("annulée"))
            let accepted = try await school.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 9)))
            #expect(accepted.status == .seeOther)
        }
    }

    @Test func one_client_cannot_file_entries_without_end() async throws {
        let app = try SubmissionWebTests.openApp { $0.submissionsPerClientPerHour = 2 }
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let uais = ["0951099D", "0930001W", "0940001R"]
            for (index, uai) in uais.prefix(2).enumerated() {
                let sent = try await browser.postMultipart(
                    "/participer", fields: SubmissionFixture.fields(establishment: uai), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: UInt64(index + 1))))
                #expect(sent.status == .seeOther)
            }
            let third = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(establishment: uais[2]), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 3)))
            #expect(third.status == .tooManyRequests && third.body.contains("Trop de dépôts"))
            #expect(try app.database().entries(editionId: 1).count == 2)
            app.clock.now = app.clock.now.addingTimeInterval(61)
            let later = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(establishment: uais[2]), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 3)))
            #expect(later.status == .seeOther)
        }
    }

    @Test func guessing_the_access_code_is_slowed() async throws {
        let app = try SubmissionWebTests.openApp(accessCode: "PERSEVERER")
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            for attempt in 0..<10 {
                let wrong = try await browser.postMultipart(
                    "/participer", fields: SubmissionFixture.fields(extra: [("code", "essai\(attempt)")]), file: nil)
                #expect(wrong.status == .unprocessableContent)
            }
            let eleventh = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(extra: [("code", "PERSEVERER")]), file: nil)
            #expect(eleventh.status == .tooManyRequests)
        }
    }

    @Test func the_shipped_edition_asks_for_an_access_code() throws {
        let data = try Data(contentsOf: TestApp.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json"))
        #expect(try EditionFile.decode(data).edition().accessCode?.isEmpty == false)
    }
}
