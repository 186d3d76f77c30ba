import Foundation
import PDFTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Imaging

/// PDF posters: poppler renders page 1 in a limited child process; everything else is refused with a French reason.
///
/// Serialized: each test waits synchronously for child processes (up to seconds for the bombs), and Swift Testing runs
/// synchronous tests on the cooperative pool, which has one thread per core; in parallel they would starve the other
/// suites' live servers.
@Suite(.serialized, .enabled(if: Imaging.supportedFormats.contains(.pdf), "poppler-utils (pdfinfo, pdftoppm, pdfdetach) or prlimit missing"))
struct PDFTests {
    @Test func pdf_is_sniffed_and_cannot_be_probed_for_pixels() {
        #expect(ImageFormat.sniff(Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(ImageFormat.sniff(Array("x%PDF-1.7\n".utf8)) == nil)
        #expect(ImageFormat.pdf.mimeType == "application/pdf" && ImageFormat.pdf.fileExtension == "pdf")
        #expect(throws: ImagingError.self) { try ImageProbe.probe(PDFCorpus.document(pages: [PDFCorpus.a4])) }
    }

    @Test func one_page_a3_becomes_metadata_free_jpeg_renditions_with_the_right_colours() throws {
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a3])
        let renditions = try Imaging.makeRenditions(data: pdf, thumbnailLongEdge: 400, previewLongEdge: 1600)
        #expect(renditions.format == .pdf)
        #expect(renditions.document == PDFDocumentInfo(pageCount: 1, pageWidthPoints: 841.89, pageHeightPoints: 1190.55))
        // Rendered at the preview's size: long edge 1 600, A3's ratio (√2).
        #expect(renditions.previewSize.height == 1600)
        #expect(abs(renditions.previewSize.width - 1131) <= 1)
        #expect(renditions.thumbnailSize.height == 400 && abs(renditions.thumbnailSize.width - 283) <= 1)
        #expect(renditions.originalSize == renditions.previewSize)
        for output in [renditions.preview, renditions.thumbnail] {
            #expect(ImageFormat.sniff(output) == .jpeg)
            let markers = JPEGBytes.headerMarkers(output)
            #expect(markers.allSatisfy { [0xE0, 0xDB, 0xC4, 0xC0, 0xDA, 0xDD].contains($0) })
        }
        let preview = try TestImages.decodeJPEG(renditions.preview)
        let (w, h) = (preview.width, preview.height)
        #expect(TestImages.close(preview.pixel(x: w / 4, y: h / 4), TestImages.red))
        #expect(TestImages.close(preview.pixel(x: 3 * w / 4, y: h / 4), TestImages.green))
        #expect(TestImages.close(preview.pixel(x: w / 4, y: 3 * h / 4), TestImages.blue))
        #expect(TestImages.close(preview.pixel(x: 3 * w / 4, y: 3 * h / 4), TestImages.yellow))
    }

    @Test func multi_page_file_keeps_the_first_page_and_counts_the_others() throws {
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a4, (width: 2000, height: 500), PDFCorpus.a3])
        let renditions = try Imaging.makeRenditions(data: pdf, previewLongEdge: 800)
        #expect(renditions.document?.pageCount == 3)
        #expect(renditions.document?.pageWidthPoints == 595.28)
        // Page 1's proportions (A4 portrait), not page 2's.
        #expect(renditions.previewSize.height == 800 && abs(renditions.previewSize.width - 566) <= 1)
    }

    @Test func rotated_page_is_displayed_as_the_reader_shows_it() throws {
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a4], rotate: 90)
        let renditions = try Imaging.makeRenditions(data: pdf, previewLongEdge: 800)
        #expect(renditions.previewSize.width == 800 && renditions.previewSize.height < 800)
        #expect(renditions.document?.pageWidthPoints == 841.89)
        // Turned clockwise: the top-left red quadrant is now top-right.
        let preview = try TestImages.decodeJPEG(renditions.preview)
        #expect(TestImages.close(preview.pixel(x: 3 * preview.width / 4, y: preview.height / 4), TestImages.red))
    }

    @Test func password_protected_and_restricted_files_are_refused() throws {
        let plain = PDFCorpus.document(pages: [PDFCorpus.a3])
        let locked = try #require(try PDFCorpus.encrypted(plain), "qpdf missing")
        #expect(throws: ImagingError.pdfEncrypted) { try Imaging.makeRenditions(data: locked) }
        let restricted = try #require(try PDFCorpus.encrypted(plain, userPassword: "", forbidPrinting: true))
        #expect(throws: ImagingError.pdfEncrypted) { try Imaging.makeRenditions(data: restricted) }
        #expect(ImagingError.pdfEncrypted.message.contains("sans protection"))
    }

    @Test func truncated_and_broken_files_are_refused() {
        let pdf = PDFCorpus.document(pages: [PDFCorpus.a3])
        #expect(throws: ImagingError.truncated) { try Imaging.makeRenditions(data: pdf.prefix(pdf.count * 2 / 3)) }
        #expect(throws: ImagingError.truncated) { try Imaging.makeRenditions(data: pdf.dropLast(7)) }
        // A header and an end marker around nothing that poppler can read.
        let broken = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x41, count: 4000) + Data("\n%%EOF\n".utf8)
        #expect(throws: ImagingError.corrupt) { try Imaging.makeRenditions(data: broken) }
        #expect(ImagingError.truncated.message == "Le fichier semble tronqué ou corrompu.")
    }

    @Test func a_document_without_pages_is_refused() {
        #expect(throws: ImagingError.pdfNoPages) { try Imaging.makeRenditions(data: PDFCorpus.zeroPages()) }
    }

    /// Refused rather than neutralised: the renditions are rasters, so no script runs here, but the original goes to
    /// organisers, whose PDF reader could run a script or open an attached program. A poster needs neither.
    @Test func scripts_and_attached_files_are_refused() {
        #expect(throws: ImagingError.pdfActiveContent(.javaScript)) { try Imaging.makeRenditions(data: PDFCorpus.withJavaScript()) }
        #expect(throws: ImagingError.pdfActiveContent(.embeddedFiles)) { try Imaging.makeRenditions(data: PDFCorpus.withEmbeddedFile()) }
        #expect(ImagingError.pdfActiveContent(.javaScript).message.contains("JavaScript"))
        #expect(ImagingError.pdfActiveContent(.embeddedFiles).message.contains("fichiers joints"))
    }

    @Test func poppler_itself_reports_what_the_plain_scan_cannot_see() throws {
        // Names written with `#xx` escapes hide from a byte scan; pdfinfo and pdfdetach still decode them.
        let first = PDFCorpus.firstExtraObject(pageCount: 1)
        let script = PDFCorpus.document(
            pages: [PDFCorpus.a4], catalogExtra: "/Names << /J#61vaScript << /Names [(x) \(first) 0 R] >> >>",
            extraObjects: ["<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"])
        #expect(throws: ImagingError.pdfActiveContent(.javaScript)) { try Imaging.makeRenditions(data: script) }
        let attachment = PDFCorpus.document(
            pages: [PDFCorpus.a4], catalogExtra: "/Names << /Embedded#46iles << /Names [(a.txt) \(first) 0 R] >> >>",
            extraObjects: [
                "<< /Type /Filespec /F (a.txt) /EF << /F \(first + 1) 0 R >> >>",
                "<< /Type /Embedded#46ile /Length 5 >>\nstream\nhello\nendstream",
            ])
        #expect(throws: ImagingError.pdfActiveContent(.embeddedFiles)) { try Imaging.makeRenditions(data: attachment) }
    }

    @Test func a_page_of_twenty_thousand_points_is_refused_before_rendering() {
        let start = Date()
        #expect(throws: ImagingError.pdfPageTooLarge(widthPoints: 20000, heightPoints: 20000, maximumPoints: 5000)) {
            try Imaging.makeRenditions(data: PDFCorpus.document(pages: [(width: 20000, height: 20000)]))
        }
        // pdfinfo only (milliseconds); the bound leaves room for a loaded machine.
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(
            ImagingError.pdfPageTooLarge(widthPoints: 20000, heightPoints: 20000, maximumPoints: 5000).message
                == "Page trop grande : 7\u{202F}056 × 7\u{202F}056 mm (au plus 1\u{202F}764 mm de côté).")
    }

    @Test func a_rendering_bomb_is_stopped_by_the_cpu_limit() {
        let start = Date()
        let limits = ImageLimits(pdf: PDFLimits(cpuSeconds: 1, wallSeconds: 30))
        #expect(throws: ImagingError.pdfTooSlow) { try Imaging.makeRenditions(data: PDFCorpus.renderingBomb(), limits: limits) }
        // Stopped by the 1 s CPU limit, well before the 30 s wall clock (a loaded machine stretches the CPU second).
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(Self.popplerChildrenGone(within: 3))
    }

    @Test func a_rendering_bomb_is_killed_at_the_wall_clock_limit() {
        let start = Date()
        let limits = ImageLimits(pdf: PDFLimits(cpuSeconds: 120, wallSeconds: 1))
        #expect(throws: ImagingError.pdfTooSlow) { try Imaging.makeRenditions(data: PDFCorpus.renderingBomb(), limits: limits) }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(Self.popplerChildrenGone(within: 3))
    }

    @Test func rendering_over_the_memory_limit_is_refused() {
        // 8 000 px on the long edge needs a 130 MB bitmap; 80 MB of address space cannot hold it.
        let limits = ImageLimits(pdf: PDFLimits(memoryBytes: 80 << 20))
        #expect(throws: ImagingError.pdfTooHeavy) {
            try Imaging.makeRenditions(data: PDFCorpus.document(pages: [PDFCorpus.a3]), limits: limits, previewLongEdge: 8000)
        }
    }

    @Test func pdf_is_refused_where_it_is_not_accepted() {
        let limits = ImageLimits(acceptedFormats: [.jpeg, .png])
        #expect(throws: ImagingError.unsupportedFormat(.pdf, accepted: [.jpeg, .png])) {
            try Imaging.makeRenditions(data: PDFCorpus.document(pages: [PDFCorpus.a4]), limits: limits)
        }
    }

    /// Whether no child of this process is a poppler tool within `seconds`: a bomb left running would still be there
    /// (its CPU limit is far away), while other tests' normal renders finish in a fraction of a second.
    static func popplerChildrenGone(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if self.popplerChildren().isEmpty { return true }
            usleep(50_000)
        }
        return self.popplerChildren().isEmpty
    }

    /// Our children that are poppler tools (or `prlimit` about to become one).
    static func popplerChildren() -> [String] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let name = stat[stat.index(after: stat.firstIndex(of: "(")!)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 1, Int32(fields[1]) == me, ["pdftoppm", "pdfinfo", "pdfdetach", "prlimit"].contains(String(name)) else { return nil }
            return "\(entry) \(name)"
        }
    }
}

