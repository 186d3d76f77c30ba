import Foundation
import Testing

@testable import Imaging

struct MetadataTests {
    @Test func derived_files_carry_no_metadata() throws {
        let jpeg = try TestImages.quadrants(width: 300, height: 200).encoded(as: .jpeg)
        let comment = JPEGBytes.segment(marker: 0xFE, payload: Array("Secret comment".utf8))
        let xmp = JPEGBytes.segment(marker: 0xE1, payload: Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8))
        var input = JPEGBytes.inserting(JPEGBytes.exif(orientation: 1, withGPS: true) + xmp + comment, into: jpeg)
        input.append(contentsOf: Array("TRAILING-BYTES-AFTER-EOI".utf8))
        #expect(JPEGBytes.contains(input, "Exif") && JPEGBytes.contains(input, "Secret"))

        let renditions = try Imaging.makeRenditions(data: input, limits: TestImages.lenient, thumbnailLongEdge: 100, previewLongEdge: 200)
        for output in [renditions.preview, renditions.thumbnail] {
            let markers = JPEGBytes.headerMarkers(output)
            // Only JFIF (APP0), tables, frame and scan headers.
            #expect(markers.allSatisfy { [0xE0, 0xDB, 0xC4, 0xC0, 0xDA, 0xDD].contains($0) }, "\(markers.map { String($0, radix: 16) })")
            #expect(!markers.contains(0xE1) && !markers.contains(0xFE) && !markers.contains(0xED))
            for needle in ["Exif", "Secret", "xmpmeta", "TRAILING", "CREATOR", "gd-jpeg"] {
                #expect(!JPEGBytes.contains(output, needle), "\(needle)")
            }
            #expect(output.suffix(2) == Data([0xFF, 0xD9]))
        }
    }
}
