import ArgumentParser
import NIOCore
import NIOPosix

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
    /// decoding run on Dispatch threads. It must be installed from the main thread before any task runs, hence here.
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "serve" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            #if os(Linux)
            // glibc gives each thread that allocates its own arena, up to eight per core: a whole-edition build on a
            // Dispatch thread left its freed megabytes in an arena the event loops never reuse. Two arenas: the loops
            // and the builds still rarely wait for each other's lock (bench-web unchanged), and the peak memory of
            // bench-scale's servers drops (see the README).
            _ = glibcMallopt(-8 /* M_ARENA_MAX */, 2)
            #endif
        }
        await main(nil)
    }

    #if os(Linux)
    /// glibc's `mallopt` (`<malloc.h>` is not in the Glibc module).
    @_silgen_name("mallopt")
    private static func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
    #endif
}
