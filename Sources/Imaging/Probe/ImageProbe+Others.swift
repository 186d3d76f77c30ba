extension ImageProbe {
    /// Logical screen size (libgd decodes the first frame onto a canvas of that size).
    static func gif(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        ImageInfo(format: .gif, width: try reader.u16le(6), height: try reader.u16le(8))
    }

    /// BITMAPCOREHEADER (16-bit sizes) or BITMAPINFOHEADER and later (signed 32-bit; negative height is top-down).
    static func bmp(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        let headerSize = try reader.u32le(14)
        if headerSize == 12 {
            return ImageInfo(format: .bmp, width: try reader.u16le(18), height: try reader.u16le(20))
        }
        let width = Int(Int32(truncatingIfNeeded: try reader.u32le(18)))
        let height = Int(Int32(truncatingIfNeeded: try reader.u32le(22)))
        guard width > 0, height != 0, height != Int(Int32.min) else { throw .invalid }
        return ImageInfo(format: .bmp, width: width, height: abs(height))
    }

    /// ImageWidth (256) and ImageLength (257) from IFD0. The orientation tag is not reported: libtiff, under libgd,
    /// already applies its flips, and rotated TIFFs are rare enough to be left as stored.
    static func tiff(_ reader: ByteReader) throws(ProbeError) -> ImageInfo {
        let bigEndian = reader.matches("MM", at: 0)
        let ifd = try reader.u32(4, bigEndian: bigEndian)
        let entries = try reader.u16(ifd, bigEndian: bigEndian)
        var width = 0
        var height = 0
        for index in 0..<min(entries, 1024) {
            let entry = ifd + 2 + index * 12
            let tag = try reader.u16(entry, bigEndian: bigEndian)
            guard tag == 256 || tag == 257 else { continue }
            let type = try reader.u16(entry + 2, bigEndian: bigEndian)
            let value = type == 3 ? try reader.u16(entry + 8, bigEndian: bigEndian) : try reader.u32(entry + 8, bigEndian: bigEndian)
            if tag == 256 { width = value } else { height = value }
        }
        return ImageInfo(format: .tiff, width: width, height: height)
    }
}
