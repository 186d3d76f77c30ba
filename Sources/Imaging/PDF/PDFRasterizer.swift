import Foundation

/// What a PDF poster may be, and what its rendering may cost; part of ``ImageLimits``.
public struct PDFLimits: Equatable, Sendable {
    /// Longest side of the first page, in PostScript points (1/72 in). 5 000 pt is 1,76 m: larger than A0.
    public var maxPageSidePoints: Double
    /// CPU seconds each poppler tool may use.
    public var cpuSeconds: Int
    /// Wall-clock seconds each poppler tool may run before its process group is killed.
    public var wallSeconds: Double
    /// Address space each poppler tool may map, in bytes.
    public var memoryBytes: Int

    public init(maxPageSidePoints: Double = 5000, cpuSeconds: Int = 10, wallSeconds: Double = 20, memoryBytes: Int = 768 << 20) {
        self.maxPageSidePoints = maxPageSidePoints
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
        self.memoryBytes = memoryBytes
    }
}

/// What a PDF poster is, as poppler reads it.
public struct PDFDocumentInfo: Equatable, Sendable {
    /// Pages in the document; only the first is the poster.
    public var pageCount: Int
    /// The first page's size in points, as displayed (after its `/Rotate`).
    public var pageWidthPoints: Double
    public var pageHeightPoints: Double

    public init(pageCount: Int, pageWidthPoints: Double, pageHeightPoints: Double) {
        self.pageCount = pageCount
        self.pageWidthPoints = pageWidthPoints
        self.pageHeightPoints = pageHeightPoints
    }
}

/// Renders a PDF's first page to a raster (binary PPM) with Debian's poppler-utils, each tool in a separate, limited process.
///
/// The checks run from the cheapest: the file must end with `%%EOF` (else it was cut short); `pdfinfo` gives the
/// page count, the first page's size, encryption and JavaScript; `pdfdetach -list` the embedded files; only then does
/// `pdftoppm` draw page 1 at the preview's size. A hostile file can exhaust only its own process, which is killed.
enum PDFRasterizer {
    /// The poppler tools and util-linux's `prlimit`, if all are installed.
    struct Tools: Sendable {
        var pdfinfo: String
        var pdfdetach: String
        var pdftoppm: String
        var prlimit: String

        static let installed: Tools? = {
            let folders = ["/usr/bin", "/usr/local/bin", "/bin"]
            func find(_ name: String) -> String? {
                folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            }
            guard let pdfinfo = find("pdfinfo"), let pdfdetach = find("pdfdetach"), let pdftoppm = find("pdftoppm"),
                let prlimit = find("prlimit")
            else { return nil }
            return Tools(pdfinfo: pdfinfo, pdfdetach: pdfdetach, pdftoppm: pdftoppm, prlimit: prlimit)
        }()
    }

    /// Page 1 of `bytes` as a binary PPM whose long edge is `longEdge` pixels, and what the document is.
    static func render(
        _ bytes: UnsafeRawBufferPointer, longEdge: Int, limits: PDFLimits
    ) throws(ImagingError) -> (ppm: Data, document: PDFDocumentInfo) {
        guard let tools = Tools.installed else { throw .unsupportedFormat(.pdf, accepted: Imaging.supportedFormats.sorted()) }
        guard Self.endsWithEOF(bytes) else { throw .truncated }
        if let kind = Self.visibleActiveContent(bytes) { throw .pdfActiveContent(kind) }
        let folder = try Self.makePrivateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A fixed name in a folder of our own: nothing the sender chose reaches a command line.
        let input = folder.appendingPathComponent("document.pdf")
        do {
            try Data(bytes).write(to: input)
        } catch {
            throw .processingFailed
        }
        let runner = LimitedProcess(prlimit: tools.prlimit)
        let processLimits = LimitedProcess.Limits(
            cpuSeconds: limits.cpuSeconds, memoryBytes: limits.memoryBytes, wallSeconds: limits.wallSeconds)

        let info = try runner.run(tools.pdfinfo, [input.path], in: folder, name: "pdfinfo", limits: processLimits)
        let document = try Self.document(from: info, limits: limits)

        let attachments = try runner.run(tools.pdfdetach, ["-list", input.path], in: folder, name: "pdfdetach", limits: processLimits)
        try Self.checkNoAttachments(attachments)

        let rendering = try runner.run(
            tools.pdftoppm,
            ["-f", "1", "-l", "1", "-singlefile", "-cropbox", "-scale-to", "\(max(1, longEdge))", input.path, folder.appendingPathComponent("page").path],
            in: folder, name: "pdftoppm", limits: processLimits)
        try Self.checkRendering(rendering, limits: limits)
        guard let ppm = FileManager.default.contents(atPath: folder.appendingPathComponent("page.ppm").path), !ppm.isEmpty else {
            GDWarnings.emit("pdftoppm wrote no page: \(rendering.standardError.prefix(300))")
            throw .corrupt
        }
        return (ppm, document)
    }

    // MARK: - Checks

