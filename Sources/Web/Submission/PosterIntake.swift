import Core
import Foundation
import Imaging
import Logging
import Storage

/// Turns a received upload into stored files: checks and decodes it through libgd (bounded concurrency), then keeps
/// the untouched original and writes the metadata-free thumbnail and preview to the content-addressed store.
struct PosterIntake: Sendable {
    let files: FileStore
    let gate: DecodeGate
    let config: AppConfig

    /// What the form tells users before they choose a file.
    var acceptedFormatsText: String {
        Self.acceptedFormats.sorted().map(\.displayName).joined(separator: ", ")
    }

    /// Whether PDF posters are accepted (poppler-utils is installed).
    var acceptsPDF: Bool {
        Self.acceptedFormats.contains(.pdf)
    }

    /// The `accept` attribute of the file field: media types and extensions of what is accepted.
    var acceptAttribute: String {
        let formats = Self.acceptedFormats.sorted()
        let extensions = formats.flatMap { $0 == .jpeg ? ["jpg", "jpeg"] : [$0.fileExtension] }.map { "." + $0 }
        return (formats.map(\.mimeType) + extensions).joined(separator: ",")
    }

    static let acceptedFormats = Imaging.supportedFormats.intersection([.jpeg, .png, .webp, .heic, .avif, .pdf])

    var limits: ImageLimits {
        ImageLimits(maxPixels: config.uploads.maxPixels, minLongEdge: config.uploads.minLongEdge, acceptedFormats: Self.acceptedFormats)
    }

    /// Processes and stores the file; the temporary file is consumed (moved or deleted) whatever happens.
    /// - Returns: the stored poster, or throws the French reason it was refused.
    func store(_ received: UploadReceiver.ReceivedFile) async throws(IntakeError) -> PosterFile {
        let path = received.temporaryURL.path
        let limits = self.limits
        let images = config.images
        let renditions: Renditions
        do {
            // Large non-JPEG images are decoded whole: their estimated size counts against the gate's memory budget.
            // A PDF is drawn by poppler in its own process; here only its raster at the preview's size is held.
            let isPDF = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 8) }.map { ImageFormat.sniff($0) == .pdf } ?? false
            let cost =
                isPDF
                ? images.previewLongEdge * images.previewLongEdge * 8 + (16 << 20)
                : (try? ImageProbe.probe(fileAt: path)).map { Imaging.estimatedDecodeBytes($0, previewLongEdge: images.previewLongEdge) } ?? 0
            renditions = try await gate.run(cost: cost) { () throws -> Renditions in
                try Imaging.makeRenditions(
                    fileAt: path, limits: limits, thumbnailLongEdge: images.thumbnailLongEdge, previewLongEdge: images.previewLongEdge,
                    quality: images.jpegQuality)
            }
        } catch let error as ImagingError {
            try? FileManager.default.removeItem(at: received.temporaryURL)
            throw .image(error)
        } catch {
            try? FileManager.default.removeItem(at: received.temporaryURL)
            throw .failed(String(describing: error))
        }
        do {
            let format = renditions.format
            let originalPath = try files.adopt(temporaryFile: received.temporaryURL, hash: received.hash, fileExtension: format.fileExtension)
            let thumbnail = try files.put(renditions.thumbnail, fileExtension: "jpg")
            let preview = try files.put(renditions.preview, fileExtension: "jpg")
            return PosterFile(
                hash: received.hash, originalPath: originalPath, format: format.rawValue, byteCount: received.byteCount,
                width: renditions.originalSize.width, height: renditions.originalSize.height, thumbnailPath: thumbnail.path,
                previewPath: preview.path, originalFileName: Self.cleanFileName(received.originalName),
                pageCount: renditions.document?.pageCount)
        } catch {
            try? FileManager.default.removeItem(at: received.temporaryURL)
            throw .failed(String(describing: error))
        }
    }

    /// Keeps only the last path component and printable characters of a browser-sent file name.
    static func cleanFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        return String(String.UnicodeScalarView(printable)).prefix(200).description
    }
}

/// Why a poster was not stored.
enum IntakeError: Error {
    /// The image checks refused the file (``ImagingError/message`` is for the user).
    case image(ImagingError)
    /// The file itself is refused; the message is for the user.
    case refused(String)
    /// Something failed on our side.
    case failed(String)
}

extension IntakeError {
    /// The French sentence for the form.
    var userMessage: String? {
        switch self {
        case .image(let error): error.message
        case .refused(let message): message
        case .failed: nil
        }
    }

    /// Why, for the metrics.
    var refusal: UploadRefusal {
        switch self {
        case .image(let error): .image(error.code)
        case .refused: .image("refused")
        case .failed: .serverError
        }
    }
}
