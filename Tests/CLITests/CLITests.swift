import Foundation
import Testing

/// Runs the real `concours` executable: bad input gets a French message and a non-zero exit, never a crash.
struct CLITests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("concours")
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concours-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func bad_input_gets_a_clear_message_and_a_non_zero_exit() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the concours executable first")
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = ["--data-dir", dir.path]
        let unknown = try Self.run(["serve", "--bogus"])
        #expect(unknown.status != 0 && unknown.output.contains("Unknown option '--bogus'"))
        let missing = try Self.run(["establishments", "import", "/nonexistent/annuaire.csv"] + data)
        #expect(missing.status == 1 && missing.output.contains("Fichier illisible"))
        let notDirectory = dir.appendingPathComponent("autre.csv")
        try Data("a;b\n1;2\n".utf8).write(to: notDirectory)
        let columns = try Self.run(["establishments", "import", notDirectory.path] + data)
        #expect(columns.status == 1 && columns.output.contains("Colonnes manquantes"))
        let port = try Self.run(["serve", "--port", "70000"] + data)
        #expect(port.status == 1 && port.output.contains("le port doit être compris entre 1 et 65535"))
        let env = try Self.run(["migrate"] + data, environment: ["CONCOURS_PORT": "abc"])
        #expect(env.status == 1 && env.output.contains("CONCOURS_PORT doit être un nombre entier"))
        let config = dir.appendingPathComponent("conf.json")
        try Data(#"{"port": "huit"}"#.utf8).write(to: config)
        let badConfig = try Self.run(["serve", "--config", config.path])
        #expect(badConfig.status == 1 && badConfig.output.contains("n’a pas le bon type"))
        let shortPassword = try Self.run(["organiser", "add", "a@ac-creteil.fr", "--password-stdin"] + data, stdin: "court\n")
        #expect(shortPassword.status == 1 && shortPassword.output.contains("au moins 12 caractères"))
        for result in [unknown, missing, columns, port, env, badConfig, shortPassword] {
            #expect(!result.output.contains("Fatal error") && !result.output.contains("Backtrace"))
        }
    }

    @Test func an_edition_and_an_organiser_are_set_up_from_the_command_line() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = ["--data-dir", dir.path]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let imported = try Self.run(["edition", "import", root.appendingPathComponent("Config/editions/2022-8e-edition.json").path] + data)
        #expect(imported.status == 0 && imported.output.contains("8e édition (2022)"))
        let list = try Self.run(["edition", "list"] + data)
        #expect(list.output.contains("[draft — Brouillon]"))
        // The 2022 deadline is past: opening is refused with the reason.
        let advance = try Self.run(["edition", "advance", "2022"] + data)
        #expect(advance.status == 1 && advance.output.contains("La date limite de dépôt est déjà passée"))
        let organiser = try Self.run(["organiser", "add", "saio@ac-creteil.fr", "--name", "SAIO"] + data)
        #expect(organiser.status == 0 && organiser.output.contains("Mot de passe (affiché une seule fois)"))
        let again = try Self.run(["organiser", "add", "saio@ac-creteil.fr"] + data)
        #expect(again.status == 1 && again.output.contains("Un compte existe déjà"))
        let csv = dir.appendingPathComponent("annuaire.csv")
        try Data("identifiant_de_l_etablissement;nom_etablissement;nom_commune\n0951099D;Collège Jean Moulin;Sarcelles\n0951099E;Faux;X\n".utf8).write(to: csv)
        let establishments = try Self.run(["establishments", "import", csv.path] + data)
        #expect(establishments.status == 0)
        #expect(establishments.output.contains("1 importé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s)"))
        #expect(establishments.output.contains("ligne 3 : Le code UAI « 0951099E » est invalide"))
    }

    @Test func purge_lists_what_is_due_does_it_once_and_refuses_bad_input_in_french() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = ["--data-dir", dir.path]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The 2022 edition with a deadline still to come, so that it can be opened, then published today.
        let original = try String(contentsOf: root.appendingPathComponent("Config/editions/2022-8e-edition.json"), encoding: .utf8)
        let edition = dir.appendingPathComponent("edition.json")
        try original.replacingOccurrences(of: "2022-03-31T23:59:59", with: "2099-03-31T23:59:59").write(to: edition, atomically: true, encoding: .utf8)
        #expect(try Self.run(["edition", "import", edition.path] + data).status == 0)
        let nothing = try Self.plainRun(["purge", "--dry-run"] + data)
        #expect(nothing.status == 0 && nothing.output.contains("aucune date tant que les résultats ne sont pas publiés") && nothing.output.contains("Rien à purger."))
        for state in ["open", "closed", "judging", "deliberation", "published"] {
            #expect(try Self.run(["edition", "advance", "2022", "--to", state] + data).status == 0, "\(state)")
        }
        let soon = try Self.plainRun(["purge"] + data)
        #expect(soon.status == 0 && soon.output.contains("Durées de conservation après la publication : noms et e-mails 12 mois"))
        #expect(soon.output.contains("à effacer le ") && soon.output.contains("Rien à purger."))
        // Thirteen months on (a test date, CLI only): the dry run lists, changes nothing; the real run purges once.
        var later = Calendar(identifier: .gregorian)
        later.timeZone = TimeZone(identifier: "Europe/Paris")!
        let then = later.date(byAdding: .month, value: 13, to: Date())!
        let day = later.dateComponents([.year, .month, .day], from: then)
        let stamp = String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
        let dry = try Self.plainRun(["purge", "--dry-run", "--now", stamp] + data)
        #expect(dry.status == 0 && dry.output.contains("à effacer depuis le ") && dry.output.contains("Essai à blanc : 1 édition serait purgée, rien n’a été modifié."))
        #expect(try Self.plainRun(["purge", "--dry-run", "--now", stamp] + data).output.contains("1 édition serait purgée"))
        let real = try Self.plainRun(["purge", "--year", "2022", "--now", stamp] + data)
        #expect(real.status == 0 && real.output.contains("Édition 2022 purgée : 0 nom et e-mail d’encadrant effacé ; 0 original non primé supprimé (0 fichier)."))
        let again = try Self.plainRun(["purge", "--now", stamp] + data)
        #expect(again.status == 0 && again.output.contains("Rien à purger.") && again.output.contains("effacés le "))
        // Refusals: unknown year, unreadable date, bad settings.
        let year = try Self.plainRun(["purge", "--year", "1999"] + data)
        #expect(year.status == 1 && year.output.contains("Aucune édition 1999."))
        let date = try Self.plainRun(["purge", "--now", "demain"] + data)
        #expect(date.status == 1 && date.output.contains("Date illisible pour --now"))
        let config = dir.appendingPathComponent("conf.json")
        try Data(#"{"retention": {"personalDataMonths": -3}}"#.utf8).write(to: config)
        let bad = try Self.plainRun(["purge", "--config", config.path] + data)
        #expect(bad.status == 1 && bad.output.contains("retention.personalDataMonths doit être un nombre de mois entre 0 et 120 (reçu -3)"))
        for result in [nothing, soon, dry, real, again, year, date, bad] {
            #expect(!result.output.contains("Fatal error"))
        }
    }

    /// `run`, with no-break spaces read as spaces.
    static func plainRun(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try run(arguments)
        return (result.status, result.output.replacingOccurrences(of: "\u{00A0}", with: " "))
    }
}
