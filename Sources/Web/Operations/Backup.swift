import Crypto
import Foundation
import Storage

/// One file of a backup, as its manifest lists it.
public struct BackupFile: Codable, Sendable, Equatable {
    /// Path inside the backup folder (`concours.sqlite`, `files/ab/cdef….jpg`).
    public let path: String
    public let size: Int64
    public let sha256: String
}

/// `manifest.json`, written last: a backup folder without one is unfinished.
public struct BackupManifest: Codable, Sendable {
    public static let fileName = "manifest.json"
    public static let databaseName = "concours.sqlite"
    public var format = 1
    public let appVersion: String
    /// The last migration applied to the copied database.
    public let schemaVersion: String
    public let createdAt: Date
    public let entries: Int
    public let ballots: Int
    public let auditEvents: Int
    public let files: [BackupFile]
}

/// A backup or restore refused or failed, with the reason in French.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Consistent copies of a data folder while the service runs, and their restoration.
public enum Backup {
    /// Copies the database (SQLite online backup, a single snapshot), then every stored file its rows name, then writes
    /// the manifest with each file's size and SHA-256. Uploads may go on meanwhile: what they add after the snapshot is
    /// simply not in this backup.
    /// - Parameters:
    ///   - config: the live service's settings (its data folder).
    ///   - folder: the backup folder; it must be missing or empty.
    public static func create(config: AppConfig, into folder: URL, now: Date = Date()) throws(BackupError) -> BackupManifest {
        let manager = FileManager.default
        guard manager.fileExists(atPath: config.databasePath) else {
            throw BackupError("Aucune base de données dans \(config.dataDirectory)\u{00A0}: rien à sauvegarder.")
        }
        if let contents = try? manager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            throw BackupError("Le dossier de sauvegarde \(folder.path) n’est pas vide\u{00A0}: choisissez un dossier neuf.")
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = try AppDatabase(path: config.databasePath)
            let databaseCopy = folder.appendingPathComponent(BackupManifest.databaseName)
            let snapshot = try database.backup(toPath: databaseCopy.path)
            var files = [try describe(databaseCopy, as: BackupManifest.databaseName)]
            let source = URL(fileURLWithPath: config.filesDirectory)
            for path in snapshot.referencedFiles {
                let from = source.appendingPathComponent(path)
                guard manager.fileExists(atPath: from.path) else {
                    throw BackupError("Fichier manquant dans le dossier des données\u{00A0}: files/\(path) (une ligne de la base y renvoie).")
                }
                let to = folder.appendingPathComponent("files").appendingPathComponent(path)
                try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                files.append(try copy(from, to: to, as: "files/" + path))
            }
            let manifest = BackupManifest(
                appVersion: AppVersion.current, schemaVersion: snapshot.migrations.last ?? "", createdAt: now,
                entries: snapshot.entries, ballots: snapshot.ballots, auditEvents: snapshot.auditEvents, files: files)
            try write(manifest, to: folder.appendingPathComponent(BackupManifest.fileName))
            return manifest
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("Sauvegarde impossible\u{00A0}: \(error.localizedDescription)")
        }
    }

    /// Checks every file of a backup against its manifest (size and SHA-256) and that the database's rows name no file
    /// the backup lacks. Returns the manifest.
    public static func verify(_ folder: URL) throws(BackupError) -> BackupManifest {
        let manifestURL = folder.appendingPathComponent(BackupManifest.fileName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw BackupError("Pas de \(BackupManifest.fileName) dans \(folder.path)\u{00A0}: ce n’est pas une sauvegarde complète.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let manifest = try? decoder.decode(BackupManifest.self, from: data) else {
            throw BackupError("\(BackupManifest.fileName) illisible dans \(folder.path).")
        }
        guard manifest.format == 1 else { throw BackupError("Format de sauvegarde \(manifest.format) inconnu de cette version.") }
        var listed = Set<String>()
        for file in manifest.files {
            guard isSafe(file.path) else { throw BackupError("Chemin refusé dans le manifeste\u{00A0}: « \(file.path) ».") }
            let url = folder.appendingPathComponent(file.path)
            guard let actual = try? digest(of: url) else { throw BackupError("Fichier manquant dans la sauvegarde\u{00A0}: \(file.path).") }
            guard actual.size == file.size, actual.sha256 == file.sha256 else {
                throw BackupError("Fichier altéré dans la sauvegarde\u{00A0}: \(file.path) (taille ou empreinte SHA-256 différente du manifeste).")
            }
            listed.insert(file.path)
        }
        guard listed.contains(BackupManifest.databaseName) else { throw BackupError("La sauvegarde ne contient pas de base de données.") }
        let snapshot: DatabaseSnapshot
        do {
            snapshot = try AppDatabase.snapshot(ofFileAt: folder.appendingPathComponent(BackupManifest.databaseName).path)
        } catch {
            throw BackupError("La base de la sauvegarde est illisible\u{00A0}: \(error.localizedDescription)")
        }
        if let missing = snapshot.referencedFiles.first(where: { !listed.contains("files/" + $0) }) {
            throw BackupError("La base de la sauvegarde renvoie à un fichier absent du manifeste\u{00A0}: files/\(missing).")
        }
        return manifest
    }

    /// Verifies a backup, then copies it into the data folder. A folder that already holds data is refused unless
    /// `force`, in which case its database and files are first moved aside into `avant-restauration-…`, not deleted.
    /// The service must be stopped meanwhile. Returns the manifest and the folder data was moved to, if any.
    public static func restore(
        from folder: URL, config: AppConfig, force: Bool, now: Date = Date()
    ) throws(BackupError) -> (manifest: BackupManifest, movedAside: URL?) {
        let manifest = try verify(folder)
        let manager = FileManager.default
        let data = URL(fileURLWithPath: config.dataDirectory)
        let existing = ((try? manager.contentsOfDirectory(atPath: data.path)) ?? []).filter { !$0.hasPrefix("avant-restauration-") }
        var movedAside: URL?
        do {
            if !existing.isEmpty {
                guard force else {
                    throw BackupError(
                        "Le dossier des données \(data.path) n’est pas vide (\(existing.sorted().joined(separator: ", ")))\u{00A0}: "
                            + "restaurez dans un dossier vide, ou ajoutez --force pour mettre son contenu de côté.")
                }
                let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "-")
                let aside = data.appendingPathComponent("avant-restauration-\(stamp)")
                try manager.createDirectory(at: aside, withIntermediateDirectories: true)
                for name in existing { try manager.moveItem(at: data.appendingPathComponent(name), to: aside.appendingPathComponent(name)) }
                movedAside = aside
            }
            try manager.createDirectory(at: data, withIntermediateDirectories: true)
            for file in manifest.files where file.path != BackupManifest.databaseName {
                let to = data.appendingPathComponent(file.path)
                try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: folder.appendingPathComponent(file.path), to: to)
            }
            // The database last, through a temporary name: a folder with a database is a complete one.
            let partial = data.appendingPathComponent(BackupManifest.databaseName + ".restauration")
            try? manager.removeItem(at: partial)
            try manager.copyItem(at: folder.appendingPathComponent(BackupManifest.databaseName), to: partial)
            try manager.moveItem(at: partial, to: URL(fileURLWithPath: config.databasePath))
            // Brings an older schema up to date.
            _ = try AppDatabase(path: config.databasePath)
            return (manifest, movedAside)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("Restauration impossible\u{00A0}: \(error.localizedDescription)")
        }
    }

    // MARK: - Files

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
            && (path == BackupManifest.databaseName || path.hasPrefix("files/"))
    }

    static func describe(_ url: URL, as path: String) throws -> BackupFile {
        let (size, hash) = try digest(of: url)
        return BackupFile(path: path, size: size, sha256: hash)
    }

    /// Size and SHA-256 of a file, read in 1 MiB chunks.
    static func digest(of url: URL) throws -> (size: Int64, sha256: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (size, FileStore.hex(hasher.finalize()))
    }

    /// Copies a file, hashing what is written, and flushes it to disk.
    static func copy(_ from: URL, to: URL, as path: String) throws -> BackupFile {
        let input = try FileHandle(forReadingFrom: from)
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: to.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let output = try FileHandle(forWritingTo: to)
        defer { try? output.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            try output.write(contentsOf: chunk)
            size += Int64(chunk.count)
        }
        try output.synchronize()
        return BackupFile(path: path, size: size, sha256: FileStore.hex(hasher.finalize()))
    }

    static func write(_ manifest: BackupManifest, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: url, options: .atomic)
    }
}
