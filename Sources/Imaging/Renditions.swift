import Foundation

/// A size in pixels.
public struct PixelSize: Equatable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String {
        "\(self.width)×\(self.height)"
    }
}

/// The derived images of an upload: JPEG files without any metadata, oriented for display.
public struct Renditions: Sendable {
    /// The small image for lists (long edge ≤ the requested thumbnail size).
    public var thumbnail: Data
    public var thumbnailSize: PixelSize
    /// The large image for the jury (long edge ≤ the requested preview size, never upscaled).
    public var preview: Data
    public var previewSize: PixelSize
    /// The original's header: format, stored size and orientation (for a PDF: the first page's raster as rendered).
    public var original: ImageInfo
    /// For a PDF: its page count and first page's size.
    public var document: PDFDocumentInfo? = nil

    /// The original's size as displayed (after orientation).
    public var originalSize: PixelSize {
        PixelSize(width: self.original.orientedWidth, height: self.original.orientedHeight)
    }

    /// The original's format.
    public var format: ImageFormat {
        self.original.format
    }
}
