internal import CGD
import Foundation

/// Generates plausible poster images (gradient, shapes, columns of "text", a chart, a large title) for demos,
/// tests and benchmarks. The same seed always gives the same image.
public enum PosterGenerator {
    /// How a poster is drawn and encoded.
    public struct Options: Sendable {
        /// JPEG (or WebP, HEIC, AVIF) quality, 1–100.
        public var quality: Int
        /// Adds photographic noise so that files weigh what real scans and photos do (several MB for an A3 at 300 dpi).
        public var realisticDetail: Bool
        /// Writes an EXIF orientation tag (JPEG only); the pixels are stored as given, as a camera would.
        public var exifOrientation: ImageOrientation?
        /// Writes a progressive JPEG (as some cameras and web exports do) instead of a baseline one.
        public var progressive: Bool

        public init(quality: Int = 85, realisticDetail: Bool = false, exifOrientation: ImageOrientation? = nil, progressive: Bool = false) {
            self.progressive = progressive
            self.quality = quality
            self.realisticDetail = realisticDetail
            self.exifOrientation = exifOrientation
        }
    }

    /// A poster as a JPEG file.
    /// - Parameters:
    ///   - width: in pixels (3508 × 4961 is A3 at 300 dpi).
    ///   - height: in pixels.
    ///   - title: drawn large near the top.
    ///   - subtitle: drawn below the title.
    ///   - seed: picks colours and layout.
    ///   - options: quality, detail and orientation.
    /// - Returns: the JPEG file, or empty data if the size is invalid or memory runs out.
    public static func poster(
        width: Int, height: Int, title: String, subtitle: String = "", seed: UInt64 = 1, options: Options = Options()
    ) -> Data {
        (try? self.poster(width: width, height: height, title: title, subtitle: subtitle, seed: seed, format: .jpeg, options: options))
            ?? Data()
    }

    /// A poster in any format libgd can write (PNG, WebP, GIF, HEIC, AVIF, BMP, TIFF, JPEG).
    /// - Throws: `.processingFailed` if the size is invalid or libgd cannot write the format.
    public static func poster(
        width: Int, height: Int, title: String, subtitle: String = "", seed: UInt64 = 1, format: ImageFormat,
        options: Options = Options()
    ) throws(ImagingError) -> Data {
        let image = try self.render(width: width, height: height, title: title, subtitle: subtitle, seed: seed, options: options)
        var data =
            format == .jpeg && options.progressive
            ? try JPEGEncoder.encode(image, quality: options.quality, progressive: true)
            : try image.encoded(as: format, quality: options.quality)
        if format == .jpeg, let orientation = options.exifOrientation {
            data = ExifSegment.inserting(ExifSegment.orientation(orientation), into: data)
        }
        return data
    }

    // MARK: - Drawing

    static func render(width: Int, height: Int, title: String, subtitle: String, seed: UInt64, options: Options) throws(ImagingError)
        -> GDImage
    {
        guard let image = GDImage(width: width, height: height) else { throw .processingFailed }
        var random = SeededRandom(seed: seed)
        let hue = Double.random(in: 0..<1, using: &random)
        let top = RGB(hue: hue, saturation: 0.55, value: 0.95)
        let bottom = RGB(hue: hue + 0.12, saturation: 0.75, value: 0.35)
        self.drawGradient(image, from: top, to: bottom)
        self.drawShapes(image, hue: hue, random: &random)
        self.drawColumns(image, hue: hue, random: &random)
        let unit = min(width, height)
        PosterText.draw(
            title, in: image, centerX: width / 2, top: height / 14, maxWidth: width * 85 / 100, maxHeight: unit / 9,
            color: RGB(red: 255, green: 255, blue: 255), shadow: true)
        if !subtitle.isEmpty {
            PosterText.draw(
                subtitle, in: image, centerX: width / 2, top: height / 14 + unit / 9 + unit / 30, maxWidth: width * 75 / 100,
                maxHeight: unit / 22, color: RGB(red: 250, green: 245, blue: 225), shadow: true)
        }
        if options.realisticDetail {
            self.addNoise(image, amplitude: 14, random: &random)
        }
        return image
    }

    private static func drawGradient(_ image: GDImage, from top: RGB, to bottom: RGB) {
        let width = image.width
        let height = image.height
        let span = max(1, width / 3 + height)
        for y in 0..<height {
            let row = image.row(y)
            for x in 0..<width {
                let t = (y + x / 3) * 256 / span
                let red = top.red + (bottom.red - top.red) * t / 256
                let green = top.green + (bottom.green - top.green) * t / 256
                let blue = top.blue + (bottom.blue - top.blue) * t / 256
                row[x] = Int32(red << 16 | green << 8 | blue)
            }
        }
    }

