import Core
import Foundation
import GRDB

/// The application's database: one SQLite file (WAL mode) and its migrations, with intent-named methods.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Decoded editions, kept until the database changes: every request needs the current edition.
    let editionCache: EditionCache
    /// Each edition's eligible entries, kept while no entry nor establishment changes (``eligibleListings(editionId:)``).
    let listingCache = Memo<ListingKey, [EntryListing]>(capacity: 8)

    struct ListingKey: Hashable, Sendable {
        let editionId: Int64
        let version: Int
    }

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    /// - Parameters:
    ///   - path: the SQLite file; its folder must exist.
    public convenience init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Each of the pool's readers keeps 512 KiB of pages instead of SQLite's 2 MiB (the writer keeps the default):
            // a commit elsewhere empties a reader's cache anyway (WAL), and the smaller caches took 3–4 MB off the
            // server's peak at 5,000 entries, the pages as fast.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -512") }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try self.init(writer: pool, path: path)
    }

    /// Wraps an existing writer (tests use an in-memory `DatabaseQueue`) and runs pending migrations.
    /// - Parameters:
    ///   - path: the writer's database file, if it has one (lets the edition cache notice changes without reading rows).
    public init(writer: any DatabaseWriter, path: String? = nil) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        editionCache = try EditionCache(path: path)
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        return try AppDatabase(writer: DatabaseQueue(configuration: configuration))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        Migration001Foundation.register(in: &migrator)
        Migration002Entries.register(in: &migrator)
        Migration003Jury.register(in: &migrator)
        Migration004Deliberation.register(in: &migrator)
        Migration005Hardening.register(in: &migrator)
        Migration006JurorOrder.register(in: &migrator)
        Migration007ListIndexes.register(in: &migrator)
        Migration008ContestRules.register(in: &migrator)
        Migration009Retention.register(in: &migrator)
        Migration010Outbox.register(in: &migrator)
        Migration014Pdf.register(in: &migrator)
        Migration015Rounds.register(in: &migrator)
        Migration016Favourites.register(in: &migrator)
        Migration017CumulativeRound.register(in: &migrator)
        Migration018ListingVersion.register(in: &migrator)
        Migration019JudgingVersion.register(in: &migrator)
        Migration020EligibleIndex.register(in: &migrator)
        return migrator
    }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// True when the database holds no edition, no establishment and no user (a fresh data folder).
    public func isEmpty() throws -> Bool {
        try writer.read { db in
            try EditionRecord.fetchCount(db) == 0 && EstablishmentRecord.fetchCount(db) == 0 && UserRecord.fetchCount(db) == 0
        }
    }

    /// Runs a write transaction, turning unexpected errors into `StorageError.database`.
    func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StorageError {
            throw error
        } catch let error as LifecycleError {
            throw .lifecycle(error)
        } catch {
            throw .database(String(describing: error))
        }
    }
}
