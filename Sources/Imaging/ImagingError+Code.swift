extension ImagingError {
    /// A short stable name for logs and metric labels (never shown to users, never holds a path).
    public var code: String {
        switch self {
        case .empty: "empty"
        case .unrecognizedFormat: "unrecognized_format"
        case .unsupportedFormat: "unsupported_format"
        case .truncated: "truncated"
        case .corrupt: "corrupt"
        case .tooManyPixels: "too_many_pixels"
        case .tooSmall: "too_small"
        case .unreadable: "unreadable"
        case .processingFailed: "processing_failed"
        case .pdfEncrypted: "pdf_encrypted"
        case .pdfNoPages: "pdf_no_pages"
        case .pdfPageTooLarge: "pdf_page_too_large"
        case .pdfActiveContent: "pdf_active_content"
        case .pdfTooSlow: "pdf_too_slow"
        case .pdfTooHeavy: "pdf_too_heavy"
        }
    }
}
