import Core
import Foundation
import Imaging
import Storage
import HummingbirdTesting
import Testing

@testable import Web

/// An edition in judging with three eligible entries (one per establishment) sent through the real form.
enum JuryFixture {
    /// Who made each poster: none of it may reach a juror.
    static let secrets = [
        "Collège Jean Moulin", "Lycée Paul Éluard", "Collège Paul Bert", "0951099D", "0930001W", "0940001R", "Sarcelles", "Saint-Denis",
        "Créteil", "Mme Durand", "durand@ac-creteil.fr", "4e B", "college-jean-moulin", "Mme-Durand-EXIF", "Exif",
    ]

    /// A JPEG whose file carries EXIF (orientation) and a comment naming the teacher.
    static func posterWithMetadata(seed: UInt64) -> Data {
        var data = PosterGenerator.poster(width: 600, height: 800, title: "Affiche \(seed)", seed: seed, options: .init(exifOrientation: .up))
        let comment = Array("Mme-Durand-EXIF".utf8)
        let segment: [UInt8] = [0xFF, 0xFE, 0x00, UInt8(comment.count + 2)] + comment
        data.insert(contentsOf: segment, at: 2)
        return data
    }

    /// Submits three entries while open, then moves to judging and marks them eligible. Returns their references.
    @discardableResult
    static func prepare(_ app: TestApp, client: Browser) async throws -> [String] {
        try app.seedEdition(state: .open)
        try SubmissionFixture.seedEstablishments(app)
        try app.seedOrganiser()
        try await client.get("/participer")
        for (index, uai) in ["0951099D", "0930001W", "0940001R"].enumerated() {
            let page = try await client.postMultipart(
                "/participer", fields: SubmissionFixture.fields(establishment: uai, category: "college", title: "Titre \(index + 1)"),
                file: Browser.FilePart(filename: "college-jean-moulin-\(index).jpg", contentType: "image/jpeg", data: posterWithMetadata(seed: UInt64(index + 1))))
            #expect(page.status == .seeOther)
        }
        let database = try app.database()
        let edition = try #require(try database.edition(year: 2022))
        let at = ParisTime.parse("2022-04-02T10:00")!
        try database.moveEdition(id: edition.id!, to: .closed, now: at)
        try database.moveEdition(id: edition.id!, to: .judging, now: at)
        let entries = try database.entries(editionId: edition.id!)
        for listing in entries { try database.setEligibility(id: listing.entry.id!, .eligible, now: at) }
        app.clock.now = at
        return entries.map(\.entry.reference)
    }

    /// `prepare`, then an organiser signed in, ready to manage the jury.
    static func signedInOrganiser(_ app: TestApp, client: any TestClientProtocol) async throws -> Browser {
        let organiser = Browser(client)
        try await prepare(app, client: organiser)
        try await organiser.login()
        return organiser
    }

    /// Creates a juror from the organiser console and returns the invitation path shown once.
    static func invite(_ organiser: Browser, name: String, email: String, conflicts: String = "") async throws -> String {
        let page = try await organiser.post("/organisation/jury", form: [("nom", name), ("email", email), ("conflits", conflicts)])
        #expect(page.status == .ok)
        let link = try #require(page.body.firstMatch(of: /http:\/\/[^\/<"]+(\/invitation\/[A-Za-z0-9_-]+)/)?.1)
        return String(link)
    }

    /// A juror who accepted their invitation, signed in.
    static func juror(_ client: some Any, invitation: String, browser: Browser) async throws {
        try await browser.get(invitation)
        let accepted = try await browser.post(invitation, form: [("password", "un-mot-de-passe-sûr"), ("password2", "un-mot-de-passe-sûr")])
        #expect(accepted.status == .seeOther && accepted.location == "/jury")
    }

    /// The anonymous codes listed on a juror's home page.
    static func codes(in page: String) -> [String] {
        var seen: [String] = []
        for match in page.matches(of: /\/jury\/affiches\/([A-Z0-9]{2}-[A-Z0-9]{3})"/) where !seen.contains(String(match.1)) {
            seen.append(String(match.1))
        }
        return seen
    }
}
