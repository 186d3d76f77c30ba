extension ImageFormat {
    /// Detects the format from the file's first bytes (magic numbers); the file name is never trusted.
    /// - Parameter bytes: the file's content, or at least its first 64 bytes.
    /// - Returns: the format, or `nil` if the bytes match none.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(128))
        func starts(with magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts(with: [0xFF, 0xD8, 0xFF]) {
            return .jpeg
        }
        if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .png
        }
        if starts(with: Array("RIFF".utf8)) && starts(with: Array("WEBP".utf8), at: 8) {
            return .webp
        }
        if starts(with: Array("GIF87a".utf8)) || starts(with: Array("GIF89a".utf8)) {
            return .gif
        }
        if starts(with: Array("BM".utf8)) && head.count >= 26 {
            return .bmp
        }
        if starts(with: [0x49, 0x49, 0x2A, 0x00]) || starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return .tiff
        }
        if starts(with: Array("%PDF-".utf8)) {
            return .pdf
        }
        if starts(with: Array("ftyp".utf8), at: 4) {
            return self.sniffISOBMFF(head)
        }
        return nil
    }

    /// HEIF and AVIF share the ISO base media file format; the `ftyp` brands tell them apart.
    private static func sniffISOBMFF(_ head: [UInt8]) -> ImageFormat? {
        let boxSize = head[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let end = min(head.count, max(boxSize, 16))
        // Major brand at 8, minor version at 12, compatible brands from 16.
        var brands: [String] = []
        var offset = 8
        while offset + 4 <= end {
            brands.append(String(decoding: head[offset..<offset + 4], as: UTF8.self))
            offset += offset == 8 ? 8 : 4
        }
        let avifBrands: Set = ["avif", "avis"]
        let heifBrands: Set = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]
        if let major = brands.first {
            if avifBrands.contains(major) { return .avif }
            if heifBrands.contains(major) && major != "mif1" && major != "msf1" { return .heic }
        }
        if brands.contains(where: avifBrands.contains) { return .avif }
        if brands.contains(where: heifBrands.contains) { return .heic }
        return nil
    }
}
