import ArgumentParser

/// The `concours` command: serve the site and run the organisers' maintenance tasks.
@main
struct Concours: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concours",
        abstract: "Concours d’affiches de la Semaine de la persévérance scolaire.",
        subcommands: [
            Serve.self, Migrate.self, OrganiserCommand.self, EditionCommand.self, EstablishmentsCommand.self, ExportSiteCommand.self, PurgeCommand.self,
            BackupCommand.self, RestoreCommand.self,
        ]
    )
}
