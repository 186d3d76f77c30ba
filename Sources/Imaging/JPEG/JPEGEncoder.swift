internal import CJPEG
import Foundation

/// Encodes JPEG with libjpeg-turbo: a JFIF header and the image, no other marker.
///
/// libgd's writer adds a "CREATOR: gd-jpeg" comment; derived files must carry no metadata at all.
enum JPEGEncoder {
    /// Encodes a gd truecolor image (its alpha byte is ignored); progressive only for generated test and bench inputs.
    static func encode(_ image: GDImage, quality: Int, progressive: Bool = false) throws(ImagingError) -> Data {
        let stream = try JPEGStreamEncoder(
            width: image.width, height: image.height, colorSpace: JCS_EXT_BGRX, components: 4, quality: quality, progressive: progressive)
        try stream.write(rows: 0..<image.height, of: image)
        return try stream.finish()
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
            let stream = try JPEGStreamEncoder(
                width: width, height: height, colorSpace: colorSpace, components: Int32(components), quality: quality)
            try stream.write(rows: 0..<height) { base + $0 * width * components }
            return try stream.finish()
        }
    }

    enum SampleLayout {
        case cmyk, grayscale
    }
}

/// A JPEG being encoded, fed rows in order (possibly as they are produced); the libjpeg state is freed with the object.
final class JPEGStreamEncoder {
    private let encoder: UnsafeMutablePointer<CJPEGEncoder>
    private let height: Int
    private var written = 0

    /// Starts a stream for gd truecolor rows.
    convenience init(width: Int, height: Int, quality: Int) throws(ImagingError) {
        try self.init(width: width, height: height, colorSpace: JCS_EXT_BGRX, components: 4, quality: quality)
    }

    fileprivate init(
        width: Int, height: Int, colorSpace: J_COLOR_SPACE, components: Int32, quality: Int, progressive: Bool = false
    ) throws(ImagingError) {
        guard width > 0, height > 0, let encoder = cjpeg_encoder_create() else { throw .processingFailed }
        self.encoder = encoder
        self.height = height
        let clamped = Int32(min(max(quality, 1), 100))
        // No Huffman optimisation: it buffers the whole image (5 MB for a preview) for files only ~5 % smaller.
        guard cjpeg_encoder_start(encoder, JDIMENSION(width), JDIMENSION(height), colorSpace, components, clamped, 0, progressive ? 1 : 0) != 0
        else { throw self.failure() }
    }

    deinit {
        cjpeg_encoder_destroy(self.encoder)
    }

    /// Writes rows of a gd truecolor image; they must follow the rows already written.
    func write(rows: Range<Int>, of image: GDImage) throws(ImagingError) {
        try self.write(rows: rows) { UnsafeMutableRawPointer(image.row($0)).assumingMemoryBound(to: UInt8.self) }
    }

    /// Writes the rows given by `row(y)`; they must follow the rows already written.
    func write(rows: Range<Int>, row: (Int) -> UnsafeMutablePointer<UInt8>) throws(ImagingError) {
        precondition(rows.lowerBound == self.written && rows.upperBound <= self.height)
        var pointers = [JSAMPROW?](repeating: nil, count: 16)
        var y = rows.lowerBound
        while y < rows.upperBound {
            let count = min(pointers.count, rows.upperBound - y)
            for index in 0..<count {
                pointers[index] = row(y + index)
            }
            let ok = pointers.withUnsafeMutableBufferPointer { cjpeg_encoder_write_scanlines(self.encoder, $0.baseAddress, JDIMENSION(count)) }
            guard ok != 0 else { throw self.failure() }
            y += count
        }
        self.written = rows.upperBound
    }

    /// Ends the stream once every row is written.
    func finish() throws(ImagingError) -> Data {
        guard self.written == self.height, cjpeg_encoder_finish(self.encoder) != 0, let buffer = self.encoder.pointee.buffer
        else { throw self.failure() }
        return Data(bytes: buffer, count: Int(self.encoder.pointee.size))
    }

    private func failure() -> ImagingError {
        let message = withUnsafeBytes(of: self.encoder.pointee.error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        GDWarnings.emit("libjpeg encoder error: \(message)")
        return .processingFailed
    }
}
