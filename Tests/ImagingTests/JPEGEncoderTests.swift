import Foundation
import Testing

@testable import Imaging

struct JPEGEncoderTests {
    @Test func abandoned_stream_frees_cleanly() throws {
        // Noise makes the output outgrow the first buffer before the stream is dropped unfinished,
        // as happens when the decode feeding it fails.
        let image = try PosterGenerator.render(
            width: 600, height: 400, title: "", subtitle: "", seed: 1, options: .init(realisticDetail: true))
        for _ in 0..<3 {
            let stream = try JPEGStreamEncoder(width: 600, height: 400, quality: 95)
            try stream.write(rows: 0..<300, of: image)
        }
        let whole = try JPEGEncoder.encode(image, quality: 95)
        #expect(whole.count > 64 * 1024)
        #expect(try ImageProbe.probe(whole) == ImageInfo(format: .jpeg, width: 600, height: 400))
    }

    @Test func streamed_rows_equal_one_shot_encoding() throws {
        let image = try TestImages.quadrants(width: 200, height: 150)
        let stream = try JPEGStreamEncoder(width: 200, height: 150, quality: 80)
        for start in stride(from: 0, to: 150, by: 7) {
            try stream.write(rows: start..<min(150, start + 7), of: image)
        }
        #expect(try stream.finish() == (try JPEGEncoder.encode(image, quality: 80)))
    }
}
