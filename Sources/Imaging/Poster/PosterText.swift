internal import CGD
import Foundation

/// Draws large text: TrueType through FreeType if a font is installed, else libgd's bitmap font scaled up.
enum PosterText {
    /// Bold sans-serif fonts tried in order.
    static let fontCandidates = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
    ]

    /// The first installed candidate; `nil` means the bitmap fallback.
    static let fontPath: String? = {
        // FreeType's cache must be set up once before threads use gdImageStringFT.
        guard gdFontCacheSetup() == 0 else { return nil }
        return fontCandidates.first { FileManager.default.fileExists(atPath: $0) }
    }()

    /// Draws `text` centred on `centerX`, its top at `top`, as large as fits `maxWidth` × `maxHeight`.
    static func draw(
        _ text: String, in image: GDImage, centerX: Int, top: Int, maxWidth: Int, maxHeight: Int, color: RGB, shadow: Bool,
        forceBitmap: Bool = false
    ) {
        gdImageAlphaBlending(image.pointer, 1)
        if !forceBitmap, let fontPath,
            self.drawTrueType(
                text, in: image, font: fontPath, centerX: centerX, top: top,
                maxWidth: maxWidth, maxHeight: maxHeight, color: color, shadow: shadow)
        {
            return
        }
        self.drawBitmap(text, in: image, centerX: centerX, top: top, maxWidth: maxWidth, maxHeight: maxHeight, color: color, shadow: shadow)
    }

    private static func drawTrueType(
        _ text: String, in image: GDImage, font: String, centerX: Int, top: Int, maxWidth: Int, maxHeight: Int, color: RGB, shadow: Bool
    ) -> Bool {
        // Measure at 100 pt (brect: lower-left, lower-right, upper-right, upper-left), then scale to fit.
        var box = [Int32](repeating: 0, count: 8)
        guard gdImageStringFT(nil, &box, 0, font, 100, 0, 0, 0, text) == nil else { return false }
        let width = max(1, Double(box[2] - box[0]))
        let height = max(1, Double(box[1] - box[5]))
        let size = 100 * min(Double(maxWidth) / width, Double(maxHeight) / height)
        guard gdImageStringFT(nil, &box, 0, font, size, 0, 0, 0, text) == nil else { return false }
        let x = Int32(centerX) - (box[2] - box[0]) / 2 - box[0]
        let y = Int32(top) - box[5]
        if shadow {
            let offset = Int32(max(1, size / 25))
            _ = gdImageStringFT(image.pointer, &box, RGB(red: 0, green: 0, blue: 0).gd(alpha: 60), font, size, 0, x + offset, y + offset, text)
        }
        return gdImageStringFT(image.pointer, &box, color.gd(), font, size, 0, x, y, text) == nil
    }

    private static func drawBitmap(
        _ text: String, in image: GDImage, centerX: Int, top: Int, maxWidth: Int, maxHeight: Int, color: RGB, shadow: Bool
    ) {
        guard let font = gdFontGetGiant() else { return }
        // The bitmap fonts are ISO-8859-2; Latin-1 covers the French letters that matter here.
        var bytes = text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") } + [0]
        let glyphWidth = Int(font.pointee.w)
        let glyphHeight = Int(font.pointee.h)
        let textWidth = max(1, glyphWidth * (bytes.count - 1))
        guard let small = GDImage(width: textWidth, height: glyphHeight) else { return }
        // Transparent background, opaque glyphs; then scale up with blending onto the poster.
        gdImageAlphaBlending(small.pointer, 0)
        gdImageFilledRectangle(small.pointer, 0, 0, Int32(textWidth - 1), Int32(glyphHeight - 1), color.gd(alpha: 127))
        bytes.withUnsafeMutableBufferPointer { gdImageString(small.pointer, font, 0, 0, $0.baseAddress, Int32(color.gd())) }
        let scale = min(Double(maxWidth) / Double(textWidth), Double(maxHeight) / Double(glyphHeight))
        let width = Int32(Double(textWidth) * scale)
        let height = Int32(Double(glyphHeight) * scale)
        let x = Int32(centerX) - width / 2
        if shadow {
            let offset = max(1, height / 25)
            let dark = GDImage(width: textWidth, height: glyphHeight)
            if let dark {
                gdImageAlphaBlending(dark.pointer, 0)
                gdImageFilledRectangle(
                    dark.pointer, 0, 0, Int32(textWidth - 1), Int32(glyphHeight - 1), RGB(red: 0, green: 0, blue: 0).gd(alpha: 127))
                bytes.withUnsafeMutableBufferPointer {
                    gdImageString(dark.pointer, font, 0, 0, $0.baseAddress, RGB(red: 0, green: 0, blue: 0).gd(alpha: 60))
                }
                gdImageCopyResized(
                    image.pointer, dark.pointer, x + offset, Int32(top) + offset, 0, 0, width, height, Int32(textWidth), Int32(glyphHeight))
            }
        }
        gdImageCopyResized(image.pointer, small.pointer, x, Int32(top), 0, 0, width, height, Int32(textWidth), Int32(glyphHeight))
    }
}
