import Foundation
import Testing

@testable import Imaging

struct PosterGeneratorTests {
    @Test func is_deterministic_for_a_seed() throws {
        let first = PosterGenerator.poster(width: 300, height: 420, title: "Mares urbaines", subtitle: "Équipe 4", seed: 11)
        let second = PosterGenerator.poster(width: 300, height: 420, title: "Mares urbaines", subtitle: "Équipe 4", seed: 11)
        let other = PosterGenerator.poster(width: 300, height: 420, title: "Mares urbaines", subtitle: "Équipe 4", seed: 12)
        #expect(first == second)
        #expect(first != other)
        #expect(ImageFormat.sniff(first) == .jpeg)
        #expect(try ImageProbe.probe(first) == ImageInfo(format: .jpeg, width: 300, height: 420))
    }

    @Test func writes_other_formats_and_orientation() throws {
        let png = try PosterGenerator.poster(width: 200, height: 280, title: "PNG", format: .png)
        #expect(try ImageProbe.probe(png) == ImageInfo(format: .png, width: 200, height: 280))
        let rotated = PosterGenerator.poster(width: 280, height: 200, title: "Photo", options: .init(exifOrientation: .right))
        #expect(try ImageProbe.probe(rotated).orientation == .right)
    }

    @Test func realistic_detail_makes_heavier_files() {
        let plain = PosterGenerator.poster(width: 400, height: 300, title: "Grain", seed: 1)
        let detailed = PosterGenerator.poster(width: 400, height: 300, title: "Grain", seed: 1, options: .init(realisticDetail: true))
        #expect(detailed.count > plain.count * 5 / 4)
    }

    @Test func draws_the_title() throws {
        // The title band is white text with a shadow: it must differ from the same poster without text.
        let titled = try PosterGenerator.render(width: 400, height: 300, title: "TITRE", subtitle: "", seed: 4, options: .init())
        let untitled = try PosterGenerator.render(width: 400, height: 300, title: "", subtitle: "", seed: 4, options: .init())
        #expect(self.whitePixels(titled) > self.whitePixels(untitled) + 200)
    }

    @Test func bitmap_font_fallback_draws_text() throws {
        let image = try TestImages.solid(width: 300, height: 100, color: (0, 0, 0))
        PosterText.draw(
            "Repli", in: image, centerX: 150, top: 10, maxWidth: 280, maxHeight: 80, color: RGB(red: 255, green: 255, blue: 255),
            shadow: false, forceBitmap: true)
        #expect(self.whitePixels(image) > 500)
    }

    @Test func finds_a_truetype_font_here() {
        // Debian images with fontconfig ship DejaVu; elsewhere the bitmap fallback is used.
        if FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") {
            #expect(PosterText.fontPath != nil)
        }
    }

    private func whitePixels(_ image: GDImage) -> Int {
        var count = 0
        for y in 0..<image.height {
            for x in 0..<image.width where TestImages.close(image.pixel(x: x, y: y), (255, 255, 255), tolerance: 20) {
                count += 1
            }
        }
        return count
    }
}
