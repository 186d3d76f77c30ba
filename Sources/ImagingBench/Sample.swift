import Foundation
import Imaging

/// A generated benchmark input.
struct Sample {
    var name: String
    var path: String
    var width: Int
    var height: Int
    var bytes: Int

    static func generate(in directory: URL) -> [Sample] {
        let specs: [(name: String, file: String, width: Int, height: Int, title: String, orientation: ImageOrientation?)] = [
            ("A3 poster, 300 dpi", "poster-a3.jpg", 3508, 4961, "Biodiversité des mares urbaines", nil),
            ("12 MP photo, EXIF 6", "photo-12mp.jpg", 4000, 3000, "Photo de téléphone", .right),
        ]
        return specs.map { spec in
            let options = PosterGenerator.Options(quality: 92, realisticDetail: true, exifOrientation: spec.orientation)
            let data = PosterGenerator.poster(
                width: spec.width, height: spec.height, title: spec.title, subtitle: "Concours de posters — session 2025", seed: 42,
                options: options)
            let url = directory.appendingPathComponent(spec.file)
            try? data.write(to: url)
            return Sample(name: spec.name, path: url.path, width: spec.width, height: spec.height, bytes: data.count)
        }
    }
}
