import Foundation

/// Runs the measurements in child processes and prints a Markdown table.
struct Report {
    var runs: Int
    var samples: [Sample]

    func run() {
        let me = currentExecutable()
        let vips = findExecutable("vipsthumbnail")
        let idleRuns = (0..<self.runs).compactMap { _ in spawn([me, "idle"]) }
        let idlePeak = idleRuns.map { Self.parse($0.output).peak }.max() ?? 0
        print("")
        print(
            "Median of \(self.runs) runs (min in brackets). Idle ImagingBench process: "
                + String(format: "%.0f ms to start and exit, %d MB peak RSS.", median(idleRuns.map(\.milliseconds)), idlePeak / 1024))
        print("")
        print(
            "| Input | Imaging thumb+preview, in-process | Imaging, whole process | Imaging peak RSS | vipsthumbnail -s 400, whole process | vipsthumbnail peak RSS |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for sample in self.samples {
            // Warm, in-process (as in the server): one child, many runs.
            guard let warm = spawn([me, "measure", sample.path, String(self.runs)]), warm.status == 0 else {
                print("| \(sample.name) | measurement failed | | | | |")
                continue
            }
            let inProcess = Self.parse(warm.output)
            // Whole processes, one run each, alternating with vipsthumbnail so both see the same machine load.
            var ours: [ChildRun] = []
            var theirs: [ChildRun] = []
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("vips-thumb-\(getpid()).jpg").path
            for _ in 0..<self.runs {
                if let run = spawn([me, "measure", sample.path, "1"]), run.status == 0 {
                    ours.append(run)
                }
                if let vips, let run = spawn([vips, sample.path, "-s", "400", "-o", output]), run.status == 0 {
                    theirs.append(run)
                }
            }
            try? FileManager.default.removeItem(atPath: output)
            let peak = ours.map { Self.parse($0.output).peak }.max() ?? 0
            let vipsTime = theirs.isEmpty ? "absent" : Self.format(theirs.map(\.milliseconds))
            let vipsPeak = theirs.isEmpty ? "—" : "\((theirs.map(\.peakKilobytes).max() ?? 0) / 1024) MB"
            let name = String(format: "%@ (%d×%d, %.1f MB)", sample.name, sample.width, sample.height, Double(sample.bytes) / 1_048_576)
            print(
                "| \(name) | \(String(format: "%.0f ms [%.0f]", inProcess.median, inProcess.min)) | \(Self.format(ours.map(\.milliseconds))) "
                    + "| \(peak / 1024) MB (\((peak - idlePeak) / 1024) above idle) | \(vipsTime) | \(vipsPeak) |")
        }
        if vips == nil {
            print("")
            print("vipsthumbnail not found on PATH: comparison skipped (Debian: apt-get install libvips-tools).")
        }
    }

    private static func format(_ milliseconds: [Double]) -> String {
        String(format: "%.0f ms [%.0f]", median(milliseconds), milliseconds.min() ?? 0)
    }

    /// "median_ms min_ms peak_kb".
    static func parse(_ line: String) -> (median: Double, min: Double, peak: Int) {
        let fields = line.split(whereSeparator: \.isWhitespace)
        guard fields.count >= 3 else { return (0, 0, 0) }
        return (Double(fields[0]) ?? 0, Double(fields[1]) ?? 0, Int(fields[2]) ?? 0)
    }
}
