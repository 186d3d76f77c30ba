import Foundation
import Imaging

/// Child mode: `ImagingBench measure FILE RUNS` makes the renditions RUNS times and prints
/// "median_ms min_ms peak_kb" on one line. Running in a fresh process makes VmHWM this file's peak alone.
enum Measure {
    static func run(path: String, runs: Int) -> Int32 {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            do {
                // Reading the file is part of the cost, as in the server.
                _ = try Imaging.makeRenditions(fileAt: path, limits: ImageLimits(maxPixels: 100_000_000, minLongEdge: 1))
            } catch {
                print("error \(error.message)")
                return 1
            }
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        print(String(format: "%.2f %.2f %d", median(times), times.min() ?? 0, peakResidentKilobytes()))
        return 0
    }

    /// Baseline: the same process doing nothing but loading the module.
    static func idle() -> Int32 {
        _ = Imaging.supportedFormats
        print(String(format: "%.2f %.2f %d", 0.0, 0.0, peakResidentKilobytes()))
        return 0
    }
}
