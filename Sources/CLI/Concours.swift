import ArgumentParser
import NIOCore
import NIOPosix
import Web

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

    /// `serve` runs Swift's tasks on SwiftNIO's event loops (the threads that read and write the connections) instead of
    /// a pool of its own: a request no longer hops from one thread to another and back (+25–35 % requests a second on
    /// kept pages and images, see the README). Blocking work still leaves them: whole-edition builds, bcrypt and image
    /// decoding run on Dispatch threads. It must be installed from the main thread before any task runs, hence here; the
    /// allocator's arenas are limited at the same moment (``Allocator/limitArenas()``).
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "serve" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            Allocator.limitArenas()
        }
        await main(nil)
    }
}
