import ArgumentParser
import Storage

/// `concours migrate`: creates or upgrades the database.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Crée ou met à jour la base de données.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let (config, database) = try common.openDatabase()
        let applied = try database.appliedMigrations()
        print("Base \(config.databasePath) à jour (\(applied.count) migration(s) : \(applied.joined(separator: ", "))).")
    }
}