/// The raw raster pdftoppm writes.
struct PPMReaderTests {
    @Test func reads_binary_ppm_with_comments_and_refuses_damaged_ones() throws {
        let pixels: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0]
        let image = try PPMReader.read(Data("P6\n# pdftoppm\n2 2\n255\n".utf8) + Data(pixels), maxPixels: 100)
        #expect((image.width, image.height) == (2, 2))
        #expect(image.pixel(x: 0, y: 0) == (255, 0, 0, 0) && image.pixel(x: 1, y: 0) == (0, 255, 0, 0))
        #expect(image.pixel(x: 0, y: 1) == (0, 0, 255, 0) && image.pixel(x: 1, y: 1) == (255, 255, 0, 0))
        #expect(throws: ImagingError.truncated) { try PPMReader.read(Data("P6 2 2 255\n".utf8) + Data(pixels.dropLast()), maxPixels: 100) }
        #expect(throws: ImagingError.corrupt) { try PPMReader.read(Data("P5 2 2 255\n".utf8) + Data(pixels), maxPixels: 100) }
        #expect(throws: ImagingError.corrupt) { try PPMReader.read(Data("P6 2 2 65535\n".utf8) + Data(pixels), maxPixels: 100) }
        #expect(throws: ImagingError.tooManyPixels(width: 2, height: 2, maximum: 3)) {
            try PPMReader.read(Data("P6 2 2 255\n".utf8) + Data(pixels), maxPixels: 3)
        }
    }
}
