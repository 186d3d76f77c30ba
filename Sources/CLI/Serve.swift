import ArgumentParser
import Core
import Foundation
import Hummingbird
import Logging
import Storage
import Web

/// `concours serve`: runs the web service.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Lance le service web.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Adresse d’écoute (défaut : 127.0.0.1).")
    var host: String?

    @Option(help: "Port d’écoute (défaut : 8080).")
    var port: Int?

    @Flag(help: "Remplit un dossier de données vide avec une démonstration (édition 2022 ouverte, établissements, organisateur).")
    var demo = false

    @Option(
        name: .customLong("demo-phase"),
        help: "Étape de la démonstration : depots (défaut), jury, repartition (2 jurés par affiche), second-tour, deliberation, palmares. Ne s’applique qu’à un dossier vide.")
    var demoPhase: String = DemoSeeder.Phase.depots.rawValue

    @Option(
        name: .customLong("demo-entries"),
        help: "Nombre d’affiches de la démonstration (défaut : 10), jusqu’à 20 000 pour essayer le service à grande échelle. Ne s’applique qu’à un dossier vide.")
    var demoEntries: Int = 0

    func run() async throws {
        var config = try common.load()
        if let host { config.host = host }
        if let port { config.port = port }
        do {
            try config.validate()
        } catch {
            throw Failure(error.message)
        }
        let format = ProcessInfo.processInfo.environment["CONCOURS_LOG_FORMAT"] ?? "text"
        guard let logFormat = LogFormat(rawValue: format) else {
            throw Failure("CONCOURS_LOG_FORMAT doit valoir text ou json (reçu « \(format) »).")
        }
        logFormat.bootstrap()
        var logger = Logger(label: "concours")
        logger.logLevel = .info
        guard let phase = DemoSeeder.Phase(rawValue: demoPhase) else {
            throw Failure("Étape de démonstration inconnue « \(demoPhase) » : choisissez parmi \(DemoSeeder.Phase.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard (0...DemoSeeder.maximumEntries).contains(demoEntries) else {
            throw Failure("--demo-entries doit être compris entre 0 et \(FrenchTypography.grouped(DemoSeeder.maximumEntries)).")
        }
        if demo { try await seedDemo(config, phase: phase) }
        do {
            let app = try await buildApplication(config, logger: logger)
            say("Concours d’affiches : http://\(config.host):\(config.port)/  (données : \(config.dataDirectory))")
            try await app.runService()
        } catch let error as ConfigError {
            throw Failure(error.message)
        }
    }

    func seedDemo(_ config: AppConfig, phase: DemoSeeder.Phase) async throws {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let database = try AppDatabase(path: config.databasePath)
        guard let root = AssetLocator.projectRoot() else { throw Failure("Dossier Config introuvable : lancez depuis la racine du projet.") }
        let file = root.appendingPathComponent("Config/editions/2022-8e-edition.json")
        let files = try FileStore(root: URL(fileURLWithPath: config.filesDirectory))
        let summary = try await DemoSeeder(database: database, files: files, config: config).seedIfEmpty(
            editionFile: file, now: Date(), phase: phase, totalEntries: demoEntries)
        say(summary.seeded ? "Démonstration créée dans \(config.dataDirectory) :" : "Démonstration déjà présente dans \(config.dataDirectory) :")
        if let edition = summary.edition {
            say("  • \(edition.title) (\(edition.year)) « \(edition.theme) », étape « \(edition.state.label) »")
            say("    dates décalées pour la démonstration : dépôts jusqu’au \(ParisTime.longDateTime(edition.submissionDeadline))")
            if let code = edition.accessCode { say("    code d’accès à saisir sur le formulaire de dépôt : \(code)") }
        }
        say("  • \(FrenchTypography.grouped(summary.establishments)) établissements (77, 93, 94), \(FrenchTypography.grouped(summary.entries)) affiches déposées (générées)")
        if summary.entries > DemoSeeder.generatedPosters {
            say("    (au-delà des \(DemoSeeder.generatedPosters) premières, les affiches de démonstration réutilisent les mêmes images)")
        }
        say("  • organisateur : \(DemoSeeder.organiserEmail) / mot de passe : \(DemoSeeder.organiserPassword)")
        say("  • jurés : \(DemoSeeder.jurors.map(\.email).joined(separator: ", ")) / mot de passe : \(DemoSeeder.jurorPassword)")
        if summary.edition?.state == .open {
            say("    (pour essayer le jury : passez l’édition à « Dépôts clos » puis « Évaluation du jury », ou relancez sur un dossier vide avec --demo-phase jury)")
        }
        if summary.seeded, summary.edition?.state == .judging, let year = summary.edition?.year {
            say("  • suivi du jury, répartition et tours : http://\(config.host):\(config.port)/organisation/editions/\(year)/jury")
        }
        if summary.edition?.state == .published, let year = summary.edition?.year {
            say("  • palmarès public : http://\(config.host):\(config.port)/palmares/\(year)")
        }
    }
}

/// Writes a line straight to standard output (unbuffered), so that start-up messages show at once in logs and pipes.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
