extension ImageProbe {
    /// Walks the JPEG markers up to the first SOF: size from SOFn, orientation from APP1 Exif.
    static func jpeg(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        guard try reader.u16be(0) == 0xFFD8 else { throw .invalid }
        var orientation = ImageOrientation.up
        var sawExif = false
        var offset = 2
        while true {
            guard try reader.u8(offset) == 0xFF else { throw .invalid }
            // Any number of 0xFF fill bytes may precede the marker code.
            while try reader.u8(offset) == 0xFF {
                offset += 1
            }
            let marker = try reader.u8(offset)
            offset += 1
            switch marker {
            case 0x01, 0xD0...0xD8:
                continue  // standalone markers, no length
            case 0xD9, 0xDA:
                throw .invalid  // end of image or start of scan before any frame header
            default:
                break
            }
            let length = try reader.u16be(offset)
            guard length >= 2 else { throw .invalid }
            let segment = offset + 2
            switch marker {
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                // SOFn: precision, height, width, component count.
                let height = try reader.u16be(segment + 1)
                let width = try reader.u16be(segment + 3)
                return ImageInfo(format: .jpeg, width: width, height: height, orientation: orientation)
            case 0xE1 where !sawExif && reader.matches("Exif\0\0", at: segment):
                _ = try reader.u8(offset + length - 1)  // the whole segment must be present
                sawExif = true
                orientation = ExifOrientation.read(exifPayload: reader.slice(segment..<offset + length))
            default:
                break
            }
            offset += length
        }
    }
}
