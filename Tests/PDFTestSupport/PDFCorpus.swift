import Foundation

/// Small PDF files written by hand, byte for byte, for the tests: real documents that poppler reads, each with one
/// trait to check (page size, page count, scripts, attachments, encryption, truncation, a rendering bomb).
public enum PDFCorpus {
    /// A3 portrait in points.
    public static let a3 = (width: 841.89, height: 1190.55)
    public static let a4 = (width: 595.28, height: 841.89)

    /// One page per size; each page is drawn in four quadrants: red top-left, green top-right, blue bottom-left,
    /// yellow bottom-right (as displayed, once `/Rotate` is applied by the reader if `rotate` is set).
    /// - Parameters:
    ///   - catalogExtra: raw entries added to the catalog dictionary.
    ///   - extraObjects: raw objects appended, numbered from `firstExtraObject(pageCount:)`.
    public static func document(
        pages: [(width: Double, height: Double)], rotate: Int = 0, catalogExtra: String = "", extraObjects: [String] = []
    ) -> Data {
        var objects: [Data] = []
        let kids = pages.indices.map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append(Data("<< /Type /Catalog /Pages 2 0 R \(catalogExtra) >>".utf8))
        objects.append(Data("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        for (index, page) in pages.enumerated() {
            let (w, h) = (self.number(page.width), self.number(page.height))
            let rotation = rotate == 0 ? "" : " /Rotate \(rotate)"
            objects.append(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)]\(rotation) /Contents \(4 + 2 * index) 0 R >>".utf8))
            objects.append(self.stream(self.quadrants(width: page.width, height: page.height)))
        }
        objects += extraObjects.map { Data($0.utf8) }
        return self.file(objects)
    }

    /// The number the first of `extraObjects` gets.
    public static func firstExtraObject(pageCount: Int) -> Int {
        3 + 2 * pageCount
    }

    /// An A4 page whose document opens with a script (`/OpenAction`) and carries document-level JavaScript.
    public static func withJavaScript() -> Data {
        let first = self.firstExtraObject(pageCount: 1)
        return self.document(
            pages: [self.a4], catalogExtra: "/OpenAction \(first) 0 R /Names << /JavaScript << /Names [(ouverture) \(first) 0 R] >> >>",
            extraObjects: ["<< /S /JavaScript /JS (app.alert\\('bonjour'\\);) >>"])
    }

    /// An A4 page with an attached file in the document's `/EmbeddedFiles` name tree.
    public static func withEmbeddedFile() -> Data {
        let first = self.firstExtraObject(pageCount: 1)
        let payload = "MZ pretend this is a program"
        return self.document(
            pages: [self.a4], catalogExtra: "/Names << /EmbeddedFiles << /Names [(outil.exe) \(first) 0 R] >> >>",
            extraObjects: [
                "<< /Type /Filespec /F (outil.exe) /UF (outil.exe) /EF << /F \(first + 1) 0 R >> >>",
                "<< /Type /EmbeddedFile /Length \(payload.utf8.count) >>\nstream\n\(payload)\nendstream",
            ])
    }

    /// A page whose drawing is a chain of form XObjects, each drawing the next `fanOut` times: `fanOut^depth` fills
    /// from a file of a few hundred bytes (a CPU bomb for the renderer).
    public static func renderingBomb(depth: Int = 8, fanOut: Int = 10) -> Data {
        let first = self.firstExtraObject(pageCount: 1)
        var forms: [String] = []
        for level in 0..<depth {
            let body: String
            if level == depth - 1 {
                body = String(repeating: "0 0 1 1 re f\n", count: fanOut)
            } else {
                body = String(repeating: "/X Do\n", count: fanOut)
            }
            let resources = level == depth - 1 ? "" : " /Resources << /XObject << /X \(first + level + 1) 0 R >> >>"
            forms.append(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 600 800]\(resources) /Length \(body.utf8.count) >>\nstream\n\(body)endstream")
        }
        // The page draws the first form; it replaces the usual quadrants' resources.
        var objects: [Data] = [
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X \(first) 0 R >> >> /Contents 4 0 R >>".utf8),
            self.stream("0.2 0.4 0.8 rg\n/X Do\n"),
        ]
        objects += forms.map { Data($0.utf8) }
        return self.file(objects)
    }

    /// One page filled by a JPEG photograph (a `/DCTDecode` image, as Canva or PowerPoint export a poster made of a
    /// picture) with a vector frame and title band drawn over it.
    public static func imagePage(jpeg: Data, pixelWidth: Int, pixelHeight: Int, page: (width: Double, height: Double) = a3) -> Data {
        let (w, h) = (self.number(page.width), self.number(page.height))
        let content = """
            q \(w) 0 0 \(h) 0 0 cm /Im Do Q
            0.1 0.2 0.5 rg 0 \(self.number(page.height * 0.9)) \(w) \(self.number(page.height * 0.1)) re f
            1 1 1 RG 8 w 20 20 \(self.number(page.width - 40)) \(self.number(page.height - 40)) re S
            """
        let objects: [Data] = [
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)] /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>".utf8),
            self.stream(content),
            Data(
                "<< /Type /XObject /Subtype /Image /Width \(pixelWidth) /Height \(pixelHeight) /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>\nstream\n"
                    .utf8) + jpeg + Data("\nendstream".utf8),
        ]
        return self.file(objects)
    }

    /// A page tree declaring no page.
    public static func zeroPages() -> Data {
        self.document(pages: [])
    }

    /// `document` encrypted by qpdf (AES-256): with a user password (needed to open it), or only an owner password
    /// (opens without one, but restricts printing). `nil` when qpdf is not installed.
    public static func encrypted(_ document: Data, userPassword: String = "secret", forbidPrinting: Bool = false) throws -> Data? {
        guard let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdfcorpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let output = folder.appendingPathComponent("out.pdf")
        try document.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: qpdf)
        var arguments = ["--encrypt", userPassword, "proprietaire", "256"]
        if forbidPrinting { arguments.append("--print=none") }
        process.arguments = arguments + ["--", input.path, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try Data(contentsOf: output)
    }

    // MARK: - Writing

    private static func quadrants(width: Double, height: Double) -> String {
        let (w, h) = (self.number(width / 2), self.number(height / 2))
        return """
            1 0 0 rg 0 \(h) \(w) \(h) re f
            0 1 0 rg \(w) \(h) \(w) \(h) re f
            0 0 1 rg 0 0 \(w) \(h) re f
            1 1 0 rg \(w) 0 \(w) \(h) re f
            """
    }

    private static func stream(_ content: String) -> Data {
        Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8)
    }

    /// Header, numbered objects, cross-reference table and trailer, with exact byte offsets.
    private static func file(_ objects: [Data]) -> Data {
        var out = Data("%PDF-1.7\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Data("\(index + 1) 0 obj\n".utf8) + object + Data("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            table += String(repeating: "0", count: max(0, 10 - String(offset).count)) + "\(offset) 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Data(table.utf8)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
