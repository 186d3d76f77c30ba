import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A finished child process: wall time, peak resident memory and what it printed.
struct ChildRun {
    var milliseconds: Double
    /// The child's own peak RSS (kB), from `/usr/bin/time -f %M`, or from `VmHWM` polled while it ran without it.
    var peakKilobytes: Int
    /// `wait4`'s `ru_maxrss` for the process we started: on Linux it starts from the *parent's* high-water mark
    /// (posix_spawn shares the parent's memory until `exec`, whose old mm is what the kernel records), so it reads
    /// this benchmark's own peak whenever that is higher. Kept only to show the difference.
    var waitMaxRSSKilobytes: Int
    /// The highest `VmHWM` seen by polling `/proc/PID/status` every millisecond (direct spawns only, else 0).
    var polledKilobytes: Int
    var status: Int32
    var output: String
}

/// How the peak memory of a child is taken.
enum PeakInstrument {
    /// Through `/usr/bin/time -f %M`: the wrapper is a small C program, so the `ru_maxrss` it reads for its own child
    /// starts from its own ~2 MB, not from this benchmark's peak.
    case time(String)
    /// Started directly; `VmHWM` polled from `/proc` while it runs (may miss a peak reached in its last millisecond).
    case polling

    static let preferred: PeakInstrument = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? .time("/usr/bin/time") : .polling
}

/// Runs `arguments` (first is the executable path) and measures it with `instrument`.
func spawn(_ arguments: [String], instrument: PeakInstrument = .preferred) -> ChildRun? {
    let pipe = Pipe()
    let timeOutput = FileManager.default.temporaryDirectory.appendingPathComponent("bench-time-\(getpid())-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: timeOutput) }
    var argvStrings = arguments
    if case .time(let time) = instrument {
        argvStrings = [time, "-f", "%M", "-o", timeOutput, "--"] + arguments
    }
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe.fileHandleForWriting.fileDescriptor, 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = argvStrings.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = ContinuousClock.now
    guard posix_spawn(&pid, argvStrings[0], &actions, nil, argv, environ) == 0 else { return nil }
    try? pipe.fileHandleForWriting.close()
    // Read the output on another thread so that polling can go on here.
    let reader = OutputReader(pipe.fileHandleForReading)
    var status: Int32 = 0
    var usage = rusage()
    var polled = 0
    if case .polling = instrument {
        while true {
            polled = max(polled, highWaterMark(pid: pid))
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 { return nil }
            usleep(1000)
        }
    } else {
        guard wait4(pid, &status, 0, &usage) == pid else { return nil }
    }
    let elapsed = ContinuousClock.now - start
    let output = reader.wait()
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    var peak = polled
    if case .time = instrument {
        let text = (try? String(contentsOfFile: timeOutput, encoding: .utf8)) ?? ""
        // The last line is %M; a non-zero exit adds a "Command exited with non-zero status" line before it.
        peak = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    }
    return ChildRun(
        milliseconds: milliseconds, peakKilobytes: peak, waitMaxRSSKilobytes: Int(usage.ru_maxrss), polledKilobytes: polled,
        status: status, output: String(decoding: output, as: UTF8.self))
}

/// `VmHWM` of a running process, in kB (0 once it has exited: a zombie has no memory map).
func highWaterMark(pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
}

/// Reads a pipe to its end on a background thread.
private final class OutputReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        self.done.wait()
        return self.data
    }
}

/// The path of this executable, to run it again as a child.
func currentExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// The first executable named `name` on PATH.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Peak resident set size of this process so far (VmHWM), in kB.
func peakResidentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
