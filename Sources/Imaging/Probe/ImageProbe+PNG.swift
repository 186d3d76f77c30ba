extension ImageProbe {
    /// Size from IHDR; orientation from an `eXIf` chunk placed before the image data.
    static func png(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        guard try reader.fourCC(12) == "IHDR" else { throw .invalid }
        let width = try reader.u32be(16)
        let height = try reader.u32be(20)
        var orientation = ImageOrientation.up
        var offset = 8
        while true {
            let length = try reader.u32be(offset)
            let type = try reader.fourCC(offset + 4)
            if type == "IDAT" || type == "IEND" {
                break
            }
            if type == "eXIf" {
                _ = try reader.u8(offset + 8 + length - 1)
                orientation = ExifOrientation.read(exifPayload: reader.slice(offset + 8..<offset + 8 + length))
            }
            offset += 12 + length
        }
        return ImageInfo(format: .png, width: width, height: height, orientation: orientation)
    }
}
