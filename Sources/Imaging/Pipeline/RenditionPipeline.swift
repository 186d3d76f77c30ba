import Foundation

/// Probe, check, decode (shrunk), resample, orient and encode: the steps behind `Imaging.makeRenditions`.
enum RenditionPipeline {
    struct Sizes {
        var thumbnailLongEdge: Int
        var previewLongEdge: Int
        var quality: Int
        /// Threads used for one image: with two, resampling and encoding overlap with decoding.
        var threads = RenditionPipeline.defaultThreads
    }

    static let defaultThreads = min(2, ProcessInfo.processInfo.activeProcessorCount)

    static func run(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits, sizes: Sizes) throws(ImagingError) -> Renditions {
        if ImageFormat.sniff(bytes) == .pdf {
            return try self.runPDF(bytes, limits: limits, sizes: sizes)
        }
        let info = try self.check(bytes, limits: limits)
        // Decoded and intermediate images are freed when this returns, before the encoding that follows.
        let decoded = try self.decode(bytes, info: info, limits: limits, sizes: sizes)
        switch decoded.stage {
        case .encoded(let preview, let previewSize, let thumbnail):
            return Renditions(
                thumbnail: thumbnail, thumbnailSize: decoded.thumbnailSize, preview: preview, previewSize: previewSize,
                original: decoded.original)
        case .preview(let preview):
            let (previewData, thumbnailData) = try self.encode(
                preview, thumbnailSize: decoded.thumbnailSize, quality: sizes.quality, threads: sizes.threads)
            return Renditions(
                thumbnail: thumbnailData, thumbnailSize: decoded.thumbnailSize, preview: previewData,
                previewSize: PixelSize(width: preview.width, height: preview.height), original: decoded.original)
        }
    }

    /// A PDF's first page is rendered by poppler in a separate process at the preview's size; that raster then goes
    /// through the same resampling and metadata-free encoding as a decoded image (no minimum size: a vector page has
    /// the resolution it is drawn at).
    private static func runPDF(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits, sizes: Sizes) throws(ImagingError) -> Renditions {
        let accepted = limits.effectiveFormats
        guard accepted.contains(.pdf) else { throw .unsupportedFormat(.pdf, accepted: accepted) }
        let (ppm, document) = try PDFRasterizer.render(bytes, longEdge: sizes.previewLongEdge, limits: limits.pdf)
        let page = try PPMReader.read(ppm, maxPixels: limits.maxPixels)
        let original = ImageInfo(format: .pdf, width: page.width, height: page.height)
        let stored = PixelSize(width: page.width, height: page.height).fitted(longEdge: sizes.previewLongEdge)
        let preview = try self.resampleAndOrient(page, to: stored, orientation: .up, threads: sizes.threads)
        let thumbnailSize = self.thumbnailSize(original, sizes)
        let (previewData, thumbnailData) = try self.encode(preview, thumbnailSize: thumbnailSize, quality: sizes.quality, threads: sizes.threads)
        return Renditions(
            thumbnail: thumbnailData, thumbnailSize: thumbnailSize, preview: previewData,
            previewSize: PixelSize(width: preview.width, height: preview.height), original: original, document: document)
    }

    /// Everything that can be refused from the header alone.
    static func check(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits) throws(ImagingError) -> ImageInfo {
        let accepted = limits.effectiveFormats
        guard !bytes.isEmpty else { throw .empty }
        guard let format = ImageFormat.sniff(bytes) else { throw .unrecognizedFormat(accepted: accepted) }
        guard accepted.contains(format) else { throw .unsupportedFormat(format, accepted: accepted) }
        let info = try ImageProbe.probe(bytes)
        guard info.pixelCount <= limits.maxPixels else {
            throw .tooManyPixels(width: info.orientedWidth, height: info.orientedHeight, maximum: limits.maxPixels)
        }
        guard info.longEdge >= limits.minLongEdge else { throw .tooSmall(longEdge: info.longEdge, minimum: limits.minLongEdge) }
        return info
    }

    // MARK: - Decoding

    private struct Decoded {
        enum Stage {
            /// Oriented preview, still to encode (and to shrink into the thumbnail).
            case preview(GDImage)
            /// Both files, encoded while decoding (the preview needed no rotation).
            case encoded(preview: Data, previewSize: PixelSize, thumbnail: Data)
        }

        var stage: Stage
        /// The original as decoded (HEIF comes out of libheif already rotated).
        var original: ImageInfo
        var thumbnailSize: PixelSize
    }

