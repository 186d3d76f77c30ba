import Foundation

/// Byte-level JPEG surgery and inspection for tests.
enum JPEGBytes {
    /// A segment: marker byte after 0xFF and its payload.
    static func segment(marker: UInt8, payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// An APP1 Exif segment (big-endian TIFF) with orientation and a GPS IFD pointer holding a latitude reference.
    static func exif(orientation: Int, withGPS: Bool = false) -> [UInt8] {
        var tiff: [UInt8] = Array("MM".utf8) + [0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        let entries = withGPS ? 2 : 1
        tiff += [0x00, UInt8(entries)]
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, UInt8(orientation), 0x00, 0x00]
        if withGPS {
            let gpsOffset = 8 + 2 + entries * 12 + 4
            tiff += [0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, UInt8(gpsOffset)]
        }
        tiff += [0x00, 0x00, 0x00, 0x00]
        if withGPS {
            // GPS IFD: GPSLatitudeRef = "N".
            tiff += [0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x4E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        }
        return self.segment(marker: 0xE1, payload: Array("Exif".utf8) + [0, 0] + tiff)
    }

    /// `jpeg` with `segments` inserted right after SOI.
    static func inserting(_ segments: [UInt8], into jpeg: Data) -> Data {
        var result = Data(jpeg.prefix(2))
        result.append(contentsOf: segments)
        result.append(jpeg.dropFirst(2))
        return result
    }

    /// Marker codes of the segments before the first SOS.
    static func headerMarkers(_ jpeg: Data) -> [UInt8] {
        let bytes = [UInt8](jpeg)
        var markers: [UInt8] = []
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            markers.append(marker)
            if marker == 0xDA {
                break
            }
            offset += 2 + (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
        }
        return markers
    }

    /// Whether `needle` occurs anywhere in `data`.
    static func contains(_ data: Data, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        let bytes = [UInt8](data)
        guard bytes.count >= pattern.count else { return false }
        return (0...bytes.count - pattern.count).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
