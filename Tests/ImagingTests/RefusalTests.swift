import Foundation
import Testing

@testable import Imaging

struct RefusalTests {
    @Test func zero_bytes_is_empty() {
        #expect(throws: ImagingError.empty) { try Imaging.makeRenditions(data: Data()) }
        #expect(throws: ImagingError.empty) { try ImageProbe.probe(Data()) }
    }

    @Test func garbage_is_unrecognised() {
        var random = SeededRandom(seed: 7)
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect {
            try Imaging.makeRenditions(data: garbage)
        } throws: { error in
            guard case .unrecognizedFormat(let accepted) = error as? ImagingError else { return false }
            return accepted.contains(.jpeg)
        }
    }

    @Test func garbage_behind_a_jpeg_signature_is_corrupt() {
        var random = SeededRandom(seed: 8)
        let garbage = Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect {
            try Imaging.makeRenditions(data: garbage, limits: TestImages.lenient)
        } throws: { error in
            [ImagingError.truncated, .corrupt].contains(error as? ImagingError)
        }
    }

    @Test func damaged_scan_data_is_corrupt() throws {
        var jpeg = try TestImages.quadrants(width: 320, height: 240).encoded(as: .jpeg)
        // Overwrite the middle of the entropy-coded data with a restart marker and junk.
        let middle = jpeg.count / 2
        jpeg.replaceSubrange(middle..<middle + 64, with: [0xFF, 0xD3] + [UInt8](repeating: 0xFF, count: 62))
        #expect(throws: ImagingError.self) { try Imaging.makeRenditions(data: jpeg, limits: TestImages.lenient) }
    }

    @Test func truncated_jpeg_is_refused() throws {
        let jpeg = PosterGenerator.poster(width: 600, height: 400, title: "Tronqué", seed: 2)
        // libgd would decode this silently, filling the missing part with grey.
        #expect(throws: ImagingError.truncated) {
            try Imaging.makeRenditions(data: jpeg.prefix(jpeg.count * 2 / 3), limits: TestImages.lenient)
        }
        #expect(throws: ImagingError.truncated) {
            try Imaging.makeRenditions(data: jpeg.dropLast(2), limits: TestImages.lenient)  // only EOI missing
        }
    }

    @Test(arguments: [ImageFormat.png, .webp, .gif, .heic, .avif, .bmp, .tiff])
    func truncated_files_of_other_formats_are_refused(format: ImageFormat) throws {
        let data = try TestImages.quadrants(width: 200, height: 150).encoded(as: format)
        #expect {
            try Imaging.makeRenditions(data: data.prefix(data.count * 2 / 3), limits: TestImages.lenient)
        } throws: { error in
            [ImagingError.truncated, .corrupt].contains(error as? ImagingError)
        }
    }

    @Test func decompression_bombs_are_refused_from_the_header() throws {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: ImagingError.tooManyPixels(width: 30_000, height: 30_000, maximum: 60_000_000)) {
            try Imaging.makeRenditions(data: try ImageProbeTests.bombJPEG)
        }
        let png = PNGWriter.file(width: 30_000, height: 30_000, bitDepth: 8, colorType: .rgba, idat: PNGWriter.zlibStored([0]))
        #expect(throws: ImagingError.tooManyPixels(width: 30_000, height: 30_000, maximum: 60_000_000)) {
            try Imaging.makeRenditions(data: png)
        }
        #expect(clock.now - start < .milliseconds(500))
    }

    @Test func too_small_is_refused() throws {
        let data = try TestImages.quadrants(width: 500, height: 300).encoded(as: .png)
        #expect(throws: ImagingError.tooSmall(longEdge: 500, minimum: 1200)) {
            try Imaging.makeRenditions(data: data, limits: ImageLimits(minLongEdge: 1200))
        }
    }

    @Test func formats_outside_the_accepted_set_are_refused() throws {
        let data = try TestImages.quadrants(width: 50, height: 50).encoded(as: .bmp)
        let limits = ImageLimits(minLongEdge: 1, acceptedFormats: [.jpeg, .png])
        #expect(throws: ImagingError.unsupportedFormat(.bmp, accepted: [.jpeg, .png])) {
            try Imaging.makeRenditions(data: data, limits: limits)
        }
    }
}
