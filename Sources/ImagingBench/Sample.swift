import Foundation
import Imaging
import PDFTestSupport

/// A generated benchmark input.
struct Sample {
    var name: String
    var path: String
    var width: Int
    var height: Int
    var bytes: Int

    static func generate(in directory: URL) -> [Sample] {
        let subtitle = "Concours de posters — session 2025"
        func write(_ name: String, _ file: String, _ width: Int, _ height: Int, _ data: Data) -> Sample {
            let url = directory.appendingPathComponent(file)
            try? data.write(to: url)
            return Sample(name: name, path: url.path, width: width, height: height, bytes: data.count)
        }
        func poster(_ width: Int, _ height: Int, _ title: String, format: ImageFormat = .jpeg, options: PosterGenerator.Options) -> Data {
            (try? PosterGenerator.poster(width: width, height: height, title: title, subtitle: subtitle, seed: 42, format: format, options: options))
                ?? Data()
        }
        let photographic = PosterGenerator.Options(quality: 92, realisticDetail: true)
        let a3 = poster(3508, 4961, "Biodiversité des mares urbaines", options: photographic)
        var samples = [
            write("A3 poster, 300 dpi", "poster-a3.jpg", 3508, 4961, a3),
            write(
                "12 MP photo, EXIF 6", "photo-12mp.jpg", 4000, 3000,
                poster(4000, 3000, "Photo de téléphone", options: .init(quality: 92, realisticDetail: true, exifOrientation: .right))),
            write(
                "A3 poster, progressive JPEG", "poster-a3-progressive.jpg", 3508, 4961,
                poster(3508, 4961, "Biodiversité des mares urbaines", options: .init(quality: 92, realisticDetail: true, progressive: true))),
            // WebP as phones and web exports write it: lossy, with the same photographic detail.
            write(
                "A3 poster, WebP (lossy, q 85)", "poster-a3.webp", 3508, 4961,
                poster(3508, 4961, "Biodiversité des mares urbaines", format: .webp, options: .init(quality: 85, realisticDetail: true))),
            // PNG as design tools export it: flat colours, no noise (with noise it would weigh 30 MB).
            write(
                "A3 poster, PNG (flat colours)", "poster-a3.png", 3508, 4961,
                poster(3508, 4961, "Biodiversité des mares urbaines", format: .png, options: .init(quality: 92))),
        ]
        // PDF as Canva or PowerPoint export a poster made of a photograph: one A3 page, the A3 JPEG embedded, vector
        // frame and band on top.
        samples.append(
            write("A3 PDF (page of the A3 JPEG)", "poster-a3.pdf", 842, 1191, PDFCorpus.imagePage(jpeg: a3, pixelWidth: 3508, pixelHeight: 4961)))
        return samples
    }
}
