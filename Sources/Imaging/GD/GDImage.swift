internal import CGD

/// Owns a libgd truecolor image; destroyed with the object.
///
/// Pixels are `Int32` in gd's layout: 7-bit alpha (0 opaque, 127 transparent) << 24 | red << 16 | green << 8 | blue,
/// i.e. bytes B, G, R, A in memory on little-endian machines.
final class GDImage {
    let pointer: gdImagePtr

    /// Takes ownership of `pointer`.
    init(taking pointer: gdImagePtr) {
        _ = GDWarnings.installed
        self.pointer = pointer
    }

    /// A new truecolor image, all black and opaque; `nil` if gd refuses the size or memory runs out.
    convenience init?(width: Int, height: Int) {
        _ = GDWarnings.installed
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max),
            let pointer = gdImageCreateTrueColor(Int32(width), Int32(height))
        else { return nil }
        self.init(taking: pointer)
    }

    deinit {
        gdImageDestroy(self.pointer)
    }

    var width: Int {
        Int(self.pointer.pointee.sx)
    }

    var height: Int {
        Int(self.pointer.pointee.sy)
    }

    var isTrueColor: Bool {
        self.pointer.pointee.trueColor != 0
    }

    /// Row `y` of a truecolor image.
    func row(_ y: Int) -> UnsafeMutablePointer<Int32> {
        precondition(self.isTrueColor && y >= 0 && y < self.height)
        guard let row = self.pointer.pointee.tpixels[y] else { preconditionFailure("gd truecolor row missing") }
        return row
    }

    /// Pixel at (x, y) as (red, green, blue, gd alpha).
    func pixel(x: Int, y: Int) -> (red: Int, green: Int, blue: Int, alpha: Int) {
        let value = Int(self.row(y)[x])
        return (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF, value >> 24 & 0x7F)
    }

    /// Fills a rectangle with a gd colour (replacing, not blending).
    func fill(x: Int, y: Int, width: Int, height: Int, color: Int32) {
        gdImageAlphaBlending(self.pointer, 0)
        gdImageFilledRectangle(self.pointer, Int32(x), Int32(y), Int32(x + width - 1), Int32(y + height - 1), color)
        gdImageAlphaBlending(self.pointer, 1)
    }

    /// Whether PNG, WebP and AVIF encoders keep the alpha channel.
    func setSaveAlpha(_ save: Bool) {
        gdImageSaveAlpha(self.pointer, save ? 1 : 0)
    }

    /// A palette image (what GIF stores) whose pixel (x, y) is `colors[index(x, y)]`; `transparent` is the index
    /// of the transparent colour, if any. For tests: gd's truecolor-to-palette conversion drops alpha.
    static func palette(
        width: Int, height: Int, colors: [(red: Int, green: Int, blue: Int)], transparent: Int?, index: (Int, Int) -> Int
    ) -> GDImage? {
        guard width > 0, height > 0, colors.count <= 256, let pointer = gdImageCreate(Int32(width), Int32(height)) else { return nil }
        let image = GDImage(taking: pointer)
        let allocated = colors.map { gdImageColorAllocate(pointer, Int32($0.red), Int32($0.green), Int32($0.blue)) }
        if let transparent {
            gdImageColorTransparent(pointer, allocated[transparent])
        }
        for y in 0..<height {
            for x in 0..<width {
                gdImageSetPixel(pointer, Int32(x), Int32(y), allocated[index(x, y)])
            }
        }
        return image
    }

    /// Turns a palette image (GIF, palette PNG) into truecolor; transparent entries keep their alpha.
    func makeTrueColor() -> Bool {
        self.isTrueColor || gdImagePaletteToTrueColor(self.pointer) != 0
    }

    /// Whether any pixel is not fully opaque.
    func hasTransparency() -> Bool {
        for y in 0..<self.height {
            let row = self.row(y)
            for x in 0..<self.width where row[x] & 0x7F00_0000 != 0 {
                return true
            }
        }
        return false
    }

    /// Blends every pixel onto a white background and makes it opaque.
    func flattenOntoWhite() {
        for y in 0..<self.height {
            let row = self.row(y)
            for x in 0..<self.width {
                let value = Int(row[x])
                let alpha = value >> 24 & 0x7F
                guard alpha != 0 else { continue }
                let opacity = 127 - alpha
                func blend(_ channel: Int) -> Int {
                    (channel * opacity + 255 * alpha + 63) / 127
                }
                let red = blend(value >> 16 & 0xFF)
                let green = blend(value >> 8 & 0xFF)
                let blue = blend(value & 0xFF)
                row[x] = Int32(red << 16 | green << 8 | blue)
            }
        }
    }
}