    /// A complete PDF ends with `%%EOF` (a few bytes of padding after it are tolerated, as readers do).
    static func endsWithEOF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let tail = Array(bytes.suffix(1024))
        let marker = Array("%%EOF".utf8)
        guard tail.count >= marker.count else { return false }
        return (0...(tail.count - marker.count)).contains { Array(tail[$0..<$0 + marker.count]) == marker }
    }

    /// Actions and attachments written in plain (outside compressed object streams, which poppler's own scan covers):
    /// `/JavaScript` or `/JS` (scripts, including an `/OpenAction` one, which `pdfinfo` does not report), `/Launch`
    /// (starts a program), `/EmbeddedFile` and `/RichMedia`.
    static func visibleActiveContent(_ bytes: UnsafeRawBufferPointer) -> ImagingError.ActiveContent? {
        let names: [(name: [UInt8], kind: ImagingError.ActiveContent)] = [
            (Array("/JavaScript".utf8), .javaScript), (Array("/JS".utf8), .javaScript), (Array("/Launch".utf8), .javaScript),
            (Array("/RichMedia".utf8), .javaScript), (Array("/EmbeddedFile".utf8), .embeddedFiles),
        ]
        // A name ends at white space or a delimiter; `/JSON` is not `/JS`.
        let ends = Set(" \t\r\n\u{0C}\0/<>[]()%{}".utf8)
        let count = bytes.count
        var index = 0
        while index < count {
            if bytes[index] == UInt8(ascii: "/") {
                for (name, kind) in names where index + name.count <= count {
                    var matches = true
                    for offset in 1..<name.count where bytes[index + offset] != name[offset] {
                        matches = false
                        break
                    }
                    guard matches else { continue }
                    let after = index + name.count
                    // `/EmbeddedFiles` (the name tree) counts too.
                    if after == count || ends.contains(bytes[after]) || (kind == .embeddedFiles && bytes[after] == UInt8(ascii: "s")) {
                        return kind
                    }
                }
            }
            index += 1
        }
        return nil
    }

    private static func document(from outcome: LimitedProcess.Outcome, limits: PDFLimits) throws(ImagingError) -> PDFDocumentInfo {
        try Self.checkLimits(outcome, tool: "pdfinfo")
        let errors = outcome.standardError
        guard outcome.succeeded else {
            GDWarnings.emit("pdfinfo failed (\(outcome.exitCode.map(String.init) ?? "signal")): \(errors.prefix(300))")
            if errors.contains("Incorrect password") { throw .pdfEncrypted }
            if errors.contains("Invalid page count 0") { throw .pdfNoPages }
            throw .corrupt
        }
        if !errors.isEmpty {
            GDWarnings.emit("pdfinfo: \(errors.prefix(300))")
        }
        var fields: [String: String] = [:]
        for line in outcome.standardOutput.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        // Files with restrictions open without a password but may forbid printing: organisers must print winners.
        if let encrypted = fields["Encrypted"], encrypted.hasPrefix("yes") { throw .pdfEncrypted }
        guard let pages = fields["Pages"].flatMap({ Int($0) }) else { throw .corrupt }
        guard pages > 0 else { throw .pdfNoPages }
        // « 841.89 x 1190.55 pts (A3) »
        let size = (fields["Page size"] ?? "").split(separator: " ")
        guard size.count >= 3, size[1] == "x", let width = Double(size[0]), let height = Double(size[2]), width > 0, height > 0 else {
            throw .corrupt
        }
        let rotation = Int(fields["Page rot"] ?? "0") ?? 0
        let turned = (rotation / 90) % 2 != 0
        let document = PDFDocumentInfo(
            pageCount: pages, pageWidthPoints: turned ? height : width, pageHeightPoints: turned ? width : height)
        guard max(width, height) <= limits.maxPageSidePoints else {
            throw .pdfPageTooLarge(
                widthPoints: document.pageWidthPoints, heightPoints: document.pageHeightPoints, maximumPoints: limits.maxPageSidePoints)
        }
        // Scripts never run here (renditions are rasters) but would in an organiser's reader.
        if fields["JavaScript"] == "yes" { throw .pdfActiveContent(.javaScript) }
        return document
    }

    private static func checkNoAttachments(_ outcome: LimitedProcess.Outcome) throws(ImagingError) {
        try Self.checkLimits(outcome, tool: "pdfdetach")
        guard outcome.succeeded else { throw .corrupt }
        // « 2 embedded files »
        let count = outcome.standardOutput.split(separator: "\n").first.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        if count > 0 { throw .pdfActiveContent(.embeddedFiles) }
    }

    private static func checkRendering(_ outcome: LimitedProcess.Outcome, limits: PDFLimits) throws(ImagingError) {
        try Self.checkLimits(outcome, tool: "pdftoppm")
        guard outcome.succeeded else {
            GDWarnings.emit("pdftoppm failed (\(outcome.exitCode.map(String.init) ?? "signal")): \(outcome.standardError.prefix(300))")
            throw .corrupt
        }
        if !outcome.standardError.isEmpty {
            GDWarnings.emit("pdftoppm: \(outcome.standardError.prefix(300))")
        }
    }

    /// Time and memory first: a killed tool says nothing about the file's validity.
    private static func checkLimits(_ outcome: LimitedProcess.Outcome, tool: String) throws(ImagingError) {
        if outcome.ranOutOfTime {
            GDWarnings.emit("\(tool) stopped after \(String(format: "%.1f", outcome.elapsed)) s (time limit)")
            throw .pdfTooSlow
        }
        if outcome.ranOutOfMemory {
            GDWarnings.emit("\(tool) ran out of memory: \(outcome.standardError.prefix(300))")
            throw .pdfTooHeavy
        }
        if outcome.exitCode == 127 || outcome.exitCode == 126 {
            GDWarnings.emit("\(tool) could not be started: \(outcome.standardError.prefix(300))")
            throw .processingFailed
        }
    }

    private static func makePrivateFolder() throws(ImagingError) -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/concours-pdf-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { throw .processingFailed }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }
}
