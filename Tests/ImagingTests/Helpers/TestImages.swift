import Foundation
import Testing

@testable import Imaging

/// Small images with known content, drawn through the module's gd wrapper.
enum TestImages {
    static let red = (255, 0, 0)
    static let green = (0, 255, 0)
    static let blue = (0, 0, 255)
    static let yellow = (255, 255, 0)

    /// Four solid quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.
    static func quadrants(width: Int, height: Int) throws -> GDImage {
        let image = try #require(GDImage(width: width, height: height))
        let (left, top) = (width / 2, height / 2)
        image.fill(x: 0, y: 0, width: left, height: top, color: self.gd(red))
        image.fill(x: left, y: 0, width: width - left, height: top, color: self.gd(green))
        image.fill(x: 0, y: top, width: left, height: height - top, color: self.gd(blue))
        image.fill(x: left, y: top, width: width - left, height: height - top, color: self.gd(yellow))
        return image
    }

    /// One solid colour, with gd alpha (0 opaque … 127 transparent).
    static func solid(width: Int, height: Int, color: (Int, Int, Int), alpha: Int = 0) throws -> GDImage {
        let image = try #require(GDImage(width: width, height: height))
        image.fill(x: 0, y: 0, width: width, height: height, color: self.gd(color, alpha: alpha))
        return image
    }

    /// gd's packed truecolor value.
    static func gd(_ color: (Int, Int, Int), alpha: Int = 0) -> Int32 {
        Int32(alpha << 24 | color.0 << 16 | color.1 << 8 | color.2)
    }

    /// Decodes a JPEG at full size, to sample pixels.
    static func decodeJPEG(_ data: Data) throws -> GDImage {
        try data.withUnsafeBytes { buffer in
            try JPEGDecoder.decode(buffer, minimumLongEdge: .max, maxPixels: .max)
        }
    }

    /// Whether two colours are within `tolerance` on every channel (JPEG is lossy).
    static func close(_ pixel: (red: Int, green: Int, blue: Int, alpha: Int), _ color: (Int, Int, Int), tolerance: Int = 40) -> Bool {
        abs(pixel.red - color.0) <= tolerance && abs(pixel.green - color.1) <= tolerance && abs(pixel.blue - color.2) <= tolerance
    }

    /// Limits letting small test images through.
    static let lenient = ImageLimits(maxPixels: 60_000_000, minLongEdge: 1)
}
