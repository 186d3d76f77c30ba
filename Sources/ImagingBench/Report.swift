import Foundation

/// Runs the measurements in child processes and prints Markdown tables.
struct Report {
    var runs: Int
    var samples: [Sample]

    func run() {
        let me = currentExecutable()
        let vips = findExecutable("vipsthumbnail")
        let pdftoppm = findExecutable("pdftoppm")
        let instrument = PeakInstrument.preferred
        let idleRuns = (0..<self.runs).compactMap { _ in spawn([me, "idle"]) }
        let idlePeak = idleRuns.map(\.peakKilobytes).max() ?? 0
        print("")
        switch instrument {
        case .time(let path): print("Peak RSS: each child's own, from `\(path) -f %M` (the child's ru_maxrss as GNU time reads it).")
        case .polling: print("Peak RSS: each child's own VmHWM, polled every millisecond (/usr/bin/time not found).")
        }
        print(
            "Median of \(self.runs) runs (min in brackets). Idle ImagingBench process: "
                + String(format: "%.0f ms to start and exit, %d MB peak RSS.", median(idleRuns.map(\.milliseconds)), idlePeak / 1024))
        print("")
        print(
            "| Input | Imaging thumb+preview, in-process | Imaging, whole process | Imaging peak RSS | vipsthumbnail -s 400, whole process | vipsthumbnail peak RSS | time ratio (whole processes) |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        var checks: [String] = []
        var extras: [String] = []
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vips-thumb-\(getpid()).jpg").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        for sample in self.samples {
            let name = String(format: "%@ (%d×%d, %.1f MB)", sample.name, sample.width, sample.height, Double(sample.bytes) / 1_048_576)
            // Warm, in-process (as in the server): one child, many runs.
            guard let warm = spawn([me, "measure", sample.path, String(self.runs)]), warm.status == 0 else {
                print("| \(name) | measurement failed | | | | | |")
                continue
            }
            let inProcess = Self.parse(warm.output)
            // Whole processes, one run each, alternating with vipsthumbnail so both see the same machine load.
            var ours: [ChildRun] = []
            var theirs: [ChildRun] = []
            for _ in 0..<self.runs {
                if let run = spawn([me, "measure", sample.path, "1"]), run.status == 0 {
                    ours.append(run)
                }
                if let vips, let run = spawn([vips, sample.path, "-s", "400", "-o", output]), run.status == 0 {
                    theirs.append(run)
                }
            }
            let peak = ours.map(\.peakKilobytes).max() ?? 0
            let vipsTime = theirs.isEmpty ? "absent" : Self.format(theirs.map(\.milliseconds))
            let vipsPeak = theirs.isEmpty ? "—" : "\((theirs.map(\.peakKilobytes).max() ?? 0) / 1024) MB"
            let ratio = theirs.isEmpty ? "—" : String(format: "%.2f×", median(ours.map(\.milliseconds)) / median(theirs.map(\.milliseconds)))
            print(
                "| \(name) | \(String(format: "%.0f ms [%.0f]", inProcess.median, inProcess.min)) | \(Self.format(ours.map(\.milliseconds))) "
                    + "| \(peak / 1024) MB (\((peak - idlePeak) / 1024) above idle) | \(vipsTime) | \(vipsPeak) | \(ratio) |")

            // The instrument, checked: one more run of each, started directly, VmHWM polled and wait4's ru_maxrss read.
            if let direct = spawn([me, "measure", sample.path, "1"], instrument: .polling), direct.status == 0 {
                let selfReported = Self.parse(direct.output).peak
                var line = "| \(sample.name) | \(selfReported / 1024) | \(peak / 1024) | \(direct.polledKilobytes / 1024) | \(direct.waitMaxRSSKilobytes / 1024) "
                if let vips, let other = spawn([vips, sample.path, "-s", "400", "-o", output], instrument: .polling), other.status == 0 {
                    line += "| \((theirs.map(\.peakKilobytes).max() ?? 0) / 1024) | \(other.polledKilobytes / 1024) | \(other.waitMaxRSSKilobytes / 1024) |"
                } else {
                    line += "| — | — | — |"
                }
                checks.append(line)
            }
            // PDF: poppler's own renderer at the preview's size, the work our child process does.
            if sample.path.hasSuffix(".pdf"), let pdftoppm {
                let root = FileManager.default.temporaryDirectory.appendingPathComponent("bench-pdftoppm-\(getpid())").path
                let runs = (0..<self.runs).compactMap { _ in
                    spawn([pdftoppm, "-f", "1", "-l", "1", "-singlefile", "-scale-to", "1600", sample.path, root])
                }
                try? FileManager.default.removeItem(atPath: root + ".ppm")
                extras.append(
                    "pdftoppm -scale-to 1600 alone, raw PPM (the page rendering our child process does): \(Self.format(runs.map(\.milliseconds))), "
                        + "\((runs.map(\.peakKilobytes).max() ?? 0) / 1024) MB peak RSS.")
            }
        }
        if vips == nil {
            print("")
            print("vipsthumbnail not found on PATH: comparison skipped (Debian: apt-get install libvips-tools).")
        }
        for extra in extras {
            print("")
            print(extra)
        }
        print("")
        print("Instrument check (MB): one direct spawn of each, no wrapper.")
        print("")
        print("| Input | Imaging: own VmHWM | Imaging: table figure | Imaging: VmHWM polled | Imaging: wait4 ru_maxrss | vips: table figure | vips: VmHWM polled | vips: wait4 ru_maxrss |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        checks.forEach { print($0) }
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
