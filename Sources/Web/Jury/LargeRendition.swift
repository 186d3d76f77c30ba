import Core
import Foundation
import Imaging
import Storage

/// The « grande » image of the jurors' viewer: a metadata-free JPEG whose long edge is twice the preview's (never more
/// than the stored image has), made on first request from the stored original through the same libgd pipeline and decode
/// gate as an upload, then kept under the file store's `grandes/` folder.
///
/// It is a cache: the start-up sweep of unreferenced files removes it, and the next request makes it again.
struct LargeRendition: Sendable {
    let files: FileStore
    let intake: PosterIntake

    var longEdge: Int { intake.config.images.previewLongEdge * 2 }

    /// Where the rendition of a poster is kept: named after the preview's content hash (which jurors already see as the
    /// preview's `ETag`), never after the original's, and after the size asked for.
    func relativePath(for poster: PosterFile) -> String {
        let previewHash = poster.previewPath.split(separator: ".").first.map { $0.filter { $0 != "/" } } ?? ""
        return "grandes/\(longEdge)/\(previewHash).jpg"
    }

    /// The file to send: the kept rendition, made first if needed; the preview when the original is gone (a retention
    /// purge) or cannot be drawn again.
    func file(for poster: PosterFile) async -> URL {
        let destination = files.url(forRelativePath: relativePath(for: poster))
        if FileManager.default.fileExists(atPath: destination.path) { return destination }
        let preview = files.url(forRelativePath: poster.previewPath)
        let source = files.url(forRelativePath: poster.originalPath)
        guard FileManager.default.fileExists(atPath: source.path) else { return preview }
        let edge = longEdge
        let limits = intake.limits
        let images = intake.config.images
        let cost =
            poster.format == ImageFormat.pdf.rawValue
            ? edge * edge * 8 + (16 << 20)
            : (try? ImageProbe.probe(fileAt: source.path)).map { Imaging.estimatedDecodeBytes($0, previewLongEdge: edge) } ?? 0
        do {
            let jpeg = try await intake.gate.run(cost: cost) { () throws -> Data in
                try Imaging.makeRenditions(
                    fileAt: source.path, limits: limits, thumbnailLongEdge: min(images.thumbnailLongEdge, edge), previewLongEdge: edge,
                    quality: images.jpegQuality
                ).preview
            }
            // Written whole under tmp/, then renamed: two first requests at once each write their own file and the last
            // rename wins, so a reader never sees half an image.
            let temporary = try files.newTemporaryURL()
            try jpeg.write(to: temporary)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(temporary.path, destination.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return preview
            }
            return destination
        } catch {
            return preview
        }
    }
}
