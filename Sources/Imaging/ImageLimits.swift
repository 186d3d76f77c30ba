/// What an uploaded image must satisfy; checked on the header, before decoding.
public struct ImageLimits: Equatable, Sendable {
    /// Maximum width × height of the stored raster.
    public var maxPixels: Int
    /// Minimum length of the long edge, in pixels.
    public var minLongEdge: Int
    /// Formats accepted (intersected with `Imaging.supportedFormats`).
    public var acceptedFormats: Set<ImageFormat>
    /// Page size and rendering limits for PDF posters.
    public var pdf: PDFLimits

    /// - Parameters:
    ///   - maxPixels: 60 megapixels by default (an A2 poster at 300 dpi is 35 MP).
    ///   - minLongEdge: 1 200 px by default.
    ///   - acceptedFormats: every format libgd decodes, and PDF if poppler-utils is installed, by default.
    ///   - pdf: page size and rendering limits for PDFs.
    public init(maxPixels: Int = 60_000_000, minLongEdge: Int = 1200, acceptedFormats: Set<ImageFormat>? = nil, pdf: PDFLimits = PDFLimits()) {
        self.pdf = pdf
        self.maxPixels = maxPixels
        self.minLongEdge = minLongEdge
        self.acceptedFormats = acceptedFormats ?? Imaging.supportedFormats
    }

    /// The formats that are both accepted and decodable, in display order.
    var effectiveFormats: [ImageFormat] {
        self.acceptedFormats.intersection(Imaging.supportedFormats).sorted()
    }
}
