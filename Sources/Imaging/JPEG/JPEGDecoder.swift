internal import CJPEG

/// Decodes JPEG with libjpeg-turbo into a gd image, shrinking in the DCT domain.
///
/// libgd's own JPEG reader always decodes at full size and silently fills a truncated file with grey. Decoding at
/// 3/8 or 1/2 of the size costs a fraction of the memory and time, and libjpeg's warnings reveal truncation.
enum JPEGDecoder {
    /// Decodes the JPEG in `bytes`.
    /// - Parameters:
    ///   - minimumLongEdge: the decoded long edge is the smallest DCT scale (n/8) that is at least this.
    ///   - maxPixels: refused beyond this, as a second check after the probe.
    /// - Throws: `.truncated` if the data ends early, `.corrupt` on damaged data, `.tooManyPixels`, `.processingFailed`.
    ///   - observer: told when the image is allocated and as rows are decoded (on this thread).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, minimumLongEdge: Int, maxPixels: Int, observer: (any DecodeObserver)? = nil
    ) throws(ImagingError) -> GDImage {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { throw .empty }
        guard let decoder = cjpeg_decoder_create() else { throw .processingFailed }
        defer { cjpeg_decoder_destroy(decoder) }

        guard cjpeg_decoder_read_header(decoder, base, UInt(bytes.count)) != 0 else {
            throw self.failure(decoder, stage: "header")
        }
        let width = Int(decoder.pointee.cinfo.image_width)
        let height = Int(decoder.pointee.cinfo.image_height)
        guard width.multipliedReportingOverflow(by: height).partialValue <= maxPixels else {
            throw .tooManyPixels(width: width, height: height, maximum: maxPixels)
        }
        decoder.pointee.cinfo.scale_num = UInt32(self.scaleNumerator(longEdge: max(width, height), minimumLongEdge: minimumLongEdge))
        decoder.pointee.cinfo.scale_denom = 8

        let isCMYK = [JCS_CMYK, JCS_YCCK].contains(decoder.pointee.cinfo.jpeg_color_space)
        // Grey and YCbCr/RGB come straight out in gd's byte order; CMYK is converted below.
        decoder.pointee.cinfo.out_color_space = isCMYK ? JCS_CMYK : JCS_EXT_BGRX
        guard cjpeg_decoder_start(decoder) != 0 else { throw self.failure(decoder, stage: "start") }

        let outputWidth = Int(decoder.pointee.cinfo.output_width)
        let outputHeight = Int(decoder.pointee.cinfo.output_height)
        guard let image = GDImage(width: outputWidth, height: outputHeight) else { throw .processingFailed }
        observer?.decodingStarted(image)
        if isCMYK {
            try self.readCMYK(decoder, into: image, inverted: decoder.pointee.cinfo.saw_Adobe_marker != 0, observer: observer)
        } else {
            try self.readBGRX(decoder, into: image, observer: observer)
        }
        guard cjpeg_decoder_finish(decoder) != 0 else { throw self.failure(decoder, stage: "finish") }
        try self.checkWarnings(decoder)
        return image
    }

    /// Follows a decode as it progresses; called on the decoding thread.
    protocol DecodeObserver: AnyObject {
        /// The image is allocated (rows not decoded yet).
        func decodingStarted(_ image: GDImage)
        /// Rows `0..<count` hold their final pixels.
        func rowsDecoded(_ count: Int)
    }

    /// The smallest n in 1…8 such that the long edge scaled by n/8 (rounded up, as libjpeg does) reaches the target.
    static func scaleNumerator(longEdge: Int, minimumLongEdge: Int) -> Int {
        let target = min(max(minimumLongEdge, 1), longEdge)
        return (1...8).first { (longEdge * $0 + 7) / 8 >= target } ?? 8
    }

    // MARK: - Scanlines

    private static func readBGRX(
        _ decoder: UnsafeMutablePointer<CJPEGDecoder>, into image: GDImage, observer: (any DecodeObserver)?
    ) throws(ImagingError) {
        var rows = [JSAMPROW?](repeating: nil, count: 4)
        while Int(decoder.pointee.cinfo.output_scanline) < image.height {
            let first = Int(decoder.pointee.cinfo.output_scanline)
            let count = min(rows.count, image.height - first)
            for index in 0..<count {
                rows[index] = UnsafeMutableRawPointer(image.row(first + index)).assumingMemoryBound(to: JSAMPLE.self)
            }
            var read: JDIMENSION = 0
            let ok = rows.withUnsafeMutableBufferPointer { cjpeg_decoder_read_scanlines(decoder, $0.baseAddress, JDIMENSION(count), &read) }
            guard ok != 0 else { throw self.failure(decoder, stage: "scanlines") }
            guard read > 0 else { throw .corrupt }
            // libjpeg fills the fourth byte with 0xFF; gd reads it as alpha, where 0 means opaque.
            for index in 0..<Int(read) {
                let row = image.row(first + index)
                for x in 0..<image.width {
                    row[x] &= 0x00FF_FFFF
                }
            }
            observer?.rowsDecoded(first + Int(read))
        }
    }

    private static func readCMYK(
        _ decoder: UnsafeMutablePointer<CJPEGDecoder>, into image: GDImage, inverted: Bool, observer: (any DecodeObserver)?
    ) throws(ImagingError) {
        var scratch = [JSAMPLE](repeating: 0, count: image.width * 4)
        try scratch.withUnsafeMutableBufferPointer { (buffer) throws(ImagingError) in
            var rows: [JSAMPROW?] = [buffer.baseAddress]
            while Int(decoder.pointee.cinfo.output_scanline) < image.height {
                let y = Int(decoder.pointee.cinfo.output_scanline)
                var read: JDIMENSION = 0
                let ok = rows.withUnsafeMutableBufferPointer { cjpeg_decoder_read_scanlines(decoder, $0.baseAddress, 1, &read) }
                guard ok != 0 else { throw self.failure(decoder, stage: "scanlines") }
                guard read == 1 else { throw .corrupt }
                let row = image.row(y)
                for x in 0..<image.width {
                    // Photoshop (Adobe marker) stores CMYK inverted: 255 means no ink.
                    var cyan = Int(buffer[4 * x])
                    var magenta = Int(buffer[4 * x + 1])
                    var yellow = Int(buffer[4 * x + 2])
                    var black = Int(buffer[4 * x + 3])
                    if !inverted {
                        (cyan, magenta, yellow, black) = (255 - cyan, 255 - magenta, 255 - yellow, 255 - black)
                    }
                    let red = (cyan * black + 127) / 255
                    let green = (magenta * black + 127) / 255
                    let blue = (yellow * black + 127) / 255
                    row[x] = Int32(red << 16 | green << 8 | blue)
                }
                observer?.rowsDecoded(y + 1)
            }
        }
    }

    // MARK: - Errors

    private static func message(_ decoder: UnsafeMutablePointer<CJPEGDecoder>) -> String {
        withUnsafeBytes(of: decoder.pointee.error.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func failure(_ decoder: UnsafeMutablePointer<CJPEGDecoder>, stage: String) -> ImagingError {
        GDWarnings.emit("libjpeg error (\(stage)): \(self.message(decoder))")
        return decoder.pointee.error.truncated != 0 ? .truncated : .corrupt
    }

    /// libjpeg decodes damaged or truncated files without failing (it pads with grey): its warnings decide.
    private static func checkWarnings(_ decoder: UnsafeMutablePointer<CJPEGDecoder>) throws(ImagingError) {
        let error = decoder.pointee.error
        guard error.warningCount > 0 else { return }
        GDWarnings.emit("libjpeg: \(error.warningCount) warning(s), first: \(self.message(decoder))")
        if error.truncated != 0 {
            throw .truncated
        }
        if error.damaged != 0 {
            throw .corrupt
        }
    }
}
