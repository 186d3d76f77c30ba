import Foundation
import GRDB

/// What a database copy holds: its schema version, the stored files its rows name, and a few counts to report.
public struct DatabaseSnapshot: Sendable {
    /// Applied migrations, oldest first (the last one is the schema version).
    public let migrations: [String]
    /// Relative paths under the file store that the copy's entries refer to, sorted, without the empty path of a purged original.
    public let referencedFiles: [String]
    public let entries: Int
    public let ballots: Int
    public let auditEvents: Int
}

extension AppDatabase {
    /// Copies the live database into a new SQLite file with SQLite's online backup API (through GRDB): one consistent
    /// snapshot, taken while the service goes on reading and writing. Files are written before the rows that name them,
    /// so every file the copy refers to is already in place when this returns.
    /// - Parameters:
    ///   - path: the copy to create; it must not exist yet.
    public func backup(toPath path: String) throws -> DatabaseSnapshot {
        let destination = try DatabaseQueue(path: path)
        do {
            try writer.backup(to: destination)
            // A self-contained file: no -wal or -shm beside it.
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            let snapshot = try Self.snapshot(of: destination)
            try destination.close()
            return snapshot
        } catch {
            try? destination.close()
            throw error
        }
    }

    /// Reads what a database file holds without migrating it (a restore checks a copy before using it).
    public static func snapshot(ofFileAt path: String) throws -> DatabaseSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try snapshot(of: queue)
    }

    static func snapshot(of reader: some DatabaseReader) throws -> DatabaseSnapshot {
        try reader.read { db in
            var paths = Set<String>()
            for row in try Row.fetchAll(db, sql: "SELECT originalPath, thumbnailPath, previewPath FROM entry") {
                for column in ["originalPath", "thumbnailPath", "previewPath"] {
                    let path: String = row[column]
                    if !path.isEmpty { paths.insert(path) }
                }
            }
            return DatabaseSnapshot(
                migrations: try migrator.appliedMigrations(db),
                referencedFiles: paths.sorted(),
                entries: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") ?? 0,
                ballots: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ballot") ?? 0,
                auditEvents: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent") ?? 0)
        }
    }
}
