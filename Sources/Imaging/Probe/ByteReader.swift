/// Why a header parser stopped.
enum ProbeError: Error {
    /// The parser ran past the available bytes (a prefix was given, or the file is truncated).
    case needMoreData
    /// The header is inconsistent.
    case invalid
}

/// Bounds-checked reads of big- and little-endian integers from a byte buffer.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer

    var count: Int {
        self.bytes.count
    }

    func u8(_ offset: Int) throws(ProbeError) -> Int {
        guard offset >= 0, offset < self.bytes.count else { throw .needMoreData }
        return Int(self.bytes[offset])
    }

    func u16be(_ offset: Int) throws(ProbeError) -> Int {
        try self.u8(offset) << 8 | self.u8(offset + 1)
    }

    func u16le(_ offset: Int) throws(ProbeError) -> Int {
        try self.u8(offset) | self.u8(offset + 1) << 8
    }

    func u24le(_ offset: Int) throws(ProbeError) -> Int {
        try self.u16le(offset) | self.u8(offset + 2) << 16
    }

    func u32be(_ offset: Int) throws(ProbeError) -> Int {
        try self.u16be(offset) << 16 | self.u16be(offset + 2)
    }

    func u32le(_ offset: Int) throws(ProbeError) -> Int {
        try self.u16le(offset) | self.u16le(offset + 2) << 16
    }

    func u64be(_ offset: Int) throws(ProbeError) -> UInt64 {
        try UInt64(self.u32be(offset)) << 32 | UInt64(self.u32be(offset + 4))
    }

    func u16(_ offset: Int, bigEndian: Bool) throws(ProbeError) -> Int {
        bigEndian ? try self.u16be(offset) : try self.u16le(offset)
    }

    func u32(_ offset: Int, bigEndian: Bool) throws(ProbeError) -> Int {
        bigEndian ? try self.u32be(offset) : try self.u32le(offset)
    }

    /// Four bytes as an ASCII tag ("IHDR", "ftyp").
    func fourCC(_ offset: Int) throws(ProbeError) -> String {
        guard offset >= 0, offset + 4 <= self.bytes.count else { throw .needMoreData }
        return String(decoding: self.bytes[offset..<offset + 4], as: UTF8.self)
    }

    func matches(_ ascii: String, at offset: Int) -> Bool {
        let expected = Array(ascii.utf8)
        guard offset >= 0, offset + expected.count <= self.bytes.count else { return false }
        return self.bytes[offset..<offset + expected.count].elementsEqual(expected)
    }

    /// A sub-reader over `range`, clamped to the available bytes.
    func slice(_ range: Range<Int>) -> ByteReader {
        let lower = min(max(range.lowerBound, 0), self.bytes.count)
        let upper = min(max(range.upperBound, lower), self.bytes.count)
        return ByteReader(bytes: UnsafeRawBufferPointer(rebasing: self.bytes[lower..<upper]))
    }
}
