import Foundation
import Testing

@testable import Imaging

/// WebP decoded by libwebp straight to the preview's size (`use_scaling`), instead of whole by libgd.
/// Serialized, as `PDFTests`: synchronous, CPU-bound work on the cooperative pool.
@Suite(.serialized)
struct WebPDecoderTests {
    /// A lossy WebP of `width` × `height` quadrants, wrapped in an extended (VP8X) file with an EXIF orientation.
    static func extendedWebP(width: Int, height: Int, orientation: Int) throws -> Data {
        let simple = try TestImages.quadrants(width: width, height: height).encoded(as: .webp, quality: 90)
        // "RIFF" size "WEBP", then the VP8 chunk as it is.
        let vp8Chunk = simple.dropFirst(12)
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le24(_ value: Int) -> [UInt8] { (0..<3).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        // The TIFF payload of the JPEG helper's APP1 segment (after the marker, length and "Exif\0\0").
        let tiff = Array(JPEGBytes.exif(orientation: orientation).dropFirst(10))
        var exifChunk = Array("EXIF".utf8) + le32(tiff.count) + tiff
        if tiff.count % 2 == 1 { exifChunk.append(0) }
        let vp8x = Array("VP8X".utf8) + le32(10) + [0x08, 0, 0, 0] + le24(width - 1) + le24(height - 1)
        let body = Array("WEBP".utf8) + vp8x + Array(vp8Chunk) + exifChunk
        return Data(Array("RIFF".utf8) + le32(body.count) + body)
    }

    @Test func a_large_webp_decodes_at_the_preview_size_with_its_colours() throws {
        let data = try TestImages.quadrants(width: 3200, height: 2400).encoded(as: .webp, quality: 85)
        let decoded = try data.withUnsafeBytes { buffer in try WebPDecoder.decode(buffer, longEdge: 1600) }
        // Never held at 3200 × 2400: the decoder's output is already the preview.
        #expect((decoded.width, decoded.height) == (3200, 2400))
        #expect((decoded.image.width, decoded.image.height) == (1600, 1200))
        let image = decoded.image
        #expect(TestImages.close(image.pixel(x: 400, y: 300), TestImages.red))
        #expect(TestImages.close(image.pixel(x: 1200, y: 300), TestImages.green))
        #expect(TestImages.close(image.pixel(x: 400, y: 900), TestImages.blue))
        #expect(TestImages.close(image.pixel(x: 1200, y: 900), TestImages.yellow))
        // The quadrant edges stay where they were (scaled), not shifted by the rescaler.
        #expect(TestImages.close(image.pixel(x: 795, y: 300), TestImages.red) && TestImages.close(image.pixel(x: 805, y: 300), TestImages.green))

        let renditions = try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 400, previewLongEdge: 1600)
        #expect(renditions.format == .webp && renditions.originalSize == PixelSize(width: 3200, height: 2400))
        #expect(renditions.previewSize == PixelSize(width: 1600, height: 1200) && renditions.thumbnailSize == PixelSize(width: 400, height: 300))
    }

    @Test func exif_orientation_of_an_extended_webp_is_applied_after_scaled_decoding() throws {
        // Stored landscape, EXIF 6 (rotate 90° clockwise to display): the poster is portrait.
        let data = try Self.extendedWebP(width: 1600, height: 1200, orientation: 6)
        #expect(try ImageProbe.probe(data) == ImageInfo(format: .webp, width: 1600, height: 1200, orientation: .right))
        let renditions = try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 200, previewLongEdge: 800)
        #expect(renditions.previewSize == PixelSize(width: 600, height: 800))
        let preview = try TestImages.decodeJPEG(renditions.preview)
        // Turned clockwise: red (stored top-left) is now top-right, blue (bottom-left) top-left.
        #expect(TestImages.close(preview.pixel(x: 450, y: 200), TestImages.red))
        #expect(TestImages.close(preview.pixel(x: 150, y: 200), TestImages.blue))
        #expect(TestImages.close(preview.pixel(x: 150, y: 600), TestImages.yellow))
    }

    @Test func small_webps_are_not_enlarged_and_lossless_ones_decode_too() throws {
        let lossless = try TestImages.quadrants(width: 300, height: 200).encoded(as: .webp, quality: 101)
        let decoded = try lossless.withUnsafeBytes { buffer in try WebPDecoder.decode(buffer, longEdge: 1600) }
        #expect((decoded.image.width, decoded.image.height) == (300, 200))
        #expect(decoded.image.pixel(x: 10, y: 10) == (255, 0, 0, 0))  // lossless: exact
        #expect(decoded.image.pixel(x: 290, y: 190) == (255, 255, 0, 0))
    }

    @Test func half_transparent_webp_blends_onto_white() throws {
        let image = try TestImages.solid(width: 64, height: 64, color: (0, 0, 0), alpha: 64).savingAlpha()
        let data = try image.encoded(as: .webp, quality: 101)
        let decoded = try data.withUnsafeBytes { buffer in try WebPDecoder.decode(buffer, longEdge: 32) }
        let pixel = decoded.image.pixel(x: 16, y: 16)
        // gd alpha 64 of 127 is about half: black at half opacity on white is mid grey.
        #expect(abs(pixel.red - 128) <= 4 && pixel.red == pixel.green && pixel.green == pixel.blue && pixel.alpha == 0, "\(pixel)")
    }

    @Test func corrupt_and_truncated_webps_are_refused_with_the_same_reason_as_before() throws {
        let good = try TestImages.quadrants(width: 640, height: 480).encoded(as: .webp, quality: 101)
        // Lossless: keep the RIFF header, the VP8L signature and size, then garbage.
        var garbled = good
        for index in 30..<garbled.count { garbled[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        let truncated = good.prefix(good.count / 2)
        for damaged in [garbled, Data(truncated)] {
            #expect {
                try Imaging.makeRenditions(data: damaged, limits: TestImages.lenient)
            } throws: { error in
                (error as? ImagingError).map { [ImagingError.truncated, .corrupt].contains($0) && $0.message == "Le fichier semble tronqué ou corrompu." } ?? false
            }
            // libgd's reader, used before, refused them with that same sentence (`.corrupt`).
            #expect(throws: ImagingError.corrupt) { try damaged.withUnsafeBytes { buffer in try GDImage.decode(buffer, format: .webp) } }
        }
    }
}
