import Foundation
import Testing

@testable import Imaging

struct RenditionTests {
    @Test(arguments: ImageFormat.allCases.filter { $0 != .pdf })
    func every_supported_format_decodes(format: ImageFormat) throws {
        try #require(Imaging.supportedFormats.contains(format))
        let data = try TestImages.quadrants(width: 240, height: 160).encoded(as: format, quality: 90)
        let renditions = try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 60, previewLongEdge: 120)
        #expect(renditions.format == format)
        #expect(renditions.originalSize == PixelSize(width: 240, height: 160))
        #expect(renditions.previewSize == PixelSize(width: 120, height: 80))
        #expect(renditions.thumbnailSize == PixelSize(width: 60, height: 40))
        let preview = try TestImages.decodeJPEG(renditions.preview)
        #expect(TestImages.close(preview.pixel(x: 20, y: 15), TestImages.red), "\(format)")
        #expect(TestImages.close(preview.pixel(x: 100, y: 65), TestImages.yellow), "\(format)")
        let thumbnail = try TestImages.decodeJPEG(renditions.thumbnail)
        #expect((thumbnail.width, thumbnail.height) == (60, 40))
    }

    @Test func default_sizes_are_400_and_1600() throws {
        let jpeg = try TestImages.quadrants(width: 1300, height: 1700).encoded(as: .jpeg)
        let renditions = try Imaging.makeRenditions(data: jpeg)
        #expect(renditions.previewSize == PixelSize(width: 1224, height: 1600))
        #expect(renditions.thumbnailSize == PixelSize(width: 306, height: 400))
        #expect(try TestImages.decodeJPEG(renditions.preview).height == 1600)
    }

    @Test func never_upscales() throws {
        let data = try TestImages.quadrants(width: 300, height: 200).encoded(as: .jpeg)
        let renditions = try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 400, previewLongEdge: 1600)
        #expect(renditions.previewSize == PixelSize(width: 300, height: 200))
        #expect(renditions.thumbnailSize == PixelSize(width: 300, height: 200))
    }

    @Test func shrinks_jpeg_in_the_dct_domain_no_further_than_the_preview() {
        // 4961 px long edge, 1600 px preview: 3/8 gives 1861 px, 2/8 would give 1241.
        #expect(JPEGDecoder.scaleNumerator(longEdge: 4961, minimumLongEdge: 1600) == 3)
        #expect(JPEGDecoder.scaleNumerator(longEdge: 4000, minimumLongEdge: 1600) == 4)
        #expect(JPEGDecoder.scaleNumerator(longEdge: 1700, minimumLongEdge: 1600) == 8)
        #expect(JPEGDecoder.scaleNumerator(longEdge: 900, minimumLongEdge: 1600) == 8)
        #expect(JPEGDecoder.scaleNumerator(longEdge: 20_000, minimumLongEdge: 1600) == 1)
    }

    @Test func reads_files_from_disk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rendition-\(UUID().uuidString).jpg")
        try TestImages.quadrants(width: 200, height: 100).encoded(as: .jpeg).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let renditions = try Imaging.makeRenditions(fileAt: url.path, limits: TestImages.lenient, previewLongEdge: 100)
        #expect(renditions.previewSize == PixelSize(width: 100, height: 50))
        #expect(throws: ImagingError.unreadable(path: "/nonexistent.jpg")) {
            try Imaging.makeRenditions(fileAt: "/nonexistent.jpg")
        }
    }

    @Test func concurrent_calls_give_identical_results() async throws {
        let data = PosterGenerator.poster(width: 210, height: 297, title: "Parallèle", seed: 9, options: .init(quality: 80))
        let outputs = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try Imaging.makeRenditions(data: data, limits: TestImages.lenient, thumbnailLongEdge: 50, previewLongEdge: 150).preview
                }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(Set(outputs).count == 1)
    }
}
