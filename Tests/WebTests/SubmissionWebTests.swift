import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Imaging
import Storage
import Testing

@testable import Web

struct SubmissionWebTests {
    /// An open 2022 edition at 1 February 2022, three establishments.
    static func openApp(accessCode: String? = nil, configure: (inout AppConfig) -> Void = { _ in }) throws -> TestApp {
        var app = try TestApp()
        configure(&app.config)
        try app.seedEdition(state: .open, accessCode: accessCode)
        try SubmissionFixture.seedEstablishments(app)
        return app
    }

    @Test func a_valid_entry_gets_a_receipt_and_a_private_link() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            let form = try await browser.get("/participer")
            #expect(form.status == .ok)
            #expect(form.body.contains("Formats acceptés&nbsp;: JPEG, PNG, WebP"))
            #expect(form.body.contains("Taille maximale&nbsp;: 25 Mo"))
            #expect(!form.body.contains("aria-invalid") && !form.body.contains("field-error") && !form.body.contains("resume-erreurs"))
            let page = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(page.status == .seeOther)
            let token = try #require(SubmissionFixture.token(fromLocation: page.location))
            let receipt = try await browser.get("/depot/\(token)?nouveau=1")
            #expect(receipt.status == .ok)
            #expect(receipt.body.contains("Accusé de dépôt"))
            #expect(receipt.body.contains("Collège Jean Moulin"))
            #expect(receipt.body.contains("/depot/\(token)"))
            let thumb = try await browser.get("/depot/\(token)/vignette")
            #expect(thumb.status == .ok && thumb.headers[.contentType] == "image/jpeg")
        }
        let entries = try app.database().entries(editionId: 1)
        #expect(entries.count == 1)
        let entry = try #require(entries.first?.entry)
        #expect(entry.reference.hasPrefix("2022-") && entry.reference.count == 11)
        #expect(entry.consent.imageRights && entry.consent.authorsRights && !entry.consent.publicGallery)
        #expect(entry.consent.recordedAt == ParisTime.parse("2022-02-01T10:00"))
        #expect(entry.poster.width == 600 && entry.poster.height == 800 && entry.poster.format == "jpeg")
        #expect(entry.poster.originalFileName == "affiche.jpg")
    }

    @Test(arguments: [ImageFormat.png, .webp, .gif, .avif, .heic])
    func other_formats_are_accepted_when_libgd_reads_them(_ format: ImageFormat) async throws {
        let accepted = Imaging.supportedFormats.intersection([.jpeg, .png, .webp, .heic, .avif])
        let app = try Self.openApp()
        defer { app.cleanUp() }
        guard let data = try? PosterGenerator.poster(width: 500, height: 700, title: "Format", seed: 3, format: format) else {
            // libgd cannot even write this format here: nothing to upload.
            #expect(!accepted.contains(format) || format == .heic || format == .avif)
            return
        }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            // The name says .jpg whatever the content: the bytes decide.
            let page = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(data, name: "affiche.jpg"))
            if accepted.contains(format) {
                #expect(page.status == .seeOther)
            } else {
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains("Format"))
            }
        }
        if accepted.contains(format) {
            #expect(try app.database().entries(editionId: 1).first?.entry.poster.format == format.rawValue)
        }
    }

    @Test func a_portrait_phone_photo_stays_portrait() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        // Landscape pixels, EXIF says "rotate 90°": the poster is portrait.
        let photo = SubmissionFixture.jpeg(width: 800, height: 600, orientation: .right)
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let page = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(photo))
            #expect(page.status == .seeOther)
            let token = try #require(SubmissionFixture.token(fromLocation: page.location))
            let thumb = try await client.execute(uri: "/depot/\(token)/vignette", method: .get) { response in Data(buffer: response.body) }
            let info = try ImageProbe.probe(thumb)
            #expect(info.width < info.height)
            // Nothing of the EXIF block survives in what is served.
            #expect(thumb.range(of: Data("Exif".utf8)) == nil)
        }
        let poster = try #require(try app.database().entries(editionId: 1).first?.entry.poster)
        #expect(poster.width == 600 && poster.height == 800)
    }

    @Test func bad_files_are_refused_next_to_the_file_field() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        let good = SubmissionFixture.jpeg()
        let truncated = good.prefix(good.count / 2)
        let garbage = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        // A 30000 × 30000 JPEG header: refused from the header, never decoded.
        let bomb = Data([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x75, 0x30, 0x75, 0x30, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9])
        let small = SubmissionFixture.jpeg(width: 150, height: 120)
        let cases: [(Data, String, String)] = [
            (Data(truncated), "affiche.jpg", "tronqué"),
            (garbage, "affiche.jpg", "Format non reconnu"),
            (Data(), "vide.jpg", "vide"),
            // A PDF signature without a document behind it (no `%%EOF`): cut short.
            (Data("%PDF-1.4 pas une image".utf8), "affiche.jpg", "tronqué ou corrompu"),
            (bomb, "bombe.jpg", "trop grande"),
            (small, "petite.jpg", "trop petite"),
        ]
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            for (data, name, expected) in cases {
                let page = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(data, name: name))
                #expect(page.status == .unprocessableContent, "\(name)")
                #expect(page.body.contains("id=\"erreur-affiche\""), "\(name)")
                #expect(page.body.contains(expected), "\(name): \(expected)")
                // What was typed is kept.
                #expect(page.body.contains("value=\"Bouger pour réussir\""))
            }
        }
        #expect(try app.database().entries(editionId: 1).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: app.config.filesDirectory + "/tmp").isEmpty)
    }

    @Test func oversize_uploads_are_refused_with_413() async throws {
        let app = try Self.openApp { $0.uploads.maxBytes = 100_000 }
        defer { app.cleanUp() }
        let big = Data(count: 150_000)
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let page = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(big))
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("taille maximale de 0,1 Mo"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: app.config.filesDirectory + "/tmp").isEmpty)
    }

    @Test func missing_fields_are_reported_and_the_checked_file_is_kept() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let fields = SubmissionFixture.fields().filter { $0.0 != "titre" && $0.0 != "droit_auteur" } + [("titre", "")]
            let page = try await browser.postMultipart("/participer", fields: fields, file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Donnez un titre à l’affiche."))
            #expect(page.body.contains("Cette cession de droits est obligatoire"))
            #expect(page.body.contains("inutile de le choisir à nouveau"))
            let pending = try #require(page.body.firstMatch(of: /name="fichier_en_attente" value="([^"]+)"/)?.1)
            // Sent again with the fields fixed and no file: the kept file is used.
            let again = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(extra: [("fichier_en_attente", String(pending))]), file: nil)
            #expect(again.status == .seeOther)
        }
        #expect(try app.database().entries(editionId: 1).count == 1)
    }

    @Test func establishment_is_found_by_uai_name_or_commune() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let wrongLetter = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(establishment: "0951099E"), file: nil)
            #expect(wrongLetter.body.contains("la lettre de contrôle attendue est « D »"))
            let unknown = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(establishment: "0000000A"), file: nil)
            #expect(unknown.body.contains("ne figure pas dans la liste"))
            let several = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(establishment: "paul"), file: nil)
            #expect(several.body.contains("Plusieurs établissements correspondent"))
            #expect(several.body.contains("value=\"0930001W\"") && several.body.contains("value=\"0940001R\""))
            let byCommune = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(establishment: "creteil"), file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(byCommune.status == .seeOther)
            let suggestions = try await browser.get("/etablissements/recherche?q=eluard")
            #expect(suggestions.body.contains("0930001W"))
        }
        #expect(try app.database().entries(editionId: 1).first?.entry.establishment.code == "0940001R")
    }

    @Test func the_deadline_is_checked_in_paris_time_with_the_grace_period() async throws {
        let app = try Self.openApp { $0.gracePeriodMinutes = 10 }
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            // 31 March 23:59:59 Paris is 21:59:59 UTC; 5 minutes after it, the grace period still lets it in.
            app.clock.now = ParisTime.parse("2022-04-01T00:05")!
            let late = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 1)))
            #expect(late.status == .seeOther)
            app.clock.now = ParisTime.parse("2022-04-01T00:10:01")!
            let tooLate = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 2)))
            #expect(tooLate.status == .forbidden)
            #expect(tooLate.body.contains("Les dépôts sont clos depuis le jeudi 31 mars 2022 à 23 h 59"))
            app.clock.now = ParisTime.parse("2022-01-09T12:00")!
            let early = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 3)))
            #expect(early.status == .forbidden)
            #expect(early.body.contains("ne sont pas encore ouverts"))
        }
    }

    @Test func the_access_code_is_required_when_the_edition_has_one() async throws {
        let app = try Self.openApp(accessCode: "PERSEVERER")
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            let form = try await browser.get("/participer")
            #expect(form.body.contains("Code d’accès"))
            let wrong = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(extra: [("code", "autre")]), file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("Ce code d’accès n’est pas le bon."))
            let right = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(extra: [("code", "perseverer")]), file: SubmissionFixture.file(SubmissionFixture.jpeg()))
            #expect(right.status == .seeOther)
        }
    }

    @Test func duplicates_and_the_per_establishment_limit_are_enforced() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let first = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 1)))
            #expect(first.status == .seeOther)
            let same = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 1)))
            #expect(same.status == .unprocessableContent)
            #expect(same.body.contains("Ce fichier a déjà été déposé pour votre établissement (dépôt 2022-"))
            // A refused duplicate is not offered as "kept" for the next try.
            #expect(!same.body.contains("inutile de le choisir à nouveau"))
            // Another establishment sending the same file is told, without the other's reference.
            let other = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(establishment: "0930001W", category: "lycee"),
                file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 1)))
            #expect(other.body.contains("Ce fichier a déjà été déposé pour cette édition."))
            // The edition allows 2 per establishment and category.
            let second = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 2)))
            #expect(second.status == .seeOther)
            let third = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 4)))
            #expect(third.status == .unprocessableContent)
            #expect(third.body.contains("a déjà déposé 2 affiches dans cette catégorie"))
            // Another category is fine.
            let lycee = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(category: "dispositifs"), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 4)))
            #expect(lycee.status == .seeOther)
        }
        #expect(try app.database().entries(editionId: 1).count == 3)
    }

    @Test func the_private_link_edits_replaces_and_withdraws_until_the_deadline() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let created = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 1)))
            let token = try #require(SubmissionFixture.token(fromLocation: created.location))
            // Edit
            var fields = SubmissionFixture.fields(title: "Un nouveau titre").filter { $0.0 != "etablissement" }
            let edited = try await browser.post("/depot/\(token)", form: fields)
            #expect(edited.status == .seeOther)
            #expect(try await browser.get("/depot/\(token)").body.contains("Un nouveau titre"))
            fields = SubmissionFixture.fields(title: "")
            let invalid = try await browser.post("/depot/\(token)", form: fields)
            #expect(invalid.status == .unprocessableContent && invalid.body.contains("Donnez un titre"))
            // Replace
            let replaced = try await browser.postMultipart("/depot/\(token)/affiche", fields: [], file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 9)))
            #expect(replaced.status == .seeOther)
            let sameAgain = try await browser.postMultipart("/depot/\(token)/affiche", fields: [], file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 9)))
            #expect(sameAgain.status == .seeOther)
            #expect(try await browser.get("/depot/\(token)").body.contains("déjà celui de votre dépôt"))
            // After the deadline, nothing changes any more.
            app.clock.now = ParisTime.parse("2022-04-02T08:00")!
            let late = try await browser.post("/depot/\(token)", form: SubmissionFixture.fields(title: "Trop tard"))
            #expect(late.status == .forbidden && late.body.contains("Les dépôts sont clos"))
            let lateWithdraw = try await browser.post("/depot/\(token)/retrait", form: [("confirmation", "oui")])
            #expect(lateWithdraw.status == .forbidden)
            let readOnly = try await browser.get("/depot/\(token)")
            #expect(readOnly.status == .ok && !readOnly.body.contains("Retirer l’affiche"))
            // Before it, withdrawal needs the confirmation box.
            app.clock.now = ParisTime.parse("2022-03-01T08:00")!
            let unconfirmed = try await browser.post("/depot/\(token)/retrait", form: [])
            #expect(unconfirmed.status == .unprocessableContent)
            let withdrawn = try await browser.post("/depot/\(token)/retrait", form: [("confirmation", "oui")])
            #expect(withdrawn.status == .seeOther)
            #expect(try await browser.get("/depot/\(token)").body.contains("a été retirée du concours"))
            // Unknown tokens are simply not found.
            #expect(try await browser.get("/depot/\(String(repeating: "x", count: 43))").status == .notFound)
        }
        let entry = try #require(try app.database().entries(editionId: 1).first?.entry)
        #expect(entry.details.title == "Un nouveau titre" && entry.status == .withdrawn)
        #expect(entry.poster.hash == FileStore.sha256Hex(SubmissionFixture.jpeg(seed: 9)))
    }

    @Test func malformed_or_forged_uploads_are_refused() async throws {
        let app = try Self.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            let forged = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(), file: SubmissionFixture.file(SubmissionFixture.jpeg()), csrf: "faux")
            #expect(forged.status == .forbidden)
            let noBoundary = try await browser.send(
                "/participer", method: .post, body: ByteBuffer(string: "abc"), contentType: "multipart/form-data")
            #expect(noBoundary.status == .badRequest)
            let cut = try await browser.send(
                "/participer", method: .post, body: ByteBuffer(string: "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"),
                contentType: "multipart/form-data; boundary=xyz")
            #expect(cut.status == .badRequest)
            #expect(cut.body.contains("incomplet") || cut.body.contains("mal formé"))
        }
        #expect(try app.database().entries(editionId: 1).isEmpty)
    }
}
