import Foundation
import Testing

/// Checks an archive with readers that share no code with ours: Python's `zipfile` and Info-ZIP's `unzip`
/// (`.ci/install` installs both).
enum ExternalZipReaders {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Writes `zip` to a temporary file, runs `body` on its path, then removes it.
    static func withFile<Value>(_ zip: Data, _ body: (String) throws -> Value) throws -> Value {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concours-zip-\(UUID().uuidString).zip")
        try zip.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// Runs a command found on `PATH`; standard error is merged into the output.
    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting: a full pipe would block the child.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// `python3 -m zipfile -t` and `unzip -t` both accept the archive and find every CRC right.
    static func expectValid(_ zip: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try withFile(zip) { path in
            let python = try run(["python3", "-m", "zipfile", "-t", path])
            // `zipfile -t` exits 0 even when a CRC is wrong: it only prints which member is corrupted.
            #expect(python.status == 0 && python.output.contains("Done testing") && !python.output.contains("corrupted"),
                "python3 -m zipfile -t: \(python.output)", sourceLocation: sourceLocation)
            let unzip = try run(["unzip", "-t", path])
            #expect(unzip.status == 0 && unzip.output.contains("No errors detected"), "unzip -t: \(unzip.output)", sourceLocation: sourceLocation)
        }
    }

    /// The member names as Python's `zipfile` decodes them, one per line.
    static func pythonNames(_ zip: Data) throws -> [String] {
        try withFile(zip) { path in
            let script = "import zipfile,sys; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"
            let outcome = try run(["python3", "-c", script, path])
            #expect(outcome.status == 0, "python3 zipfile: \(outcome.output)")
            return outcome.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }
}
