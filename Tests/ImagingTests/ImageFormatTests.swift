import Foundation
import Testing

@testable import Imaging

struct ImageFormatTests {
    @Test func sniffs_every_format_libgd_writes() throws {
        let image = try TestImages.quadrants(width: 64, height: 48)
        // PDF is sniffed too (PDFTests), but libgd writes no PDF.
        for format in ImageFormat.allCases where format != .pdf {
            let data = try image.encoded(as: format)
            #expect(ImageFormat.sniff(data) == format, "\(format)")
        }
    }

    @Test func sniffs_from_any_byte_collection() {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)[...]) == .gif)
        #expect(ImageFormat.sniff(Data("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Data("\0\0\0\u{18}ftypavif\0\0\0\0mif1".utf8)) == .avif)
        #expect(ImageFormat.sniff(Data("\0\0\0\u{18}ftypheic\0\0\0\0mif1".utf8)) == .heic)
        #expect(ImageFormat.sniff(Data("\0\0\0\u{18}ftypmif1\0\0\0\0mif1heic".utf8)) == .heic)
    }

    @Test func rejects_non_images() {
        #expect(ImageFormat.sniff(Data()) == nil)
        #expect(ImageFormat.sniff(Data(" %PDF-1.7\n".utf8)) == nil)
        #expect(ImageFormat.sniff(Data("<svg xmlns=".utf8)) == nil)
        #expect(ImageFormat.sniff(Data("\0\0\0\u{18}ftypisom\0\0\0\0mp41".utf8)) == nil)
    }

    @Test func png_named_jpg_is_png() throws {
        let png = try TestImages.quadrants(width: 64, height: 48).encoded(as: .png)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sniff-\(UUID().uuidString).jpg")
        try png.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let renditions = try Imaging.makeRenditions(fileAt: url.path, limits: TestImages.lenient)
        #expect(renditions.format == .png)
        #expect(try ImageProbe.probe(fileAt: url.path).format == .png)
    }

    @Test func names_and_mime_types() {
        #expect(ImageFormat.jpeg.mimeType == "image/jpeg")
        #expect(ImageFormat.webp.displayName == "WebP")
        #expect(ImageFormat.heic.mimeType == "image/heic")
        #expect(ImageFormat.jpeg.fileExtension == "jpg")
    }

    @Test func system_libgd_decodes_the_common_formats() {
        #expect(Imaging.supportedFormats.isSuperset(of: [.jpeg, .png, .webp, .gif]))
    }
}
