import Foundation
import Testing

@testable import Imaging

struct ColorTests {
    private func preview(_ data: Data) throws -> GDImage {
        let renditions = try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 32, previewLongEdge: 64)
        return try TestImages.decodeJPEG(renditions.preview)
    }

    @Test func adobe_cmyk_jpeg_decodes_to_rgb() throws {
        // Left half red (C0 M100 Y100 K0), right half blue (C100 M100 Y0 K0); stored inverted as Photoshop does.
        let (width, height) = (64, 32)
        var samples: [UInt8] = []
        for _ in 0..<height {
            for x in 0..<width {
                let ink: [UInt8] = x < width / 2 ? [0, 255, 255, 0] : [255, 255, 0, 0]
                samples += ink.map { 255 - $0 }
            }
        }
        let jpeg = try JPEGEncoder.encode(samples: samples, width: width, height: height, layout: .cmyk, quality: 95)
        #expect(JPEGBytes.headerMarkers(jpeg).contains(0xEE))  // Adobe APP14
        let image = try self.preview(jpeg)
        #expect(TestImages.close(image.pixel(x: 10, y: 16), TestImages.red), "\(image.pixel(x: 10, y: 16))")
        #expect(TestImages.close(image.pixel(x: 54, y: 16), TestImages.blue), "\(image.pixel(x: 54, y: 16))")
    }

    @Test func greyscale_jpeg_decodes() throws {
        let samples = (0..<(64 * 32)).map { $0 % 64 < 32 ? UInt8(40) : UInt8(220) }
        let jpeg = try JPEGEncoder.encode(samples: samples, width: 64, height: 32, layout: .grayscale, quality: 95)
        let image = try self.preview(jpeg)
        #expect(TestImages.close(image.pixel(x: 8, y: 16), (40, 40, 40), tolerance: 12))
        #expect(TestImages.close(image.pixel(x: 56, y: 16), (220, 220, 220), tolerance: 12))
    }

    @Test(arguments: [ImageFormat.png, .webp, .avif])
    func transparency_becomes_white(format: ImageFormat) throws {
        // Left half opaque blue, right half fully transparent (black underneath).
        let image = try TestImages.solid(width: 64, height: 32, color: TestImages.blue)
        for y in 0..<32 {
            for x in 32..<64 {
                image.row(y)[x] = Int32(127 << 24)
            }
        }
        let data = try image.savingAlpha().encoded(as: format, quality: 100)
        let preview = try self.preview(data)
        #expect(TestImages.close(preview.pixel(x: 8, y: 16), TestImages.blue), "\(format)")
        #expect(TestImages.close(preview.pixel(x: 56, y: 16), (255, 255, 255), tolerance: 12), "\(format): \(preview.pixel(x: 56, y: 16))")
    }

    @Test func half_transparent_pixels_blend_with_white() throws {
        let image = try TestImages.solid(width: 16, height: 16, color: (0, 0, 0), alpha: 64).savingAlpha()
        let preview = try self.preview(try image.encoded(as: .png))
        let pixel = preview.pixel(x: 8, y: 8)
        #expect(abs(pixel.red - 127) < 12 && abs(pixel.green - 127) < 12, "\(pixel)")
    }

    @Test func gif_transparent_index_becomes_white() throws {
        // Left half red, right half the transparent index (black underneath).
        let image = try #require(
            GDImage.palette(width: 40, height: 20, colors: [(255, 0, 0), (0, 0, 0)], transparent: 1) { x, _ in x < 20 ? 0 : 1 })
        let gif = try image.encoded(as: .gif)
        let preview = try self.preview(gif)
        #expect(TestImages.close(preview.pixel(x: 5, y: 10), TestImages.red))
        #expect(TestImages.close(preview.pixel(x: 35, y: 10), (255, 255, 255), tolerance: 12), "\(preview.pixel(x: 35, y: 10))")
    }

    @Test func sixteen_bit_png_decodes() throws {
        // Left half opaque red, right half transparent, 16 bits per sample.
        let png = PNGWriter.png(width: 48, height: 24, bitDepth: 16, colorType: .rgba) { x, _ in
            x < 24 ? [65_535, 0, 0, 65_535] : [0, 0, 0, 0]
        }
        #expect(png[24] == 16)  // IHDR bit depth
        let preview = try self.preview(png)
        #expect(TestImages.close(preview.pixel(x: 6, y: 12), TestImages.red), "\(preview.pixel(x: 6, y: 12))")
        #expect(TestImages.close(preview.pixel(x: 42, y: 12), (255, 255, 255), tolerance: 12))
        let grey = PNGWriter.png(width: 30, height: 20, bitDepth: 16, colorType: .gray) { _, _ in [32_768] }
        #expect(TestImages.close(try self.preview(grey).pixel(x: 10, y: 10), (128, 128, 128), tolerance: 8))
    }

    @Test func gif_first_frame_decodes() throws {
        let gif = try TestImages.quadrants(width: 80, height: 60).encoded(as: .gif)
        let preview = try self.preview(gif)
        #expect(TestImages.close(preview.pixel(x: 10, y: 10), TestImages.red))
        #expect(TestImages.close(preview.pixel(x: 54, y: 40), TestImages.yellow))
    }
}
