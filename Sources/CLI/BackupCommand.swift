import ArgumentParser
import Core
import Foundation
import Web

/// `concours backup DIR`: a consistent copy of the data folder, taken while the service runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sauvegarde la base et les fichiers dans un dossier neuf, service en marche.",
        discussion: """
            Copie la base SQLite par la sauvegarde en ligne de SQLite (un instantané cohérent, même pendant des dépôts), \
            puis les fichiers auxquels ses lignes renvoient, et écrit en dernier manifest.json avec la taille et \
            l’empreinte SHA-256 de chaque fichier. Un dossier sans manifest.json est une sauvegarde inachevée.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Dossier de la sauvegarde (absent ou vide).")
    var directory: String

    func run() async throws {
        let config = try common.load()
        let started = Date()
        let manifest: BackupManifest
        do {
            manifest = try Backup.create(config: config, into: URL(fileURLWithPath: directory))
        } catch {
            throw Failure(error.description)
        }
        let bytes = manifest.files.reduce(Int64(0)) { $0 + $1.size }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started)).replacingOccurrences(of: ".", with: ",")
        say("Sauvegarde écrite dans \(directory) en \(seconds)\u{00A0}s\u{00A0}: \(BackupText.summary(manifest)), \(FrenchTypography.count(manifest.files.count, "fichier", "fichiers")), \(FrenchTypography.grouped(Int(bytes / 1_000_000)))\u{00A0}Mo.")
    }
}

/// `concours restore DIR`: checks a backup against its manifest, then puts it in the data folder.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restaure une sauvegarde dans le dossier des données (service arrêté).",
        discussion: """
            Vérifie d’abord la taille et l’empreinte SHA-256 de chaque fichier de la sauvegarde. Refuse un dossier de \
            données qui n’est pas vide, sauf avec --force : son contenu est alors déplacé dans avant-restauration-…, \
            rien n’est effacé.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Dossier d’une sauvegarde faite par « concours backup ».")
    var directory: String

    @Flag(help: "Restaurer même si le dossier des données contient déjà des données (elles sont mises de côté).")
    var force = false

    func run() async throws {
        let config = try common.load()
        do {
            let (manifest, aside) = try Backup.restore(from: URL(fileURLWithPath: directory), config: config, force: force)
            if let aside { say("Données précédentes mises de côté dans \(aside.path).") }
            say("Sauvegarde du \(ParisTime.longDateTime(manifest.createdAt)) vérifiée (\(FrenchTypography.count(manifest.files.count, "fichier", "fichiers")), empreintes conformes) et restaurée dans \(config.dataDirectory)\u{00A0}: \(BackupText.summary(manifest)).")
        } catch {
            throw Failure(error.description)
        }
    }
}

enum BackupText {
    static func summary(_ manifest: BackupManifest) -> String {
        [
            FrenchTypography.count(manifest.entries, "dépôt", "dépôts"),
            FrenchTypography.count(manifest.ballots, "bulletin", "bulletins"),
            FrenchTypography.count(manifest.auditEvents, "ligne de journal", "lignes de journal"),
        ].joined(separator: ", ")
    }
}
