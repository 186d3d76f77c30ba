internal import CWebP

/// Decodes WebP with libwebp straight to the preview's size.
///
/// libgd's reader (`gdImageCreateFromWebpPtr`) decodes the whole image, then converts it into a second full-size gd
/// image: about 8 bytes per pixel before any resampling. libwebp can scale while it decodes (`use_scaling`): a lossy
/// file then never exists at full size, only a few rows of it; a lossless one still needs its full ARGB plane
/// (4 bytes per pixel) for back-references, but no second copy. Its rescaler averages the source pixels each output
/// pixel covers, so the result does not alias.
enum WebPDecoder {
    /// Decodes `bytes` so that the long edge is at most `longEdge` (never enlarged), aspect ratio kept.
    ///
    /// The data is fed to libwebp's incremental decoder a slice at a time, so that finished rows can be handed to
    /// `observer` (which encodes them on a second thread, as for JPEG) while the rest is still being decoded.
    /// - Parameters:
    ///   - threads: more than 1 lets libwebp filter on a second thread (lossy files).
    ///   - observer: told when the image is allocated and as rows are ready (on this thread).
    /// - Returns: the opaque image (transparency composited onto white, as the libgd path did) and the file's own size.
    /// - Throws: `.truncated` if the data ends early, `.corrupt` if it is damaged or animated, `.processingFailed`.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, longEdge: Int, threads: Int = 1, observer: (any JPEGDecoder.DecodeObserver)? = nil
    ) throws(ImagingError) -> (image: GDImage, width: Int, height: Int) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { throw .empty }
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else { throw .processingFailed }
        let features = WebPGetFeatures(base, bytes.count, &config.input)
        guard features == VP8_STATUS_OK else { throw self.failure(features, stage: "features") }
        // libgd refused animations too (its reader decodes still images only).
        guard config.input.has_animation == 0 else { throw .corrupt }
        let width = Int(config.input.width)
        let height = Int(config.input.height)
        guard width > 0, height > 0 else { throw .corrupt }
        let size = PixelSize(width: width, height: height).fitted(longEdge: longEdge)
        if (size.width, size.height) != (width, height) {
            config.options.use_scaling = 1
            config.options.scaled_width = Int32(size.width)
            config.options.scaled_height = Int32(size.height)
        }
        config.options.use_threads = threads > 1 ? 1 : 0

        // Non-premultiplied B, G, R, A bytes: gd's pixel layout on little-endian machines, alpha aside.
        let stride = size.width * 4
        let (byteCount, overflow) = stride.multipliedReportingOverflow(by: size.height)
        guard !overflow else { throw .processingFailed }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 16)
        defer { buffer.deallocate() }
        config.output.colorspace = MODE_BGRA
        config.output.is_external_memory = 1
        config.output.u.RGBA.rgba = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        config.output.u.RGBA.stride = Int32(stride)
        config.output.u.RGBA.size = byteCount
        guard let image = GDImage(width: size.width, height: size.height) else { throw .processingFailed }
        guard let decoder = WebPIDecode(nil, 0, &config) else { throw .processingFailed }
        defer { WebPIDelete(decoder) }
        observer?.decodingStarted(image)
        let hasAlpha = config.input.has_alpha != 0
        let slice = 256 << 10
        var fed = 0
        var converted = 0
        var status = VP8_STATUS_SUSPENDED
        while status == VP8_STATUS_SUSPENDED && fed < bytes.count {
            fed = min(bytes.count, fed + slice)
            status = WebPIUpdate(decoder, base, fed)
            guard status == VP8_STATUS_OK || status == VP8_STATUS_SUSPENDED else { throw self.failure(status, stage: "decode") }
            var lastRow: Int32 = 0
            _ = WebPIDecGetRGB(decoder, &lastRow, nil, nil, nil)
            let ready = min(size.height, max(converted, Int(lastRow)))
            if ready > converted {
                self.convert(rows: converted..<ready, from: buffer, stride: stride, into: image, hasAlpha: hasAlpha)
                converted = ready
                observer?.rowsDecoded(ready)
            }
        }
        // All the data given and still waiting for more: the file was cut short.
        guard status == VP8_STATUS_OK else { throw self.failure(VP8_STATUS_NOT_ENOUGH_DATA, stage: "decode") }
        if converted < size.height {
            self.convert(rows: converted..<size.height, from: buffer, stride: stride, into: image, hasAlpha: hasAlpha)
            observer?.rowsDecoded(size.height)
        }
        return (image, width, height)
    }

    /// BGRA rows of `buffer` into gd pixels, composited onto white.
    private static func convert(
        rows: Range<Int>, from buffer: UnsafeMutableRawBufferPointer, stride: Int, into image: GDImage, hasAlpha: Bool
    ) {
        let size = PixelSize(width: image.width, height: image.height)
        for y in rows {
            let source = buffer.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt8.self)
            let row = image.row(y)
            for x in 0..<size.width {
                let blue = Int(source[4 * x])
                let green = Int(source[4 * x + 1])
                let red = Int(source[4 * x + 2])
                let alpha = hasAlpha ? Int(source[4 * x + 3]) : 255
                if alpha == 255 {
                    row[x] = Int32(red << 16 | green << 8 | blue)
                } else {
                    // Onto white: c·a + 255·(1 − a).
                    func blend(_ channel: Int) -> Int { (channel * alpha + 255 * (255 - alpha) + 127) / 255 }
                    row[x] = Int32(blend(red) << 16 | blend(green) << 8 | blend(blue))
                }
            }
        }
    }

    private static func failure(_ status: VP8StatusCode, stage: String) -> ImagingError {
        GDWarnings.emit("libwebp error (\(stage)): status \(status.rawValue)")
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA: return .truncated
        case VP8_STATUS_OUT_OF_MEMORY: return .processingFailed
        default: return .corrupt
        }
    }
}
