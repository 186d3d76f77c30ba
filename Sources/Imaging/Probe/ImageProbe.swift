import Foundation

/// Reads an image's format, size and orientation from its header, without decoding pixels.
///
/// Decoders allocate whatever the header declares (a 21 KB JPEG can claim 30 000 × 30 000 px),
/// so callers check `ImageInfo.pixelCount` against a limit before decoding anything.
public enum ImageProbe {
    /// Probes an image held in memory.
    /// - Throws: `.empty`, `.unrecognizedFormat`, `.truncated` (header cut short) or `.corrupt`.
    public static func probe(_ data: Data) throws(ImagingError) -> ImageInfo {
        guard !data.isEmpty else { throw .empty }
        let result: Result<ImageInfo, ImagingError> = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            Result { () throws(ImagingError) -> ImageInfo in try self.probe(buffer) }
        }
        return try result.get()
    }

    /// Probes a file, reading only its beginning unless the header runs further.
    /// - Throws: `.unreadable` if the file cannot be opened, then as `probe(_:)`.
    public static func probe(fileAt path: String) throws(ImagingError) -> ImageInfo {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        defer { try? handle.close() }
        let prefixLength = 256 * 1024
        guard let prefix = try? handle.read(upToCount: prefixLength) else { throw .unreadable(path: path) }
        guard !prefix.isEmpty else { throw .empty }
        let isComplete = prefix.count < prefixLength
        let first: Result<ImageInfo, ImagingError>? = prefix.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            do throws(ImagingError) {
                return .success(try self.probe(buffer))
            } catch {
                // A header running past the prefix only means: read the rest.
                return error == .truncated && !isComplete ? nil : .failure(error)
            }
        }
        if let first {
            return try first.get()
        }
        guard let rest = try? handle.readToEnd() else { throw .unreadable(path: path) }
        return try self.probe(prefix + rest)
    }

    /// Probes bytes in memory; running out of bytes is reported as `.truncated`.
    static func probe(_ buffer: UnsafeRawBufferPointer) throws(ImagingError) -> ImageInfo {
        guard !buffer.isEmpty else { throw .empty }
        guard let format = ImageFormat.sniff(buffer) else {
            throw .unrecognizedFormat(accepted: Imaging.supportedFormats.sorted())
        }
        // A PDF page has no pixel size until it is rendered.
        if format == .pdf {
            throw .unsupportedFormat(.pdf, accepted: Imaging.supportedFormats.subtracting([.pdf]).sorted())
        }
        let reader = ByteReader(bytes: buffer)
        let info: ImageInfo
        do {
            info = try self.parse(format, reader)
        } catch .needMoreData {
            throw .truncated
        } catch {
            throw .corrupt
        }
        guard info.width > 0, info.height > 0 else { throw .corrupt }
        return info
    }

    private static func parse(_ format: ImageFormat, _ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        switch format {
        case .jpeg: try self.jpeg(reader)
        case .png: try self.png(reader)
        case .webp: try self.webp(reader)
        case .gif: try self.gif(reader)
        case .heic, .avif: try self.isobmff(reader, format: format)
        case .bmp: try self.bmp(reader)
        case .tiff: try self.tiff(reader)
        case .pdf: throw .invalid
        }
    }
}
