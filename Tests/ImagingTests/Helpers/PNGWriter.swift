import Foundation

/// Writes PNG files by hand (stored deflate blocks, no compression library), for what libgd cannot write:
/// 16-bit samples, and headers declaring sizes the data does not have.
enum PNGWriter {
    /// Colour types from the PNG specification.
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, rgba = 6

        var channels: Int {
            switch self {
            case .gray: 1
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    /// A PNG whose pixels come from `pixel(x, y)`, one value per channel (0…255 or 0…65535 by bit depth).
    static func png(width: Int, height: Int, bitDepth: UInt8, colorType: ColorType, pixel: (Int, Int) -> [Int]) -> Data {
        let bytesPerSample = bitDepth == 16 ? 2 : 1
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + width * colorType.channels * bytesPerSample))
        for y in 0..<height {
            raw.append(0)  // filter type: none
            for x in 0..<width {
                for sample in pixel(x, y) {
                    if bytesPerSample == 2 {
                        raw += [UInt8(sample >> 8 & 0xFF), UInt8(sample & 0xFF)]
                    } else {
                        raw.append(UInt8(sample & 0xFF))
                    }
                }
            }
        }
        return self.file(width: width, height: height, bitDepth: bitDepth, colorType: colorType, idat: self.zlibStored(raw))
    }

    /// A PNG with the given header and `idat` as its only data chunk.
    static func file(width: Int, height: Int, bitDepth: UInt8, colorType: ColorType, idat: [UInt8]) -> Data {
        var ihdr = self.be32(width) + self.be32(height)
        ihdr += [bitDepth, colorType.rawValue, 0, 0, 0]
        var data: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        data += self.chunk("IHDR", ihdr)
        data += self.chunk("IDAT", idat)
        data += self.chunk("IEND", [])
        return Data(data)
    }

    /// zlib stream made of stored (uncompressed) deflate blocks.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + length == bytes.count ? 1 : 0
            output += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8 & 0xFF)]
            output += bytes[offset..<offset + length]
            offset += length
        } while offset < bytes.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return output + self.be32(Int(b << 16 | a))
    }

    private static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + payload
        return self.be32(payload.count) + typed + self.be32(Int(self.crc32(typed)))
    }

    private static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1
            }
        }
        return ~crc
    }
}