    private static func decode(
        _ bytes: UnsafeRawBufferPointer, info: ImageInfo, limits: ImageLimits, sizes: Sizes
    ) throws(ImagingError) -> Decoded {
        if info.format == .jpeg {
            return try self.decodeJPEG(bytes, info: info, limits: limits, sizes: sizes)
        }
        if info.format == .webp {
            return try self.decodeWebP(bytes, info: info, sizes: sizes)
        }
        if info.format == .gif && !ImageProbe.gifFirstFrameIsComplete(ByteReader(bytes: bytes)) {
            throw .truncated
        }
        let image = try GDImage.decode(bytes, format: info.format)
        var original = info
        // Trust the decoder's size; libheif also applies the rotation itself.
        (original.width, original.height) = (image.width, image.height)
        if info.format == .heic {
            original.orientation = .up
        }
        let stored = PixelSize(width: image.width, height: image.height).fitted(longEdge: sizes.previewLongEdge)
        let preview = try self.resampleAndOrient(image, to: stored, orientation: original.orientation, threads: sizes.threads)
        return Decoded(stage: .preview(preview), original: original, thumbnailSize: self.thumbnailSize(original, sizes))
    }

    /// WebP is decoded by libwebp straight to the preview's size, then oriented (EXIF in a VP8X file). With two
    /// threads, an upright preview is encoded, and shrunk into the thumbnail, on the second one as rows come out.
    private static func decodeWebP(_ bytes: UnsafeRawBufferPointer, info: ImageInfo, sizes: Sizes) throws(ImagingError) -> Decoded {
        let stored = PixelSize(width: info.width, height: info.height).fitted(longEdge: sizes.previewLongEdge)
        let thumbnailSize = self.thumbnailSize(info, sizes)
        let pipeline =
            sizes.threads > 1 && info.orientation == .up
            ? PipelinedRenditions(previewSize: stored, thumbnailSize: thumbnailSize, quality: sizes.quality, encodes: true) : nil
        let decoded: (image: GDImage, width: Int, height: Int)
        do {
            decoded = try WebPDecoder.decode(bytes, longEdge: sizes.previewLongEdge, threads: sizes.threads, observer: pipeline)
        } catch {
            pipeline?.cancel()
            throw error
        }
        // The header said one size, the bitstream another: damaged.
        guard (decoded.width, decoded.height) == (info.width, info.height) else {
            pipeline?.cancel()
            throw .corrupt
        }
        if let pipeline, case .encoded(let preview, let thumbnail)? = try pipeline.finish() {
            return Decoded(stage: .encoded(preview: preview, previewSize: stored, thumbnail: thumbnail), original: info, thumbnailSize: thumbnailSize)
        }
        let preview = try self.require(decoded.image.oriented(info.orientation))
        return Decoded(stage: .preview(preview), original: info, thumbnailSize: thumbnailSize)
    }

    /// JPEG is decoded with DCT scaling, to the smallest size at least as large as the preview; with two cores,
    /// the rest of the work runs on a second thread as rows come out of libjpeg.
    private static func decodeJPEG(
        _ bytes: UnsafeRawBufferPointer, info: ImageInfo, limits: ImageLimits, sizes: Sizes
    ) throws(ImagingError) -> Decoded {
        let stored = PixelSize(width: info.width, height: info.height).fitted(longEdge: sizes.previewLongEdge)
        let thumbnailSize = self.thumbnailSize(info, sizes)
        guard sizes.threads > 1 else {
            let image = try JPEGDecoder.decode(bytes, minimumLongEdge: sizes.previewLongEdge, maxPixels: limits.maxPixels)
            let preview = try self.resampleAndOrient(image, to: stored, orientation: info.orientation, threads: 1)
            return Decoded(stage: .preview(preview), original: info, thumbnailSize: thumbnailSize)
        }
        switch try self.decodePipelined(bytes, info: info, limits: limits, sizes: sizes, stored: stored, thumbnailSize: thumbnailSize) {
        case .encoded(let preview, let thumbnail):
            return Decoded(
                stage: .encoded(preview: preview, previewSize: stored, thumbnail: thumbnail), original: info, thumbnailSize: thumbnailSize)
        case .preview(let resampled):
            // The full-size decode is gone by now: only the resampled and the oriented copies coexist.
            let preview = try self.require(resampled.oriented(info.orientation))
            return Decoded(stage: .preview(preview), original: info, thumbnailSize: thumbnailSize)
        }
    }

