import ArgumentParser
import Foundation
import Logging
import Storage
import Web

/// Options every subcommand shares: where the configuration and the data are.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Fichier de configuration JSON (défaut : Config/concours.json).")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Dossier des données (base SQLite et images).")
    var dataDir: String?

    /// Defaults, then the configuration file, then the environment, then these flags.
    func load() throws -> AppConfig {
        var loaded = AppConfig()
        do {
            if let path = config {
                loaded = try AppConfig.load(file: path)
            } else if let root = AssetLocator.projectRoot() {
                let path = root.appendingPathComponent("Config/concours.json").path
                if FileManager.default.fileExists(atPath: path) { loaded = try AppConfig.load(file: path) }
            }
            try loaded.applyEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            throw Failure(error.message)
        }
        if let dataDir { loaded.dataDirectory = dataDir }
        return loaded
    }

    /// Opens the database of the configured data folder, creating it if needed.
    func openDatabase() throws -> (AppConfig, AppDatabase) {
        let config = try load()
        do {
            try config.validate()
            try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
            return (config, try AppDatabase(path: config.databasePath))
        } catch let error as ConfigError {
            throw Failure(error.message)
        } catch {
            throw Failure("Impossible d’ouvrir la base de données \(config.databasePath) : \(error.localizedDescription)")
        }
    }
}

/// A failure reported to the user in French, with a non-zero exit and no stack trace.
struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        self.description = message
    }
}
