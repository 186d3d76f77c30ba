import ArgumentParser
import Core
import Foundation
import Web

/// `concours export-site DIR`: the public palmarès, galleries and archive as a static site, for publication day.
struct ExportSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-site",
        abstract: "Écrit le palmarès, la galerie et l’archive publics en pages statiques (liens relatifs), avec leurs images publiées.",
        discussion: """
            Le dossier obtenu se sert tel quel par n’importe quel serveur web, à la racine ou dans un sous-dossier, ou s’ouvre \
            directement dans un navigateur. Seules les vignettes et les affiches agrandies que montrent les pages publiques y sont \
            copiées (pas les fichiers originaux). L’écriture se fait dans un dossier temporaire voisin, renommé à la fin.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Dossier à écrire (vide ou absent ; --force remplace son contenu).")
    var directory: String

    @Option(help: "N’exporter que cette édition (par défaut : toutes les éditions publiées).")
    var year: Int?

    @Flag(help: "Remplace le contenu d’un dossier non vide.")
    var force = false

    func run() async throws {
        let config = try common.load()
        let export: StaticSiteExport
        do {
            export = try await StaticSiteExport(config: config)
        } catch let error as StaticExportError {
            throw Failure(error.message)
        } catch let error as ConfigError {
            throw Failure(error.message)
        }
        let summary: StaticSiteExport.Summary
        do {
            summary = try export.write(to: URL(fileURLWithPath: directory), year: year, force: force)
        } catch {
            throw Failure(error.message)
        }
        let years = summary.years.map(String.init).joined(separator: ", ")
        say("Site statique écrit dans \(URL(fileURLWithPath: directory).standardizedFileURL.path) (palmarès \(years)) :")
        say("  • \(FrenchTypography.count(summary.pages, "page", "pages"))\(summary.wroteHome ? " (accueil compris)" : " (sans page d’accueil : l’édition en cours n’est pas exportée)")")
        say("  • \(FrenchTypography.count(summary.images, "image publiée", "images publiées"))")
        say("  • \(FrenchTypography.count(summary.staticFiles, "fichier statique", "fichiers statiques")) (CSS, JavaScript)")
        say("  • \(FrenchTypography.grouped(summary.bytes)) octets au total")
    }
}
