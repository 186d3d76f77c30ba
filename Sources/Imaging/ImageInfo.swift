/// What an image's header says, read without decoding the pixels.
public struct ImageInfo: Equatable, Sendable {
    /// The detected format.
    public var format: ImageFormat
    /// Width of the stored raster, in pixels, before orientation.
    public var width: Int
    /// Height of the stored raster, in pixels, before orientation.
    public var height: Int
    /// The display transformation (EXIF orientation, or `irot` for HEIF/AVIF).
    public var orientation: ImageOrientation

    public init(format: ImageFormat, width: Int, height: Int, orientation: ImageOrientation = .up) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
    }

    /// Width as displayed, after orientation.
    public var orientedWidth: Int {
        self.orientation.swapsDimensions ? self.height : self.width
    }

    /// Height as displayed, after orientation.
    public var orientedHeight: Int {
        self.orientation.swapsDimensions ? self.width : self.height
    }

    /// The longer side, in pixels.
    public var longEdge: Int {
        max(self.width, self.height)
    }

    /// Width × height; what a decoder would allocate, in pixels.
    public var pixelCount: Int {
        self.width.multipliedReportingOverflow(by: self.height).overflow ? Int.max : self.width * self.height
    }
}
