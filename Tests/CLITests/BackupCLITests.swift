import Foundation
import Testing

/// `concours backup` and `concours restore` through the real executable, with a running service on the data folder.
struct BackupCLITests {
    /// Starts `concours serve` in the background and waits for its start-up line.
    static func startServer(
        _ arguments: [String], log: URL, port: Int = Int.random(in: 19000..<19900), environment: [String: String] = [:]
    ) throws -> Process {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("Concours d’affiches : http://") { return process }
            Thread.sleep(forTimeInterval: 0.2)
        }
        process.terminate()
        Issue.record("the server did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CancellationError()
    }

    static func stop(_ process: Process) {
        process.terminate()
        process.waitUntilExit()
    }

    struct ManifestFile: Decodable, Hashable {
        let path: String
        let size: Int64
        let sha256: String
    }

    struct Manifest: Decodable {
        let entries: Int
        let ballots: Int
        let auditEvents: Int
        let schemaVersion: String
        let appVersion: String
        let files: [ManifestFile]
    }

    static func manifest(_ folder: URL) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }

    @Test func a_backup_of_a_running_service_restores_with_every_entry_and_file_and_tampering_is_refused() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CLITests.executable.path))
        let dir = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("donnees")
        // The demo at the jury stage: entries with their files, ballots and audit lines.
        let server = try Self.startServer(["--demo", "--demo-phase", "deliberation", "--data-dir", data.path], log: dir.appendingPathComponent("serve.log"))
        let backup = dir.appendingPathComponent("sauvegarde")
        let taken = try CLITests.run(["backup", backup.path, "--data-dir", data.path])
        let stillRunning = server.isRunning
        Self.stop(server)
        #expect(stillRunning, "the service runs during the backup")
        #expect(taken.status == 0 && taken.output.contains("Sauvegarde écrite dans"), "\(taken.output)")
        let original = try Self.manifest(backup)
        #expect(original.entries >= 10 && original.ballots > 0 && original.auditEvents > 0, "\(original)")
        #expect(original.schemaVersion.hasPrefix("0") && !original.appVersion.isEmpty)
        // Three stored files per entry at most (shared thumbnails dedupe), and the database.
        #expect(original.files.count > original.entries && original.files.contains { $0.path == "concours.sqlite" })
        #expect(!FileManager.default.fileExists(atPath: backup.appendingPathComponent("concours.sqlite-wal").path))

        // A second backup into the same folder is refused.
        let again = try CLITests.run(["backup", backup.path, "--data-dir", data.path])
        #expect(again.status == 1 && again.output.contains("n’est pas vide"))

        // Restored into a fresh folder, served, then backed up again: the same files with the same hashes, the same counts.
        let restored = dir.appendingPathComponent("restaure")
        let restore = try CLITests.run(["restore", backup.path, "--data-dir", restored.path])
        #expect(restore.status == 0 && restore.output.contains("empreintes conformes"), "\(restore.output)")
        #expect(restore.output.replacingOccurrences(of: "\u{00A0}", with: " ").contains("\(original.entries) dépôts"))
        let second = try Self.startServer(["--data-dir", restored.path], log: dir.appendingPathComponent("serve2.log"))
        let roundTrip = dir.appendingPathComponent("sauvegarde2")
        let retaken = try CLITests.run(["backup", roundTrip.path, "--data-dir", restored.path])
        Self.stop(second)
        #expect(retaken.status == 0, "\(retaken.output)")
        let copy = try Self.manifest(roundTrip)
        #expect(copy.entries == original.entries && copy.ballots == original.ballots && copy.auditEvents >= original.auditEvents)
        #expect(Set(copy.files.filter { $0.path != "concours.sqlite" }) == Set(original.files.filter { $0.path != "concours.sqlite" }))

        // Restoring over a folder with data is refused without --force; with it, the old data is moved aside.
        let over = try CLITests.run(["restore", backup.path, "--data-dir", restored.path])
        #expect(over.status == 1 && over.output.contains("n’est pas vide") && over.output.contains("--force"))
        let forced = try CLITests.run(["restore", backup.path, "--data-dir", restored.path, "--force"])
        #expect(forced.status == 0 && forced.output.contains("mises de côté dans"), "\(forced.output)")

        // A stored file altered by one byte, or missing, is caught before anything is copied.
        let poster = try #require(original.files.first { $0.path.hasPrefix("files/") })
        let posterURL = backup.appendingPathComponent(poster.path)
        var bytes = try Data(contentsOf: posterURL)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: posterURL)
        let target = dir.appendingPathComponent("cible")
        let tampered = try CLITests.run(["restore", backup.path, "--data-dir", target.path])
        #expect(tampered.status == 1 && tampered.output.contains("Fichier altéré dans la sauvegarde : \(poster.path)".replacingOccurrences(of: " : ", with: "\u{00A0}: ")))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("concours.sqlite").path))
        try FileManager.default.removeItem(at: posterURL)
        let missing = try CLITests.run(["restore", backup.path, "--data-dir", target.path])
        #expect(missing.status == 1 && missing.output.contains("Fichier manquant dans la sauvegarde"))
        // Not a backup at all.
        let none = try CLITests.run(["restore", dir.path, "--data-dir", target.path])
        #expect(none.status == 1 && none.output.contains("ce n’est pas une sauvegarde complète"))
        for result in [taken, again, restore, retaken, over, forced, tampered, missing, none] {
            #expect(!result.output.contains("Fatal error"))
        }
    }
}
