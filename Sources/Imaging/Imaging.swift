internal import CGD
import Foundation

/// Entry points of the imaging module: supported formats, diagnostics, renditions.
public enum Imaging {
    /// The formats the system libgd can decode (HEIC and AVIF only if it was built with them), and PDF if poppler-utils
    /// and util-linux's `prlimit` are installed.
    public static let supportedFormats: Set<ImageFormat> = {
        _ = GDWarnings.installed
        let decoded = Set(ImageFormat.allCases.filter { $0 != .pdf && gdSupportsFileType("image.\($0.fileExtension)", 0) != 0 })
        return PDFRasterizer.Tools.installed == nil ? decoded : decoded.union([.pdf])
    }()

    /// The memory a rendition job for this image is expected to hold, for ``DecodeGate``'s budget.
    ///
    /// JPEGs decode at the DCT reduction that keeps the preview's long edge (a few tens of MB); WebP straight to the
    /// preview (a lossless file still holds its full ARGB plane, 4 bytes per pixel, counted for every WebP); other
    /// formats are decoded whole by libgd, which holds about 8 bytes per pixel at its peak.
    public static func estimatedDecodeBytes(_ info: ImageInfo, previewLongEdge: Int = 1600) -> Int {
        let overhead = 16 << 20
        if info.format == .webp {
            return info.pixelCount * 4 + previewLongEdge * previewLongEdge * 8 + overhead
        }
        guard info.format == .jpeg else { return info.pixelCount * 8 + overhead }
        var scale = 8
        while scale > 1, info.longEdge * (scale - 1) / 8 >= previewLongEdge { scale -= 1 }
        let scaledPixels = info.pixelCount * scale * scale / 64
        return scaledPixels * 8 + overhead
    }

    /// Sends libgd, libjpeg, libwebp and poppler diagnostics to `handler` (for the application log) instead of stderr.
    ///
    /// Until a handler is set, diagnostics are dropped. The handler may be called from any thread.
    public static func setWarningHandler(_ handler: @escaping @Sendable (String) -> Void) {
        GDWarnings.setHandler(handler)
    }

    /// Makes the thumbnail and the preview of an image file.
    /// - Parameters:
    ///   - path: the uploaded file.
    ///   - limits: what is accepted; checked on the header before any decoding.
    ///   - thumbnailLongEdge: long edge of the thumbnail, in pixels.
    ///   - previewLongEdge: long edge of the preview, in pixels (never upscaled).
    ///   - quality: JPEG quality of both, 1–100.
    /// - Returns: both renditions as metadata-free JPEG, plus what the original is.
    public static func makeRenditions(
        fileAt path: String, limits: ImageLimits = ImageLimits(), thumbnailLongEdge: Int = 400, previewLongEdge: Int = 1600,
        quality: Int = 85
    ) throws(ImagingError) -> Renditions {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path)
        }
        return try self.makeRenditions(
            data: data, limits: limits, thumbnailLongEdge: thumbnailLongEdge, previewLongEdge: previewLongEdge, quality: quality)
    }

    /// Makes the thumbnail and the preview of an image held in memory; see `makeRenditions(fileAt:…)`.
    public static func makeRenditions(
        data: Data, limits: ImageLimits = ImageLimits(), thumbnailLongEdge: Int = 400, previewLongEdge: Int = 1600,
        quality: Int = 85
    ) throws(ImagingError) -> Renditions {
        let sizes = RenditionPipeline.Sizes(thumbnailLongEdge: thumbnailLongEdge, previewLongEdge: previewLongEdge, quality: quality)
        let result: Result<Renditions, ImagingError> = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            Result { () throws(ImagingError) -> Renditions in try RenditionPipeline.run(buffer, limits: limits, sizes: sizes) }
        }
        return try result.get()
    }
}