    /// Decodes on this thread while a second thread resamples (and, for upright images, encodes) finished rows.
    private static func decodePipelined(
        _ bytes: UnsafeRawBufferPointer, info: ImageInfo, limits: ImageLimits, sizes: Sizes, stored: PixelSize, thumbnailSize: PixelSize
    ) throws(ImagingError) -> PipelinedRenditions.Output {
        let pipeline = PipelinedRenditions(
            previewSize: stored, thumbnailSize: thumbnailSize, quality: sizes.quality, encodes: info.orientation == .up)
        let image: GDImage
        do {
            image = try JPEGDecoder.decode(bytes, minimumLongEdge: sizes.previewLongEdge, maxPixels: limits.maxPixels, observer: pipeline)
        } catch {
            pipeline.cancel()
            throw error
        }
        if let output = try pipeline.finish() {
            return output
        }
        // The second thread could not start (out of memory for its buffers): resample here.
        let stored =
            (image.width, image.height) == (stored.width, stored.height)
            ? image : try self.require(image.resized(width: stored.width, height: stored.height))
        return .preview(stored)
    }

    // MARK: - Steps

    /// `image` resampled to `size` (unless it already is that size), then oriented for display.
    private static func resampleAndOrient(
        _ image: GDImage, to size: PixelSize, orientation: ImageOrientation, threads: Int
    ) throws(ImagingError) -> GDImage {
        let resampled =
            (image.width, image.height) == (size.width, size.height)
            ? image : try self.require(image.resized(width: size.width, height: size.height, threads: threads))
        return try self.require(resampled.oriented(orientation))
    }

    /// The thumbnail's size, in display orientation.
    private static func thumbnailSize(_ original: ImageInfo, _ sizes: Sizes) -> PixelSize {
        PixelSize(width: original.orientedWidth, height: original.orientedHeight).fitted(longEdge: sizes.thumbnailLongEdge)
    }

    /// Encodes the preview while the thumbnail is made from it (on two threads if allowed).
    private static func encode(
        _ preview: GDImage, thumbnailSize: PixelSize, quality: Int, threads: Int
    ) throws(ImagingError) -> (Data, Data) {
        try self.inParallel(
            threads: threads,
            { () throws(ImagingError) in try JPEGEncoder.encode(preview, quality: quality) },
            { () throws(ImagingError) in
                let thumbnail =
                    (preview.width, preview.height) == (thumbnailSize.width, thumbnailSize.height)
                    ? preview : try self.require(preview.resized(width: thumbnailSize.width, height: thumbnailSize.height))
                return try JPEGEncoder.encode(thumbnail, quality: quality)
            })
    }

    /// Runs two jobs on two threads if allowed (they must only read shared images).
    private static func inParallel(
        threads: Int, _ first: () throws(ImagingError) -> Data, _ second: () throws(ImagingError) -> Data
    ) throws(ImagingError) -> (Data, Data) {
        guard threads > 1 else {
            return (try first(), try second())
        }
        let results = ResultPair()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let jobs = UncheckedJobs(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 {
                        results.first = Result(catching: jobs.first)
                    } else {
                        results.second = Result(catching: jobs.second)
                    }
                }
            }
        }
        guard let first = results.first, let second = results.second else { throw .processingFailed }
        return (try first.get(), try second.get())
    }

    private static func require(_ image: GDImage?) throws(ImagingError) -> GDImage {
        guard let image else { throw .processingFailed }
        return image
    }
}

extension PixelSize {
    /// Scaled so that the long edge is at most `longEdge` (never enlarged), rounded, at least 1 px.
    func fitted(longEdge: Int) -> PixelSize {
        let current = max(self.width, self.height)
        guard current > longEdge, current > 0 else { return self }
        let scale = Double(longEdge) / Double(current)
        return PixelSize(
            width: max(1, Int((Double(self.width) * scale).rounded())),
            height: max(1, Int((Double(self.height) * scale).rounded())))
    }
}

/// Two closures handed to `concurrentPerform`; each touches images no other thread writes.
private struct UncheckedJobs: @unchecked Sendable {
    var first: () throws(ImagingError) -> Data
    var second: () throws(ImagingError) -> Data
}

/// Where the two parallel jobs leave their results; each slot is written by one thread, read after both finished.
private final class ResultPair: @unchecked Sendable {
    var first: Result<Data, ImagingError>?
    var second: Result<Data, ImagingError>?
}
