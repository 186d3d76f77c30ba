import Foundation

/// Writes a ZIP archive entry by entry (stored, not compressed: posters are already compressed), so that a response can
/// stream it with only one file in memory at a time. File names are UTF-8 (flag bit 11).
struct ZipStreamWriter {
    private struct Central {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt32
        var offset: UInt32
    }

    private var central: [Central] = []
    private var offset: UInt32 = 0
    /// 1 January 2022, 00:00 in MS-DOS format; entries carry no real time.
    private let dosTime: UInt16 = 0
    private let dosDate: UInt16 = UInt16((2022 - 1980) << 9 | 1 << 5 | 1)

    /// The local header and bytes of one file.
    mutating func entry(name: String, contentsOf url: URL) throws -> Data {
        let data = try Data(contentsOf: url)
        return try entry(name: name, data: data)
    }

    mutating func entry(name: String, data: Data) throws -> Data {
        guard data.count < Int(UInt32.max), offset < UInt32.max - UInt32(data.count) else { throw CocoaError(.fileWriteFileExists) }
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        var out = Data()
        out.appendLE(UInt32(0x0403_4B50))
        out.appendLE(UInt16(20))
        out.appendLE(UInt16(0x0800))
        out.appendLE(UInt16(0))
        out.appendLE(dosTime)
        out.appendLE(dosDate)
        out.appendLE(crc)
        out.appendLE(UInt32(data.count))
        out.appendLE(UInt32(data.count))
        out.appendLE(UInt16(nameBytes.count))
        out.appendLE(UInt16(0))
        out.append(contentsOf: nameBytes)
        out.append(data)
        central.append(Central(name: nameBytes, crc: crc, size: UInt32(data.count), offset: offset))
        offset += UInt32(out.count)
        return out
    }

    /// The central directory and end record.
    mutating func finish() -> Data {
        var out = Data()
        for item in central {
            out.appendLE(UInt32(0x0201_4B50))
            out.appendLE(UInt16(20))
            out.appendLE(UInt16(20))
            out.appendLE(UInt16(0x0800))
            out.appendLE(UInt16(0))
            out.appendLE(dosTime)
            out.appendLE(dosDate)
            out.appendLE(item.crc)
            out.appendLE(item.size)
            out.appendLE(item.size)
            out.appendLE(UInt16(item.name.count))
            out.appendLE(UInt16(0))
            out.appendLE(UInt16(0))
            out.appendLE(UInt16(0))
            out.appendLE(UInt16(0))
            out.appendLE(UInt32(0))
            out.appendLE(item.offset)
            out.append(contentsOf: item.name)
        }
        out.appendLE(UInt32(0x0605_4B50))
        out.appendLE(UInt16(0))
        out.appendLE(UInt16(0))
        out.appendLE(UInt16(central.count))
        out.appendLE(UInt16(central.count))
        out.appendLE(UInt32(out.count))
        out.appendLE(offset)
        out.appendLE(UInt16(0))
        return out
    }
}

/// CRC-32 (IEEE), as ZIP wants it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { self.append(contentsOf: $0) }
    }
}
