internal import CJPEG
import Foundation

/// Encodes JPEG with libjpeg-turbo: a JFIF header and the image, no other marker.
///
/// libgd's writer adds a "CREATOR: gd-jpeg" comment; derived files must carry no metadata at all.
enum JPEGEncoder {
    /// Encodes a gd truecolor image (its alpha byte is ignored).
    static func encode(_ image: GDImage, quality: Int) throws(ImagingError) -> Data {
        try self.encode(width: image.width, height: image.height, colorSpace: JCS_EXT_BGRX, components: 4, quality: quality) { y in
            UnsafeMutableRawPointer(image.row(y)).assumingMemoryBound(to: UInt8.self)
        }
    }

    /// Encodes raw samples: 4 bytes per pixel for `.cmyk` (inverted, as Photoshop stores it, with an Adobe marker),
    /// 1 byte per pixel for `.grayscale`. Used by tests to produce the JPEG variants cameras and scanners write.
    static func encode(samples: [UInt8], width: Int, height: Int, layout: SampleLayout, quality: Int) throws(ImagingError) -> Data {
        let components = layout == .cmyk ? 4 : 1
        precondition(samples.count == width * height * components)
        var copy = samples
        return try copy.withUnsafeMutableBufferPointer { (buffer) throws(ImagingError) -> Data in
            guard let base = buffer.baseAddress else { throw .processingFailed }
            let colorSpace = layout == .cmyk ? JCS_CMYK : JCS_GRAYSCALE
            return try self.encode(width: width, height: height, colorSpace: colorSpace, components: Int32(components), quality: quality) { y in
                base + y * width * components
            }
        }
    }

    enum SampleLayout {
        case cmyk, grayscale
    }

    private static func encode(
        width: Int, height: Int, colorSpace: J_COLOR_SPACE, components: Int32, quality: Int,
        row: (Int) -> UnsafeMutablePointer<UInt8>
    ) throws(ImagingError) -> Data {
        guard width > 0, height > 0, let encoder = cjpeg_encoder_create() else { throw .processingFailed }
        defer { cjpeg_encoder_destroy(encoder) }
        let clamped = Int32(min(max(quality, 1), 100))
        guard cjpeg_encoder_start(encoder, JDIMENSION(width), JDIMENSION(height), colorSpace, components, clamped, 1) != 0
        else { throw self.failure(encoder) }
        var rows = [JSAMPROW?](repeating: nil, count: 16)
        var y = 0
        while y < height {
            let count = min(rows.count, height - y)
            for index in 0..<count {
                rows[index] = row(y + index)
            }
            let ok = rows.withUnsafeMutableBufferPointer { cjpeg_encoder_write_scanlines(encoder, $0.baseAddress, JDIMENSION(count)) }
            guard ok != 0 else { throw self.failure(encoder) }
            y += count
        }
        guard cjpeg_encoder_finish(encoder) != 0, let buffer = encoder.pointee.buffer else { throw self.failure(encoder) }
        return Data(bytes: buffer, count: Int(encoder.pointee.size))
    }

    private static func failure(_ encoder: UnsafeMutablePointer<CJPEGEncoder>) -> ImagingError {
        let message = withUnsafeBytes(of: encoder.pointee.error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        GDWarnings.emit("libjpeg encoder error: \(message)")
        return .processingFailed
    }
}
