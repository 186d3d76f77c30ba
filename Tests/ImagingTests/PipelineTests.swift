import Foundation
import Testing

@testable import Imaging

struct PipelineTests {
    private func renditions(_ data: Data, threads: Int) throws -> Renditions {
        let sizes = RenditionPipeline.Sizes(thumbnailLongEdge: 90, previewLongEdge: 250, quality: 85, threads: threads)
        return try data.withUnsafeBytes { try RenditionPipeline.run($0, limits: TestImages.lenient, sizes: sizes) }
    }

    /// Decoding on one thread, or streaming rows to a second one, must give the same files byte for byte.
    @Test(arguments: [ImageOrientation.up, .right, .down])
    func one_thread_and_two_threads_agree(orientation: ImageOrientation) throws {
        let jpeg = try TestImages.quadrants(width: 700, height: 500).encoded(as: .jpeg)
        let tagged = JPEGBytes.inserting(JPEGBytes.exif(orientation: orientation.rawValue), into: jpeg)
        let single = try self.renditions(tagged, threads: 1)
        let double = try self.renditions(tagged, threads: 2)
        #expect(single.previewSize == double.previewSize)
        #expect(single.thumbnailSize == double.thumbnailSize)
        #expect(single.preview == double.preview)
        #expect(single.thumbnail == double.thumbnail)
    }

    @Test func failures_stop_the_second_thread() throws {
        let jpeg = PosterGenerator.poster(width: 800, height: 600, title: "Tronqué", seed: 6)
        for threads in [1, 2] {
            #expect(throws: ImagingError.truncated) { try self.renditions(jpeg.prefix(jpeg.count * 3 / 4), threads: threads) }
        }
    }

    @Test func preview_at_decoded_size_is_encoded_directly() throws {
        // 250 px long edge: no resample, the second thread only encodes.
        let jpeg = try TestImages.quadrants(width: 250, height: 180).encoded(as: .jpeg)
        let double = try self.renditions(jpeg, threads: 2)
        #expect(double.previewSize == PixelSize(width: 250, height: 180))
        #expect(double.preview == (try self.renditions(jpeg, threads: 1)).preview)
    }
}
