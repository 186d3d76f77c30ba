internal import CGD
import Foundation

extension GDImage {
    /// Decodes a non-JPEG file with libgd into an opaque truecolor image (transparency composited onto white).
    /// - Throws: `.corrupt` if libgd fails or reports an error while decoding (e.g. a truncated file).
    static func decode(_ bytes: UnsafeRawBufferPointer, format: ImageFormat) throws(ImagingError) -> GDImage {
        _ = GDWarnings.installed
        guard let base = bytes.baseAddress, bytes.count <= Int(Int32.max) else { throw .corrupt }
        let size = Int32(bytes.count)
        let data = UnsafeMutableRawPointer(mutating: base)
        let (pointer, errors) = GDWarnings.capturingErrors { () -> gdImagePtr? in
            switch format {
            case .jpeg: gdImageCreateFromJpegPtrEx(size, data, 0)
            case .png: gdImageCreateFromPngPtr(size, data)
            case .webp: gdImageCreateFromWebpPtr(size, data)
            case .gif: gdImageCreateFromGifPtr(size, data)
            case .heic: gdImageCreateFromHeifPtr(size, data)
            case .avif: gdImageCreateFromAvifPtr(size, data)
            case .bmp: gdImageCreateFromBmpPtr(size, data)
            case .tiff: gdImageCreateFromTiffPtr(size, data)
            case .pdf: nil  // rendered by PDFRasterizer
            }
        }
        guard let pointer else { throw .corrupt }
        let image = GDImage(taking: pointer)
        // libgd returns what it could read of some damaged files (GIF, BMP) after reporting an error.
        guard errors == 0 else { throw .corrupt }
        guard image.makeTrueColor() else { throw .processingFailed }
        image.flattenOntoWhite()
        return image
    }

    /// Encodes with libgd (tests and the poster generator; derived files use `JPEGEncoder`).
    /// - Parameter quality: 0–100 for lossy formats (101 is lossless WebP), ignored by PNG, GIF, BMP and TIFF.
    func encoded(as format: ImageFormat, quality: Int = 85) throws(ImagingError) -> Data {
        if format == .jpeg {
            return try JPEGEncoder.encode(self, quality: quality)
        }
        var size: Int32 = 0
        let quality = Int32(min(max(quality, 0), format == .webp ? 101 : 100))  // WebP: 101 means lossless
        let pointer: UnsafeMutableRawPointer? =
            switch format {
            case .jpeg: nil
            case .png: gdImagePngPtrEx(self.pointer, &size, 6)
            case .webp: gdImageWebpPtrEx(self.pointer, &size, quality)
            case .gif: gdImageGifPtr(self.pointer, &size)
            case .heic: gdImageHeifPtrEx(self.pointer, &size, quality, GD_HEIF_CODEC_HEVC, GD_HEIF_CHROMA_420)
            case .avif: gdImageAvifPtrEx(self.pointer, &size, quality, 10)
            case .bmp: gdImageBmpPtr(self.pointer, &size, 0)
            case .tiff: gdImageTiffPtr(self.pointer, &size)
            case .pdf: nil
            }
        guard let pointer, size > 0 else { throw .processingFailed }
        defer { gdFree(pointer) }
        return Data(bytes: pointer, count: Int(size))
    }
}
