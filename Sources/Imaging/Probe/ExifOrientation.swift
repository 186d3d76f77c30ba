/// Reads the orientation tag (0x0112) from IFD0 of a TIFF structure (EXIF payload).
enum ExifOrientation {
    /// - Parameter tiff: bytes starting at the TIFF header ("II*\0" or "MM\0*").
    /// - Returns: the orientation, `.up` if absent or unreadable; EXIF is optional, so it never fails.
    static func read(tiff: ByteReader) -> ImageOrientation {
        (try? self.value(tiff: tiff)).map(ImageOrientation.init(exifValue:)) ?? .up
    }

    /// Accepts a payload with or without the "Exif\0\0" prefix used in JPEG APP1.
    static func read(exifPayload: ByteReader) -> ImageOrientation {
        if exifPayload.matches("Exif\0\0", at: 0) {
            return self.read(tiff: exifPayload.slice(6..<exifPayload.count))
        }
        return self.read(tiff: exifPayload)
    }

    private static func value(tiff: ByteReader) throws(ProbeError) -> Int {
        let bigEndian: Bool
        if tiff.matches("MM", at: 0) {
            bigEndian = true
        } else if tiff.matches("II", at: 0) {
            bigEndian = false
        } else {
            throw .invalid
        }
        guard try tiff.u16(2, bigEndian: bigEndian) == 42 else { throw .invalid }
        let ifd = try tiff.u32(4, bigEndian: bigEndian)
        let entries = try tiff.u16(ifd, bigEndian: bigEndian)
        for index in 0..<min(entries, 512) {
            let entry = ifd + 2 + index * 12
            guard try tiff.u16(entry, bigEndian: bigEndian) == 0x0112 else { continue }
            // SHORT (type 3), count 1: the value sits left-aligned in the 4-byte value field.
            guard try tiff.u16(entry + 2, bigEndian: bigEndian) == 3 else { throw .invalid }
            return try tiff.u16(entry + 8, bigEndian: bigEndian)
        }
        return 1
    }
}
