import Foundation

/// Builds a minimal EXIF APP1 segment, to give generated JPEGs an orientation.
enum ExifSegment {
    /// APP1 marker with "Exif\0\0" and a big-endian TIFF structure holding only the orientation tag.
    static func orientation(_ orientation: ImageOrientation) -> [UInt8] {
        var tiff: [UInt8] = Array("MM".utf8) + [0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        tiff += [0x00, 0x01]  // one IFD0 entry
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, UInt8(orientation.rawValue), 0x00, 0x00]
        tiff += [0x00, 0x00, 0x00, 0x00]  // no next IFD
        let payload = Array("Exif".utf8) + [0x00, 0x00] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// Inserts `segment` right after the SOI marker of `jpeg`.
    static func inserting(_ segment: [UInt8], into jpeg: Data) -> Data {
        var result = Data(jpeg.prefix(2))
        result.append(contentsOf: segment)
        result.append(jpeg.dropFirst(2))
        return result
    }
}
