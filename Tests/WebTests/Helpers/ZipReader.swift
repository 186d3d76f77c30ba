import Foundation
import Testing

@testable import Web

/// Reads a stored ZIP back (tests only): central directory, then each local entry.
enum ZipReader {
    struct File {
        var name: String
        var data: Data
    }

    static func entries(_ zip: Data) throws -> [File] {
        let bytes = [UInt8](zip)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        let end = try #require((0...(bytes.count - 22)).reversed().first { u32($0) == 0x0605_4B50 })
        let count = u16(end + 10)
        var cursor = u32(end + 16)
        var files: [File] = []
        for _ in 0..<count {
            #expect(u32(cursor) == 0x0201_4B50)
            let crc = UInt32(u32(cursor + 16))
            let size = u32(cursor + 24)
            let nameLength = u16(cursor + 28)
            let extra = u16(cursor + 30)
            let comment = u16(cursor + 32)
            let local = u32(cursor + 42)
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            let data = Data(bytes[dataStart..<(dataStart + size)])
            #expect(CRC32.checksum(data) == crc)
            files.append(File(name: name, data: data))
            cursor += 46 + nameLength + extra + comment
        }
        return files
    }
}