    private static func drawShapes(_ image: GDImage, hue: Double, random: inout SeededRandom) {
        let width = image.width
        let height = image.height
        let unit = min(width, height)
        gdImageAlphaBlending(image.pointer, 1)
        for index in 0..<18 {
            let color = RGB(
                hue: hue + 0.5 + Double.random(in: -0.15...0.15, using: &random), saturation: 0.6, value: Double.random(in: 0.5...1, using: &random)
            ).gd(alpha: Int.random(in: 50...100, using: &random))
            let x = Int32(Int.random(in: 0..<width, using: &random))
            let y = Int32(Int.random(in: 0..<height, using: &random))
            let size = Int32(Int.random(in: unit / 20...unit / 4, using: &random))
            switch index % 3 {
            case 0:
                gdImageFilledEllipse(image.pointer, x, y, size, size, color)
            case 1:
                gdImageFilledRectangle(image.pointer, x, y, x + size, y + size / 2, color)
            default:
                var points = [gdPoint(x: x, y: y - size / 2), gdPoint(x: x + size / 2, y: y + size / 2), gdPoint(x: x - size / 2, y: y + size / 2)]
                gdImageFilledPolygon(image.pointer, &points, Int32(points.count), color)
            }
        }
    }

    /// Three columns of paragraph lines and one bar chart, like a scientific poster.
    private static func drawColumns(_ image: GDImage, hue: Double, random: inout SeededRandom) {
        let width = image.width
        let height = image.height
        let margin = width / 16
        let columnWidth = (width - 4 * margin) / 3
        let lineHeight = max(2, height / 160)
        let top = height * 3 / 10
        let bottom = height - height / 12
        guard columnWidth > 4, bottom > top else { return }
        let panel = RGB(red: 255, green: 255, blue: 255).gd(alpha: 25)
        let ink = RGB(red: 40, green: 40, blue: 50).gd()
        for column in 0..<3 {
            let left = margin + column * (columnWidth + margin)
            gdImageFilledRectangle(
                image.pointer, Int32(left - margin / 4), Int32(top - margin / 4), Int32(left + columnWidth + margin / 4), Int32(bottom), panel)
            var y = top
            let chartAt = Int.random(in: top + (bottom - top) / 4...top + (bottom - top) / 2, using: &random)
            while y + lineHeight < bottom {
                if column == 1 && y >= chartAt && y < chartAt + lineHeight * 2 {
                    y = self.drawChart(image, left: left, top: y, width: columnWidth, height: (bottom - top) / 3, hue: hue, random: &random)
                    continue
                }
                let length = Int.random(in: columnWidth * 6 / 10...columnWidth, using: &random)
                gdImageFilledRectangle(image.pointer, Int32(left), Int32(y), Int32(left + length), Int32(y + lineHeight * 2 / 3), ink)
                y += lineHeight * 2
                if Int.random(in: 0..<9, using: &random) == 0 {
                    y += lineHeight * 2  // paragraph break
                }
            }
        }
    }

    private static func drawChart(_ image: GDImage, left: Int, top: Int, width: Int, height: Int, hue: Double, random: inout SeededRandom) -> Int {
        let bars = 7
        let barWidth = width / (bars * 2)
        let base = top + height
        for bar in 0..<bars {
            let barHeight = Int.random(in: height / 5...height * 9 / 10, using: &random)
            let color = RGB(hue: hue + Double(bar) / Double(bars), saturation: 0.7, value: 0.8).gd()
            let x = left + barWidth / 2 + bar * barWidth * 2
            gdImageFilledRectangle(image.pointer, Int32(x), Int32(base - barHeight), Int32(x + barWidth), Int32(base), color)
        }
        gdImageFilledRectangle(
            image.pointer, Int32(left), Int32(base), Int32(left + width), Int32(base + max(1, height / 80)), RGB(red: 30, green: 30, blue: 30).gd())
        return base + height / 8
    }

    /// Per-channel uniform noise in ±amplitude, like sensor noise or paper grain.
    private static func addNoise(_ image: GDImage, amplitude: Int, random: inout SeededRandom) {
        var state = random.next() | 1
        let range = UInt64(2 * amplitude + 1)
        for y in 0..<image.height {
            let row = image.row(y)
            for x in 0..<image.width {
                // xorshift64: one draw per pixel, 8 bits per channel.
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                let value = Int(row[x])
                func noisy(_ channel: Int, _ shift: UInt64) -> Int {
                    let noise = Int(((state >> shift & 0xFF) * range) >> 8) - amplitude
                    return min(255, max(0, channel + noise))
                }
                let red = noisy(value >> 16 & 0xFF, 0)
                let green = noisy(value >> 8 & 0xFF, 8)
                let blue = noisy(value & 0xFF, 16)
                row[x] = Int32(red << 16 | green << 8 | blue)
            }
        }
    }
}
