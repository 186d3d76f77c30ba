import Core
import Foundation
import GRDB

/// The editions, decoded, kept in memory until the database changes.
///
/// Every request needs the current edition, whose JSON columns are slow to decode. With a database file, a read-only
/// connection of its own asks SQLite's `PRAGMA data_version`, which changes whenever another connection commits (the
/// service's own writes, the CLI, another process): while it stays the same, the decoded editions are answered without
/// reading a row. Without a file (tests' in-memory queue), rows are read each time and decoded only when they changed.
final class EditionCache: @unchecked Sendable {
    struct Snapshot {
        let editions: [Edition]
        let demoIDs: Set<Int64>
    }

    private let lock = NSLock()
    private let watch: DatabaseQueue?
    /// Tells this database apart from any other opened by the process (tests open many): part of every `ChangeStamp`.
    let instance = EditionCache.nextInstance()
    private var snapshot: (version: Int, value: Snapshot)?
    private var decoded: [Int64: (row: Row, edition: Edition)] = [:]

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var lastInstance = 0

    private static func nextInstance() -> Int {
        counterLock.withLock {
            lastInstance += 1
            return lastInstance
        }
    }

    /// - Parameter path: the database file, or nil for a database without one.
    init(path: String?) throws {
        if let path {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "edition-cache"
            watch = try DatabaseQueue(path: path, configuration: configuration)
        } else {
            watch = nil
        }
    }

    /// The database's change counter as this cache's own connection sees it; nil without a file.
    func version() throws -> Int? {
        try watch?.inDatabase { db in try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) }
    }

    /// Every edition (newest year first) and which ones are demonstrations.
    func snapshot(reading writer: any DatabaseWriter) throws -> Snapshot {
        // The version is read before the rows: rows read after it are at least as new as it says.
        let version = try version()
        if let version, let known = lock.withLock({ snapshot }), known.version == version { return known.value }
        let rows = try writer.read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM edition ORDER BY year DESC")) }
        let value = Snapshot(
            editions: try rows.map(edition(for:)),
            demoIDs: Set(rows.compactMap { row in (row["isDemo"] as Bool? ?? false) ? row["id"] as Int64? : nil }))
        if let version { lock.withLock { snapshot = (version, value) } }
        return value
    }

    /// The edition of `row`, decoded only if the row differs from the one decoded last time.
    func edition(for row: Row) throws -> Edition {
        let id: Int64? = row["id"]
        if let id, let hit = lock.withLock({ decoded[id] }), hit.row == row { return hit.edition }
        let edition = try EditionRecord(row: row).edition
        if let id { lock.withLock { decoded[id] = (row.copy(), edition) } }
        return edition
    }
}

/// One state of one database: equal stamps mean nothing was committed in between.
public struct ChangeStamp: Hashable, Sendable {
    let database: Int
    let version: Int
    /// Which counter `version` is.
    var counter: Counter = .anyCommit

    /// What a stamp follows, so what must change for something kept under it to be built again.
    public enum Counter: Hashable, Sendable {
        /// SQLite's `data_version`: every commit to the database (``AppDatabase/changeStamp()``).
        case anyCommit
        /// What the jury's boards read (``AppDatabase/judgingStamp()``): not sessions, the journal or the mail queue.
        case judging
    }
}
