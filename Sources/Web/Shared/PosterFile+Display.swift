import Core

extension PosterFile {
    /// Whether the original is a PDF document (whose first page is the poster).
    var isPDF: Bool {
        self.format == "pdf"
    }

    /// The size as pages show it: pixels for an image; for a PDF, its pages and what was kept.
    var sizeText: String {
        let pixels = "\(self.width) × \(self.height) px"
        guard self.isPDF else { return pixels }
        let pages = self.pageCount ?? 1
        let kept = pages > 1 ? "\u{A0}: seule la première est retenue comme affiche" : ""
        return FrenchTypography.count(pages, "page", "pages") + kept + " (rendue en \(pixels))"
    }

    /// The media type an organiser's download of the original is sent with.
    var originalContentType: String {
        self.isPDF ? "application/pdf" : "application/octet-stream"
    }
}
