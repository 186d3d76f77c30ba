import Foundation
import Testing

@testable import Imaging

struct OrientationTests {
    /// Where each stored quadrant colour lands on display, clockwise from top-left.
    static let expectedCorners: [ImageOrientation: [(Int, Int, Int)]] = {
        let (r, g, b, y) = (TestImages.red, TestImages.green, TestImages.blue, TestImages.yellow)
        // Stored: red top-left, green top-right, yellow bottom-right, blue bottom-left.
        return [
            .up: [r, g, y, b],
            .upMirrored: [g, r, b, y],
            .down: [y, b, r, g],
            .downMirrored: [b, y, g, r],
            .leftMirrored: [r, b, y, g],
            .right: [b, r, g, y],
            .rightMirrored: [y, g, r, b],
            .left: [g, y, b, r],
        ]
    }()

    @Test(arguments: ImageOrientation.allCases)
    func applies_exif_orientation(orientation: ImageOrientation) throws {
        // Landscape as stored, like a phone sensor.
        let jpeg = try TestImages.quadrants(width: 160, height: 120).encoded(as: .jpeg, quality: 95)
        let tagged = JPEGBytes.inserting(JPEGBytes.exif(orientation: orientation.rawValue), into: jpeg)
        let renditions = try Imaging.makeRenditions(data: tagged, limits: TestImages.lenient, thumbnailLongEdge: 40, previewLongEdge: 80)
        let expected = orientation.swapsDimensions ? PixelSize(width: 60, height: 80) : PixelSize(width: 80, height: 60)
        #expect(renditions.previewSize == expected)
        #expect(renditions.originalSize.width == (orientation.swapsDimensions ? 120 : 160))
        let preview = try TestImages.decodeJPEG(renditions.preview)
        #expect((preview.width, preview.height) == (expected.width, expected.height))
        let (w, h) = (preview.width, preview.height)
        let samples = [(w / 4, h / 4), (3 * w / 4, h / 4), (3 * w / 4, 3 * h / 4), (w / 4, 3 * h / 4)]
        let corners = try #require(Self.expectedCorners[orientation])
        for (sample, color) in zip(samples, corners) {
            let pixel = preview.pixel(x: sample.0, y: sample.1)
            #expect(TestImages.close(pixel, color), "\(orientation) at \(sample): \(pixel)")
        }
        let thumbnail = try TestImages.decodeJPEG(renditions.thumbnail)
        #expect((thumbnail.width > thumbnail.height) == !orientation.swapsDimensions)
    }

    @Test func portrait_phone_photo_comes_out_portrait() throws {
        let jpeg = try TestImages.quadrants(width: 1600, height: 1200).encoded(as: .jpeg)
        let photo = JPEGBytes.inserting(JPEGBytes.exif(orientation: 6), into: jpeg)
        let renditions = try Imaging.makeRenditions(data: photo)
        #expect(renditions.originalSize == PixelSize(width: 1200, height: 1600))
        #expect(renditions.previewSize == PixelSize(width: 1200, height: 1600))
        #expect(renditions.thumbnailSize == PixelSize(width: 300, height: 400))
    }
}
