import Foundation
import Imaging
import Testing

/// A backup taken while uploads keep arriving: what was acknowledged before it started is in it, and whatever it holds
/// is whole (every entry's files present, every hash right).
struct BackupRushCLITests {
    static let curl = ["/usr/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs a program to its end and returns its standard output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// (establishment, category) pairs with no entry yet in the demo, as many as asked.
    static func freePairs(database: URL, count: Int, python: String) throws -> [(String, String)] {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            taken = set(db.execute("select establishmentUai, categoryCode from entry"))
            out = []
            for (uai,) in db.execute("select uai from establishment order by uai"):
                for category in ("college", "lycee", "dispositifs"):
                    if (uai, category) not in taken:
                        out.append(f"{uai} {category}")
                        break
            print("\\n".join(out[: int(sys.argv[2])]))
            """
        return try run(python, ["-c", script, database.path, String(count)]).split(separator: "\n").map {
            let parts = $0.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// One school's upload: the form opened (cookie, CSRF token, rules version), then the POST as a background curl.
    struct Upload {
        let title: String
        let process: Process
        let result: URL

        /// The HTTP status curl printed, once it has finished.
        var status: Int? {
            guard !process.isRunning, let text = try? String(contentsOf: result, encoding: .utf8) else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        static func start(
            number: Int, pair: (String, String), base: String, folder: URL, curl: String
        ) throws -> Upload {
            let cookies = folder.appendingPathComponent("cookies-\(number)")
            let page = try BackupRushCLITests.run(curl, ["-s", "--max-time", "20", "-c", cookies.path, base + "/participer"])
            let csrf = try #require(Self.value(of: "_csrf", in: page))
            let rules = try #require(Self.value(of: "reglement", in: page))
            let poster = folder.appendingPathComponent("affiche-\(number).jpg")
            try PosterGenerator.poster(width: 1200, height: 1700, title: "Ruée \(number)", seed: UInt64(100 + number)).write(to: poster)
            let title = "Affiche de la ruée \(number)"
            let fields = [
                "_csrf=\(csrf)", "etablissement=\(pair.0)", "categorie=\(pair.1)", "titre=\(title)",
                "intention=Une affiche envoyée pendant la sauvegarde.", "classe=3e A", "eleves=25", "enseignant=Camille Martin",
                "email=camille.martin@example.org", "droit_image=oui", "droit_auteur=oui", "original=oui", "sans_signe=oui",
                "elements_tiers=aucun", "personne_reconnaissable=oui", "reglement=\(rules)", "code=PERSEVERER-2022",
            ]
            let result = folder.appendingPathComponent("result-\(number)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: curl)
            process.arguments =
                ["-s", "--max-time", "120", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Expect:", "-b", cookies.path]
                + fields.flatMap { ["-F", $0] } + ["-F", "affiche=@\(poster.path);type=image/jpeg", base + "/participer"]
            FileManager.default.createFile(atPath: result.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: result)
            process.standardError = FileHandle.nullDevice
            try process.run()
            return Upload(title: title, process: process, result: result)
        }

        static func value(of name: String, in page: String) -> String? {
            guard let start = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
            let rest = page[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    @Test func a_backup_taken_during_an_upload_rush_holds_every_acknowledged_entry_and_only_whole_ones() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CLITests.executable.path))
        let curl = try #require(Self.curl, "curl is needed (.ci/install)")
        let python = try #require(Self.python, "python3 is needed (.ci/install)")
        let dir = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("donnees")
        let port = Int.random(in: 19000..<19900)
        let server = try BackupCLITests.startServer(
            ["--demo", "--data-dir", data.path], log: dir.appendingPathComponent("serve.log"), port: port,
            environment: ["CONCOURS_SUBMISSIONS_PER_HOUR": "0"])
        defer { BackupCLITests.stop(server) }
        let base = "http://127.0.0.1:\(port)"
        let pairs = try Self.freePairs(database: data.appendingPathComponent("concours.sqlite"), count: 16, python: python)
        try #require(pairs.count == 16)

        // Four entries acknowledged before the backup starts…
        let first = try (0..<4).map { try Upload.start(number: $0, pair: pairs[$0], base: base, folder: dir, curl: curl) }
        for upload in first { upload.process.waitUntilExit() }
        #expect(first.allSatisfy { $0.status == 303 }, "\(first.map(\.status))")
        // …then twelve more in flight while it runs.
        let auditBefore = Int(try Self.run(python, ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from auditEvent').fetchone()[0])", data.appendingPathComponent("concours.sqlite").path]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let rush = try (4..<16).map { try Upload.start(number: $0, pair: pairs[$0], base: base, folder: dir, curl: curl) }
        let backup = dir.appendingPathComponent("sauvegarde")
        let taken = try CLITests.run(["backup", backup.path, "--data-dir", data.path])
        let inFlightAtEnd = rush.filter(\.process.isRunning).count
        for upload in rush { upload.process.waitUntilExit() }
        #expect(taken.status == 0, "\(taken.output)")
        #expect(rush.allSatisfy { $0.status == 303 }, "the rush itself is served: \(rush.map(\.status))")
        #expect(server.isRunning)

        // Restored into a new folder (the manifest's hashes are checked), then read as the service would.
        let restored = dir.appendingPathComponent("restaure")
        let restore = try CLITests.run(["restore", backup.path, "--data-dir", restored.path])
        #expect(restore.status == 0 && restore.output.contains("empreintes conformes"), "\(restore.output)")
        let listing = try Self.run(python, [
            "-c",
            """
            import sqlite3, sys, os
            db = sqlite3.connect(sys.argv[1])
            for title, *paths in db.execute("select title, originalPath, thumbnailPath, previewPath from entry"):
                whole = all(os.path.isfile(os.path.join(sys.argv[2], p)) for p in paths)
                print(("whole" if whole else "broken") + "\\t" + title)
            print("audit\\t" + str(db.execute("select count(*) from auditEvent").fetchone()[0]))
            """,
            restored.appendingPathComponent("concours.sqlite").path, restored.appendingPathComponent("files").path,
        ])
        let rows = listing.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        let titles = Set(rows.filter { $0[0] != "audit" }.map { $0[1] })
        #expect(rows.filter { $0[0] == "broken" }.isEmpty, "every restored entry has its original, thumbnail and preview: \(rows)")
        for upload in first { #expect(titles.contains(upload.title), "acknowledged before the backup: \(upload.title)") }
        // Every audit line written before the backup started is in it.
        let audit = Int(rows.first { $0[0] == "audit" }?[1] ?? "") ?? 0
        #expect(auditBefore >= 0 && audit >= auditBefore, "\(audit) audit lines restored, \(auditBefore) before the backup")
        // The service went on: all sixteen are in the live data, whatever the copy caught of the rush.
        let live = try Self.run(python, ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from entry where title like 'Affiche de la ruée %'\").fetchone()[0])", data.appendingPathComponent("concours.sqlite").path])
        #expect(live.trimmingCharacters(in: .whitespacesAndNewlines) == "16")
        let caught = rush.filter { titles.contains($0.title) }.count
        print("backup during the rush: \(caught) of \(rush.count) uploads in flight at its start are in the copy; \(inFlightAtEnd) were still in flight when it finished")
    }
}

/// Publishing from the command line queues the results as the organisers' page does.
struct PublishCLITests {
    @Test func publishing_from_the_command_line_queues_every_participants_results() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CLITests.executable.path))
        let python = try #require(BackupRushCLITests.python)
        let dir = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("donnees")
        // The demo at the deliberation stage (seeded by a first start), prizes given.
        let server = try BackupCLITests.startServer(["--demo", "--demo-phase", "deliberation", "--data-dir", data.path], log: dir.appendingPathComponent("serve.log"))
        BackupCLITests.stop(server)
        let database = data.appendingPathComponent("concours.sqlite").path
        func count(_ sql: String) throws -> Int {
            Int(try BackupRushCLITests.run(python, ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])", database, sql])
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let active = try count("SELECT COUNT(*) FROM entry WHERE status = 'active'")
        let before = try count("SELECT COUNT(*) FROM mailOutbox WHERE kind = 'results'")
        let published = try CLITests.run(
            ["edition", "advance", "2022", "--to", "published", "--data-dir", data.path], environment: ["CONCOURS_PUBLIC_URL": "https://concours.ac-creteil.fr"])
        #expect(published.status == 0, "\(published.output)")
        #expect(published.output.contains("courriel(s) de résultats mis en file"), "\(published.output)")
        #expect(active > 0 && before == 0)
        #expect(try count("SELECT COUNT(*) FROM mailOutbox WHERE kind = 'results'") == active)
        #expect(try count("SELECT COUNT(*) FROM mailOutbox WHERE kind = 'results' AND textBody LIKE '%https://concours.ac-creteil.fr/palmares/2022%'") == active)
    }
}
