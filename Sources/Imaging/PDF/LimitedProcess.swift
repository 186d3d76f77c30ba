import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (poppler's tools) in its own process group, under CPU-time, address-space and output-size
/// limits set by util-linux's `prlimit`, and kills the whole group after a wall-clock timeout.
///
/// Arguments go straight to `execve` as an array: no shell ever sees a file name or a byte of the document. The
/// child's standard input is `/dev/null`; its output and errors go to files in the job's private folder (no pipe that
/// could fill up and block it); its environment is reduced to `PATH` and `LC_ALL=C`, so messages are parseable.
struct LimitedProcess {
    /// Resource limits applied to the child.
    struct Limits: Sendable {
        /// CPU seconds (soft and hard: the kernel sends `SIGXCPU`, then `SIGKILL`).
        var cpuSeconds: Int
        /// Address space, in bytes (allocations beyond it fail).
        var memoryBytes: Int
        /// Wall-clock seconds before the process group is killed.
        var wallSeconds: Double
        /// Largest file the child may write, in bytes.
        var maxFileBytes: Int = 256 << 20
    }

    /// How the child ended.
    struct Outcome {
        /// The exit code, if it exited.
        var exitCode: Int32?
        /// The signal that killed it, if one did.
        var signal: Int32?
        /// Whether we killed it because the wall-clock limit passed.
        var timedOut: Bool
        var standardOutput: String
        var standardError: String
        /// Wall-clock time, in seconds.
        var elapsed: Double

        var succeeded: Bool { self.exitCode == 0 }

        /// Killed for going over its CPU time (`SIGXCPU`, or `SIGKILL` at the hard limit) or the wall clock.
        var ranOutOfTime: Bool {
            self.timedOut || self.signal == SIGXCPU || (self.signal == SIGKILL && !self.timedOut)
        }

        /// An allocation was refused: poppler aborts, or reports it and still exits with 0 (with a blank or no page).
        var ranOutOfMemory: Bool {
            if self.signal == SIGABRT { return true }
            let text = self.standardError.lowercased()
            return text.contains("out of memory") || text.contains("bad_alloc") || text.contains("cannot allocate")
        }
    }

    let prlimit: String

    /// Runs `executable` with `arguments` (paths absolute); `name` names its output files in `directory`.
    func run(
        _ executable: String, _ arguments: [String], in directory: URL, name: String, limits: Limits
    ) throws(ImagingError) -> Outcome {
        let outputPath = directory.appendingPathComponent("\(name).out").path
        let errorPath = directory.appendingPathComponent("\(name).err").path
        let argv = [
            self.prlimit, "--cpu=\(max(1, limits.cpuSeconds))", "--as=\(max(1 << 20, limits.memoryBytes))",
            "--fsize=\(limits.maxFileBytes)", "--core=0", "--", executable,
        ] + arguments
        let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C"]
        let start = DispatchTime.now()
        let pid = try self.spawn(argv: argv, environment: environment, output: outputPath, error: errorPath)

        var status: Int32 = 0
        var timedOut = false
        let deadline = start.uptimeNanoseconds + UInt64(max(0.01, limits.wallSeconds) * 1e9)
        var pause: useconds_t = 1000
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                // Nothing to wait for any more (should not happen: the child is ours).
                throw .processingFailed
            }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                timedOut = true
                // The whole group: the tool and anything it started.
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let terminatingSignal = status & 0x7F
        return Outcome(
            exitCode: terminatingSignal == 0 ? (status >> 8) & 0xFF : nil,
            signal: terminatingSignal == 0 ? nil : terminatingSignal,
            timedOut: timedOut,
            standardOutput: Self.read(outputPath, limit: 1 << 20),
            standardError: Self.read(errorPath, limit: 64 << 10),
            elapsed: elapsed)
    }

    private func spawn(argv: [String], environment: [String], output: String, error: String) throws(ImagingError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { throw .processingFailed }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { throw .processingFailed }
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // No inherited descriptor (sockets, the database) reaches the child.
        _ = Self.addCloseFrom?(&actions, 3)

        // A new process group, so that a timeout kills everything it started; default signal handling and an empty
        // mask, whatever the server set for itself (it ignores SIGPIPE, for instance).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGXCPU, SIGXFSZ, SIGTERM, SIGINT, SIGHUP, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        let result = Self.withCStrings(argv) { argvPointer in
            Self.withCStrings(environment) { environmentPointer in
                posix_spawn(&pid, argv[0], &actions, &attributes, argvPointer, environmentPointer)
            }
        }
        guard result == 0 else {
            GDWarnings.emit("posix_spawn \(argv[0]) failed: \(String(cString: strerror(result)))")
            throw .processingFailed
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+) is not in the Glibc module map: looked up at run time.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func read(_ path: String, limit: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
