import Foundation

/// Reads the binary PPM (`P6`, 8 bits per sample) that `pdftoppm` writes by default into a gd image.
///
/// Raw pixels rather than PNG: compressing a photographic page to PNG takes pdftoppm four times as long as drawing it
/// (0,8 s of 1 s for an A3 holding a 300 dpi photograph), only for us to decompress it again.
enum PPMReader {
    /// - Throws: `.corrupt` if the header is not a P6 header with maxval 255 or the pixels are missing;
    ///   `.tooManyPixels` beyond `maxPixels`.
    static func read(_ data: Data, maxPixels: Int) throws(ImagingError) -> GDImage {
        let result: Result<GDImage, ImagingError> = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            Result { () throws(ImagingError) -> GDImage in try self.read(bytes, maxPixels: maxPixels) }
        }
        return try result.get()
    }

    private static func read(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(ImagingError) -> GDImage {
        var offset = 0
        func skipSpaceAndComments() {
            while offset < bytes.count {
                if bytes[offset] == UInt8(ascii: "#") {
                    while offset < bytes.count && bytes[offset] != 0x0A { offset += 1 }
                } else if [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) {
                    offset += 1
                } else {
                    return
                }
            }
        }
        func number() throws(ImagingError) -> Int {
            skipSpaceAndComments()
            var value = 0
            var digits = 0
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39, digits < 9 {
                value = value * 10 + Int(bytes[offset] - 0x30)
                offset += 1
                digits += 1
            }
            guard digits > 0 else { throw .corrupt }
            return value
        }
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "6") else { throw .corrupt }
        offset = 2
        let width = try number()
        let height = try number()
        let maxValue = try number()
        // One white-space byte ends the header.
        guard maxValue == 255, width > 0, height > 0, offset < bytes.count else { throw .corrupt }
        offset += 1
        guard width * height <= maxPixels else { throw .tooManyPixels(width: width, height: height, maximum: maxPixels) }
        guard bytes.count - offset >= width * height * 3 else { throw .truncated }
        guard let image = GDImage(width: width, height: height) else { throw .processingFailed }
        for y in 0..<height {
            let row = image.row(y)
            var source = offset + y * width * 3
            for x in 0..<width {
                row[x] = Int32(Int(bytes[source]) << 16 | Int(bytes[source + 1]) << 8 | Int(bytes[source + 2]))
                source += 3
            }
        }
        return image
    }
}
