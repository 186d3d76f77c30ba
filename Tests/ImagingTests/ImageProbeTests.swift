import Foundation
import Testing

@testable import Imaging

struct ImageProbeTests {
    @Test(arguments: ImageFormat.allCases.filter { $0 != .pdf })
    func reads_size_from_header(format: ImageFormat) throws {
        let data = try TestImages.quadrants(width: 96, height: 40).encoded(as: format)
        let info = try ImageProbe.probe(data)
        #expect(info.format == format)
        #expect(info.width == 96)
        #expect(info.height == 40)
        #expect(info.orientation == .up)
    }

    @Test func reads_lossless_and_extended_webp() throws {
        let lossless = try TestImages.quadrants(width: 70, height: 30).encoded(as: .webp, quality: 101)
        #expect(lossless.count > 20 && String(decoding: lossless[12..<16], as: UTF8.self) == "VP8L")
        #expect(try ImageProbe.probe(lossless) == ImageInfo(format: .webp, width: 70, height: 30))
        let alpha = try TestImages.solid(width: 33, height: 21, color: TestImages.red, alpha: 64).savingAlpha()
        let extended = try alpha.encoded(as: .webp)
        #expect(try ImageProbe.probe(extended) == ImageInfo(format: .webp, width: 33, height: 21))
    }

    @Test(arguments: ImageOrientation.allCases)
    func reads_exif_orientation(orientation: ImageOrientation) throws {
        let jpeg = try TestImages.quadrants(width: 80, height: 60).encoded(as: .jpeg)
        let tagged = JPEGBytes.inserting(JPEGBytes.exif(orientation: orientation.rawValue), into: jpeg)
        let info = try ImageProbe.probe(tagged)
        #expect(info.orientation == orientation)
        #expect(info.orientedWidth == (orientation.swapsDimensions ? 60 : 80))
    }

    @Test func ignores_unknown_orientation_values() throws {
        let jpeg = try TestImages.quadrants(width: 80, height: 60).encoded(as: .jpeg)
        let tagged = JPEGBytes.inserting(JPEGBytes.exif(orientation: 9), into: jpeg)
        #expect(try ImageProbe.probe(tagged).orientation == .up)
    }

    @Test func reads_a_header_cut_after_the_frame() throws {
        let jpeg = try TestImages.quadrants(width: 80, height: 60).encoded(as: .jpeg)
        // The probe never looks at the scan: a header alone is enough.
        let sos = try #require((2..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA })
        #expect(try ImageProbe.probe(jpeg.prefix(sos)).width == 80)
        #expect(throws: ImagingError.truncated) { try ImageProbe.probe(jpeg.prefix(20)) }
    }

    @Test func probes_files_by_reading_the_beginning() throws {
        let data = try TestImages.quadrants(width: 80, height: 60).encoded(as: .png)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).bin")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ImageProbe.probe(fileAt: url.path) == ImageInfo(format: .png, width: 80, height: 60))
        #expect(throws: ImagingError.unreadable(path: "/nonexistent/poster.png")) {
            try ImageProbe.probe(fileAt: "/nonexistent/poster.png")
        }
    }

    @Test func probes_crafted_bomb_headers_without_decoding() throws {
        let info = try ImageProbe.probe(Self.bombJPEG)
        #expect(info.width == 30_000 && info.height == 30_000)
        #expect(info.pixelCount == 900_000_000)
        let png = PNGWriter.file(width: 30_000, height: 30_000, bitDepth: 8, colorType: .rgb, idat: PNGWriter.zlibStored([0]))
        #expect(try ImageProbe.probe(png).pixelCount == 900_000_000)
    }

    /// A valid JPEG of 8×8 pixels whose SOF0 then claims 30 000 × 30 000.
    static var bombJPEG: Data {
        get throws {
            var jpeg = try TestImages.solid(width: 8, height: 8, color: TestImages.red).encoded(as: .jpeg)
            let sof = try #require((2..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
            for offset in [sof + 5, sof + 7] {
                jpeg[offset] = 0x75  // 30 000 = 0x7530
                jpeg[offset + 1] = 0x30
            }
            return jpeg
        }
    }
}

extension GDImage {
    /// Keeps the alpha channel when encoding PNG and WebP.
    func savingAlpha() -> GDImage {
        self.setSaveAlpha(true)
        return self
    }
}
