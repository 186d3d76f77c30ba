import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Imaging
import PDFTestSupport
import Storage
import Testing

@testable import Web

/// PDF posters through the real form: page 1 becomes the JPEG renditions; the PDF itself goes to organisers only, as a download.
@Suite(.enabled(if: Imaging.supportedFormats.contains(.pdf), "poppler-utils or prlimit missing"))
struct PDFSubmissionWebTests {
    static func pdfPart(_ data: Data, name: String = "affiche.pdf") -> Browser.FilePart {
        Browser.FilePart(filename: name, contentType: "application/pdf", data: data)
    }

    @Test func the_form_says_pdf_is_accepted_and_only_the_first_page_counts() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let form = try await Browser(client).get("/participer")
            #expect(form.body.contains("Formats acceptés&nbsp;: JPEG, PNG, WebP"))
            #expect(form.body.contains(", PDF."))
            #expect(form.body.contains("PDF accepté&nbsp;: seule la première page est retenue comme affiche"))
            let accept = try #require(form.body.firstMatch(of: /name="affiche" type="file" accept="([^"]+)"/)?.1)
            #expect(accept.contains("application/pdf") && accept.contains(".pdf") && accept.contains("image/jpeg") && accept.contains(".jpg"))
        }
    }

    @Test func a_multi_page_pdf_is_filed_with_jpeg_renditions_and_served_to_organisers_only_as_an_attachment() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a3, PDFCorpus.a4, PDFCorpus.a4])
        try await app.test { client in
            let teacher = Browser(client)
            try await teacher.get("/participer")
            let sent = try await teacher.postMultipart("/participer", fields: SubmissionFixture.fields(), file: Self.pdfPart(pdf))
            #expect(sent.status == .seeOther)
            let token = try #require(SubmissionFixture.token(fromLocation: sent.location))
            let receipt = try await teacher.get("/depot/\(token)?nouveau=1")
            #expect(receipt.body.contains("PDF, 3 pages : seule la première est retenue comme affiche (rendue en "))
            for path in ["/depot/\(token)/vignette"] {
                let image = try await client.execute(uri: path, method: .get) { response in
                    #expect(response.headers[.contentType] == "image/jpeg", "\(path)")
                    return Data(buffer: response.body)
                }
                #expect(ImageFormat.sniff(image) == .jpeg, "\(path)")
            }

            let entry = try #require(try app.database().entries(editionId: 1).first?.entry)
            #expect(entry.poster.format == "pdf" && entry.poster.pageCount == 3)
            #expect(entry.poster.originalPath.hasSuffix(".pdf") && entry.poster.originalFileName == "affiche.pdf")
            #expect(entry.poster.height == 1600 && entry.poster.byteCount == pdf.count)
            // The stored original is the uploaded file, byte for byte.
            #expect(try Data(contentsOf: URL(fileURLWithPath: app.config.filesDirectory + "/" + entry.poster.originalPath)) == pdf)

            // (Browser pages read no-break spaces as plain ones.) Nobody signed in: no original.
            let anonymous = try await Browser(client).get("/organisation/depots/\(entry.id!)/original")
            #expect(anonymous.status != .ok)
            #expect(!anonymous.body.contains("%PDF"))

            let organiser = Browser(client)
            try await organiser.login()
            let page = try await organiser.get("/organisation/depots/\(entry.id!)")
            #expect(page.body.contains("/organisation/depots/\(entry.id!)/original"))
            #expect(page.body.contains("PDF, 3 pages"))
            let original = try await client.execute(
                uri: "/organisation/depots/\(entry.id!)/original", method: .get, headers: [.cookie: organiser.cookieHeader()]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"\(entry.reference).pdf\"") == true)
                return Data(buffer: response.body)
            }
            #expect(original == pdf)
        }
    }

    @Test func jurors_see_only_the_rendered_first_page() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedEdition(state: .open)
        try SubmissionFixture.seedEstablishments(app)
        try app.seedOrganiser()
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a3, PDFCorpus.a4])
        try await app.test { client in
            let teacher = Browser(client)
            try await teacher.get("/participer")
            #expect(try await teacher.postMultipart("/participer", fields: SubmissionFixture.fields(), file: Self.pdfPart(pdf)).status == .seeOther)
            let database = try app.database()
            let edition = try #require(try database.edition(year: 2022))
            let at = ParisTime.parse("2022-04-02T10:00")!
            try database.moveEdition(id: edition.id!, to: .closed, now: at)
            try database.moveEdition(id: edition.id!, to: .judging, now: at)
            let entry = try #require(try database.entries(editionId: edition.id!).first?.entry)
            try database.setEligibility(id: entry.id!, .eligible, now: at)
            app.clock.now = at

            let organiser = Browser(client)
            try await organiser.login()
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: try await JuryFixture.invite(organiser, name: "Juré", email: "j@ac-creteil.fr"), browser: juror)
            let code = try #require(JuryFixture.codes(in: try await juror.get("/jury").body).first)
            let form = try await juror.get("/jury/affiches/\(code)")
            #expect(form.status == .ok)
            #expect(!form.body.contains("original") && !form.body.contains(".pdf") && !form.body.contains("/organisation/"))
            var sizes: [String: Int] = [:]
            for path in ["/jury/affiches/\(code)/image", "/jury/affiches/\(code)/vignette", "/jury/affiches/\(code)/grande"] {
                let image = try await client.execute(uri: path, method: .get, headers: [.cookie: juror.cookieHeader()]) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "image/jpeg", "\(path)")
                    return Data(buffer: response.body)
                }
                #expect(ImageFormat.sniff(image) == .jpeg && image.range(of: Data("%PDF".utf8)) == nil, "\(path)")
                sizes[String(path.split(separator: "/").last ?? "")] = try ImageProbe.probe(image).longEdge
            }
            // The viewer's large image is the first page drawn again by poppler at twice the preview's size.
            #expect(sizes["grande"] == 2 * (sizes["image"] ?? 0), "\(sizes)")
            // The organiser's download is closed to a juror.
            let attempt = try await client.execute(
                uri: "/organisation/depots/\(entry.id!)/original", method: .get, headers: [.cookie: juror.cookieHeader()]
            ) { response in (response.status, Data(buffer: response.body)) }
            #expect(attempt.0 != .ok && attempt.1.range(of: Data("%PDF".utf8)) == nil)
        }
    }

    @Test func hostile_or_unusable_pdfs_are_refused_next_to_the_file_field() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        let a3 = PDFCorpus.document(pages: [PDFCorpus.a3])
        var hostile: [(Data, String)] = [
            (a3.prefix(a3.count / 2), "tronqué ou corrompu"),
            (PDFCorpus.document(pages: [(width: 20000, height: 20000)]), "Page trop grande : 7\u{202F}056 × 7\u{202F}056 mm"),
            (PDFCorpus.zeroPages(), "aucune page"),
            (PDFCorpus.withJavaScript(), "JavaScript"),
            (PDFCorpus.withEmbeddedFile(), "fichiers joints"),
        ]
        if let locked = try PDFCorpus.encrypted(a3) { hostile.append((locked, "Le PDF est protégé")) }
        let cases = hostile
        try await app.test { client in
            let browser = Browser(client)
            try await browser.get("/participer")
            for (data, expected) in cases {
                let page = try await browser.postMultipart("/participer", fields: SubmissionFixture.fields(), file: Self.pdfPart(data))
                #expect(page.status == .unprocessableContent, "\(expected)")
                #expect(page.body.contains("id=\"erreur-affiche\""), "\(expected)")
                #expect(page.body.contains(HTMLEscape.escape(expected)) || page.body.contains(expected), "\(expected)")
                #expect(page.body.contains("value=\"Bouger pour réussir\""))
            }
        }
        #expect(try app.database().entries(editionId: 1).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: app.config.filesDirectory + "/tmp").isEmpty)
    }
}
