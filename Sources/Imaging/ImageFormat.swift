/// An image file format (or PDF, whose first page is rendered), as detected from the file's bytes.
public enum ImageFormat: String, CaseIterable, Comparable, Sendable {
    case jpeg, png, webp, gif, heic, avif, bmp, tiff
    /// A PDF document: its first page is the poster (rendered by poppler, never by libgd).
    case pdf

    /// The name shown to users (French UI; format names are the same in French).
    public var displayName: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .webp: "WebP"
        case .gif: "GIF"
        case .heic: "HEIC"
        case .avif: "AVIF"
        case .bmp: "BMP"
        case .tiff: "TIFF"
        case .pdf: "PDF"
        }
    }

    /// The IANA media type.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .heic: "image/heic"
        case .avif: "image/avif"
        case .bmp: "image/bmp"
        case .tiff: "image/tiff"
        case .pdf: "application/pdf"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .tiff: "tif"
        default: self.rawValue
        }
    }

    /// Orders formats as listed in the enum (most common first), for messages.
    public static func < (lhs: ImageFormat, rhs: ImageFormat) -> Bool {
        self.order(lhs) < self.order(rhs)
    }

    private static func order(_ format: ImageFormat) -> Int {
        self.allCases.firstIndex(of: format) ?? 0
    }
}
