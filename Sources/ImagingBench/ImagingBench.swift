import Foundation
import Imaging

/// Benchmarks thumbnail + preview generation (A3 poster as baseline and progressive JPEG, WebP, PNG and PDF, and a
/// 12 MP phone photo) against vipsthumbnail, each side measured as its own child process.
///
/// Usage: `swift run -c release ImagingBench [RUNS]` (default 7). Internal: `ImagingBench measure FILE RUNS`.
@main
struct ImagingBench {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count >= 3, arguments[1] == "measure" {
            exit(Measure.run(path: arguments[2], runs: arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1))
        }
        if arguments.count >= 2, arguments[1] == "idle" {
            exit(Measure.idle())
        }
        let runs = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 7) : 7
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // KEEP_SAMPLES=1 leaves the generated inputs in place (to try other tools on them).
        defer { if ProcessInfo.processInfo.environment["KEEP_SAMPLES"] != "1" { try? FileManager.default.removeItem(at: directory) } }

        print("Generating samples in \(directory.path)…")
        let samples = Sample.generate(in: directory)
        let report = Report(runs: runs, samples: samples)
        report.run()
    }
}
