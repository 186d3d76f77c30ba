import Foundation

/// Runs the measurements in child processes and prints a Markdown table.
struct Report {
    var runs: Int
    var samples: [Sample]

    func run() {
        let me = currentExecutable()
        let vips = findExecutable("vipsthumbnail")
        let idle = spawn([me, "idle"]).map { Self.parse($0.output) }?.peak ?? 0
        print("")
        print("Runs per figure: \(self.runs) (median). Process baseline (idle ImagingBench): \(idle / 1024) MB peak RSS.")
        print("")
        print("| Input | Size | Imaging thumb+preview, in-process | Imaging, whole process | Imaging peak RSS | vipsthumbnail -s 400, whole process | vipsthumbnail peak RSS |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for sample in self.samples {
            // Warm, in-process: one child, many runs.
            guard let warm = spawn([me, "measure", sample.path, String(self.runs)]), warm.status == 0 else {
                print("| \(sample.name) | measurement failed | | | | | |")
                continue
            }
            let inProcess = Self.parse(warm.output)
            // Whole process, one run each: comparable with vipsthumbnail's command line.
            let cold = (0..<self.runs).compactMap { _ in spawn([me, "measure", sample.path, "1"]) }
            let coldMedian = median(cold.map(\.milliseconds))
            let coldPeak = cold.map { Self.parse($0.output).peak }.max() ?? 0
            var vipsTime = "absent"
            var vipsPeak = "—"
            if let vips {
                let output = FileManager.default.temporaryDirectory.appendingPathComponent("vips-thumb-\(getpid()).jpg").path
                let vipsRuns = (0..<self.runs).compactMap { _ in spawn([vips, sample.path, "-s", "400", "-o", output]) }
                try? FileManager.default.removeItem(atPath: output)
                if !vipsRuns.isEmpty {
                    vipsTime = String(format: "%.0f ms", median(vipsRuns.map(\.milliseconds)))
                    vipsPeak = "\((vipsRuns.map(\.peakKilobytes).max() ?? 0) / 1024) MB"
                }
            }
            let size = String(format: "%d×%d, %.1f MB", sample.width, sample.height, Double(sample.bytes) / 1_048_576)
            print(
                "| \(sample.name) | \(size) | \(String(format: "%.0f ms", inProcess.median)) | \(String(format: "%.0f ms", coldMedian)) "
                    + "| \(coldPeak / 1024) MB (\((coldPeak - idle) / 1024) MB above idle) | \(vipsTime) | \(vipsPeak) |")
        }
        if vips == nil {
            print("")
            print("vipsthumbnail not found on PATH: comparison skipped (Debian: apt-get install libvips-tools).")
        }
    }

    /// "median_ms min_ms peak_kb".
    static func parse(_ line: String) -> (median: Double, min: Double, peak: Int) {
        let fields = line.split(whereSeparator: \.isWhitespace)
        guard fields.count >= 3 else { return (0, 0, 0) }
        return (Double(fields[0]) ?? 0, Double(fields[1]) ?? 0, Int(fields[2]) ?? 0)
    }
}
