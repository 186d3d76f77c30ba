extension ImageProbe {
    /// Size from the first chunk (VP8, VP8L or VP8X); orientation from an EXIF chunk (extended format only).
    static func webp(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        let chunk = 12
        let payload = chunk + 8
        switch try reader.fourCC(chunk) {
        case "VP8 ":
            // Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            guard try reader.u8(payload + 3) == 0x9D, try reader.u8(payload + 4) == 0x01, try reader.u8(payload + 5) == 0x2A
            else { throw .invalid }
            let width = try reader.u16le(payload + 6) & 0x3FFF
            let height = try reader.u16le(payload + 8) & 0x3FFF
            return ImageInfo(format: .webp, width: width, height: height)
        case "VP8L":
            // Lossless: signature 0x2F, then 14 bits width − 1 and 14 bits height − 1.
            guard try reader.u8(payload) == 0x2F else { throw .invalid }
            let bits = try reader.u32le(payload + 1)
            return ImageInfo(format: .webp, width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            let flags = try reader.u8(payload)
            let width = try reader.u24le(payload + 4) + 1
            let height = try reader.u24le(payload + 7) + 1
            var orientation = ImageOrientation.up
            if flags & 0x08 != 0 {
                orientation = try self.webpExifOrientation(reader, from: payload + (try reader.u32le(chunk + 4)))
            }
            return ImageInfo(format: .webp, width: width, height: height, orientation: orientation)
        default:
            throw .invalid
        }
    }

    private static func webpExifOrientation(_ reader: ByteReader, from start: Int) throws(ProbeError) -> ImageOrientation {
        var offset = start
        while offset + 8 <= reader.count {
            let length = try reader.u32le(offset + 4)
            if try reader.fourCC(offset) == "EXIF" {
                _ = try reader.u8(offset + 8 + length - 1)
                return ExifOrientation.read(exifPayload: reader.slice(offset + 8..<offset + 8 + length))
            }
            offset += 8 + length + (length & 1)  // chunks are padded to even sizes
        }
        throw .needMoreData
    }
}
