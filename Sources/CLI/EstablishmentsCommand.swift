import ArgumentParser
import Core
import Foundation
import Storage

/// `concours establishments import FILE.csv`.
struct EstablishmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "establishments", abstract: "Gère les établissements.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe un export CSV de l’Annuaire de l’éducation (séparateur « ; », UTF-8).")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Fichier CSV.")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw Failure("Fichier illisible : \(file)") }
            let parsed: EstablishmentDirectory.Parsed
            do {
                parsed = try EstablishmentDirectory.parse(data)
            } catch {
                throw Failure("\(file) : \(error.message)")
            }
            let (_, database) = try common.openDatabase()
            let report = try database.importEstablishments(parsed)
            print("Import de \(file) :")
            print("  \(report.imported) importé(s), \(report.updated) mis à jour, \(report.unchanged) inchangé(s), \(report.rejected.count) rejeté(s)")
            for rejection in report.rejected.prefix(200) {
                print("  ligne \(rejection.line) : \(rejection.reason)")
            }
            if report.rejected.count > 200 { print("  … et \(report.rejected.count - 200) autre(s) ligne(s) rejetée(s)") }
        }
    }
}
