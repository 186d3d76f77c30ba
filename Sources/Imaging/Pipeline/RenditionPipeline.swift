import Foundation

/// Probe, check, decode (shrunk), orient, resample and encode: the steps behind `Imaging.makeRenditions`.
enum RenditionPipeline {
    struct Sizes {
        var thumbnailLongEdge: Int
        var previewLongEdge: Int
        var quality: Int
    }

    /// Threads for the preview resample: both cores of a small server cut its latency in half.
    static let threads = min(2, ProcessInfo.processInfo.activeProcessorCount)

    static func run(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits, sizes: Sizes) throws(ImagingError) -> Renditions {
        let info = try self.check(bytes, limits: limits)
        // The full decode and intermediate images are freed when this returns, before encoding starts.
        let (preview, original, base) = try self.makePreview(bytes, info: info, limits: limits, longEdge: sizes.previewLongEdge)
        let longEdge = max(base.width, base.height)

        // Thumbnail: from the preview, which is already oriented; made while the preview is encoded.
        let orientedBase = original.orientation.swapsDimensions ? PixelSize(width: base.height, height: base.width) : base
        let thumbnailSize = self.fit(orientedBase, longEdge: min(sizes.thumbnailLongEdge, longEdge))
        let (previewData, thumbnailData) = try self.inParallel(
            { () throws(ImagingError) in try JPEGEncoder.encode(preview, quality: sizes.quality) },
            { () throws(ImagingError) in
                let thumbnail =
                    (preview.width, preview.height) == (thumbnailSize.width, thumbnailSize.height)
                    ? preview : try self.require(preview.resized(width: thumbnailSize.width, height: thumbnailSize.height))
                return try JPEGEncoder.encode(thumbnail, quality: sizes.quality)
            })

        return Renditions(
            thumbnail: thumbnailData, thumbnailSize: thumbnailSize,
            preview: previewData, previewSize: PixelSize(width: preview.width, height: preview.height),
            original: original)
    }

    /// Decodes (JPEG shrunk in the DCT domain to at least the preview size), resamples in stored orientation
    /// (fewer pixels), then orients.
    /// - Returns: the preview, the original's info as decoded, and the original's stored size.
    private static func makePreview(
        _ bytes: UnsafeRawBufferPointer, info: ImageInfo, limits: ImageLimits, longEdge previewLongEdge: Int
    ) throws(ImagingError) -> (GDImage, ImageInfo, PixelSize) {
        let decoded: GDImage
        var original = info
        var base = PixelSize(width: info.width, height: info.height)
        if info.format == .jpeg {
            decoded = try JPEGDecoder.decode(bytes, minimumLongEdge: previewLongEdge, maxPixels: limits.maxPixels)
        } else {
            if info.format == .gif && !ImageProbe.gifFirstFrameIsComplete(ByteReader(bytes: bytes)) {
                throw .truncated
            }
            decoded = try GDImage.decode(bytes, format: info.format)
            base = PixelSize(width: decoded.width, height: decoded.height)
            if info.format == .heic {
                // libheif applies the rotation itself: what comes out is already oriented.
                original.orientation = .up
                (original.width, original.height) = (base.width, base.height)
            }
        }
        let stored = self.fit(base, longEdge: min(previewLongEdge, max(base.width, base.height)))
        let resampled =
            (decoded.width, decoded.height) == (stored.width, stored.height)
            ? decoded : try self.require(decoded.resized(width: stored.width, height: stored.height, threads: self.threads))
        return (try self.require(resampled.oriented(original.orientation)), original, base)
    }

    /// Everything that can be refused from the header alone.
    static func check(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits) throws(ImagingError) -> ImageInfo {
        let accepted = limits.effectiveFormats
        guard !bytes.isEmpty else { throw .empty }
        guard let format = ImageFormat.sniff(bytes) else { throw .unrecognizedFormat(accepted: accepted) }
        guard accepted.contains(format) else { throw .unsupportedFormat(format, accepted: accepted) }
        let info = try ImageProbe.probe(bytes, isComplete: true)
        guard info.pixelCount <= limits.maxPixels else {
            throw .tooManyPixels(width: info.orientedWidth, height: info.orientedHeight, maximum: limits.maxPixels)
        }
        guard info.longEdge >= limits.minLongEdge else { throw .tooSmall(longEdge: info.longEdge, minimum: limits.minLongEdge) }
        return info
    }

    /// `size` scaled so that its long edge is `longEdge` (rounded, at least 1 px).
    static func fit(_ size: PixelSize, longEdge: Int) -> PixelSize {
        let current = max(size.width, size.height)
        guard current != longEdge else { return size }
        let scale = Double(longEdge) / Double(current)
        return PixelSize(
            width: max(1, Int((Double(size.width) * scale).rounded())),
            height: max(1, Int((Double(size.height) * scale).rounded())))
    }

    /// Runs two jobs on two threads when there are two cores (they must only read shared images).
    private static func inParallel(
        _ first: () throws(ImagingError) -> Data, _ second: () throws(ImagingError) -> Data
    ) throws(ImagingError) -> (Data, Data) {
        guard self.threads > 1 else {
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
