import Foundation

/// Writes a ZIP archive entry by entry (stored, not compressed: posters are already compressed), so that a response can
/// stream it with only one file in memory at a time. File names are UTF-8 (flag bit 11, in both headers).
///
/// There is no Zip64: `Limits` keeps the archive within the classic format, and callers check `Limits.admit` before
/// the response starts. The writer throws rather than write a field that would overflow.
struct ZipStreamWriter: Sendable {
    private struct Central {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt32
        var offset: UInt32
    }

    let limits: Limits
    private var central: [Central] = []
    /// Bytes written so far, which is where the next local header starts.
    private var offset: UInt64 = 0
    /// Bytes the central directory will take.
    private var centralSize: UInt64 = 0
    /// 1 January 2022, 00:00 in MS-DOS format; entries carry no real time.
    private let dosTime: UInt16 = 0
    private let dosDate: UInt16 = UInt16((2022 - 1980) << 9 | 1 << 5 | 1)
    /// Stored entries need version 2.0; "made by" 2.0 on MS-DOS, as most writers say.
    private let version: UInt16 = 20
    private let utf8Names: UInt16 = 0x0800

    init(limits: Limits = .format) {
        self.limits = limits
    }

    /// The local header and bytes of one file.
    mutating func entry(name: String, contentsOf url: URL) throws -> Data {
        let data = try Data(contentsOf: url)
        return try entry(name: name, data: data)
    }

    mutating func entry(name: String, data: Data) throws(Failure) -> Data {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= Int(UInt16.max) else { throw .nameTooLong }
        guard central.count < limits.maxEntries else { throw .tooManyEntries }
        let localSize = Self.localHeaderSize + UInt64(nameBytes.count) + UInt64(data.count)
        let directorySize = centralSize + Self.centralHeaderSize + UInt64(nameBytes.count)
        // The whole archive, end records included, must fit: then every size and offset fits in 32 bits.
        guard offset + localSize + directorySize + Self.endRecordSize <= limits.maxBytes else { throw .tooLarge }
        let crc = CRC32.checksum(data)
        let size = UInt32(data.count)
        var out = Data(capacity: Int(localSize))
        out.appendLE(UInt32(0x0403_4B50))
        out.appendLE(version)
        out.appendLE(utf8Names)
        out.appendLE(UInt16(0))  // stored
        out.appendLE(dosTime)
        out.appendLE(dosDate)
        out.appendLE(crc)
        out.appendLE(size)  // compressed
        out.appendLE(size)  // uncompressed
        out.appendLE(UInt16(nameBytes.count))
        out.appendLE(UInt16(0))  // no extra field
        out.append(contentsOf: nameBytes)
        out.append(data)
        central.append(Central(name: nameBytes, crc: crc, size: size, offset: UInt32(offset)))
        offset += localSize
        centralSize = directorySize
        return out
    }

    /// The central directory and end record.
    func finish() -> Data {
        var out = Data(capacity: Int(centralSize + Self.endRecordSize))
        for item in central {
            out.appendLE(UInt32(0x0201_4B50))
            out.appendLE(version)  // made by
            out.appendLE(version)  // needed
            out.appendLE(utf8Names)
            out.appendLE(UInt16(0))  // stored
            out.appendLE(dosTime)
            out.appendLE(dosDate)
            out.appendLE(item.crc)
            out.appendLE(item.size)
            out.appendLE(item.size)
            out.appendLE(UInt16(item.name.count))
            out.appendLE(UInt16(0))  // extra field
            out.appendLE(UInt16(0))  // comment
            out.appendLE(UInt16(0))  // disk
            out.appendLE(UInt16(0))  // internal attributes
            out.appendLE(UInt32(0))  // external attributes
            out.appendLE(item.offset)
            out.append(contentsOf: item.name)
        }
        // `entry` kept offset + centralSize + 22 within the limits, so these conversions cannot trap.
        out.appendLE(UInt32(0x0605_4B50))
        out.appendLE(UInt16(0))  // this disk
        out.appendLE(UInt16(0))  // disk with the directory
        out.appendLE(UInt16(central.count))
        out.appendLE(UInt16(central.count))
        out.appendLE(UInt32(centralSize))  // the directory alone, not the end record being written
        out.appendLE(UInt32(offset))
        out.appendLE(UInt16(0))  // comment
        return out
    }
}
