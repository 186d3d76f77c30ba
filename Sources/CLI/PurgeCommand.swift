import ArgumentParser
import Core
import Foundation
import Storage
import Web

/// `concours purge`: deletes what the retention settings say is due (teacher names and e-mails, originals of non-awarded entries).
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Efface les données dont la durée de conservation est écoulée (réglages « retention » de la configuration).",
        discussion: """
            Pour chaque édition publiée, efface les noms et e-mails des encadrants de tous les dépôts, et supprime les fichiers \
            originaux des dépôts non primés, une fois écoulés les délais comptés depuis la publication des résultats. Les \
            vignettes, les aperçus, les titres, les établissements, les prix et les notes restent : le palmarès et la galerie \
            ne changent pas. Sans rien d’échu, la commande ne fait rien ; elle peut tourner chaque jour.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(name: .customLong("dry-run"), help: "Montre ce qui serait effacé, sans rien changer.")
    var dryRun = false

    @Option(help: "Ne traiter que cette édition.")
    var year: Int?

    @Option(help: "Pour les essais : faire comme si l’on était à cette date (2024-05-01 ou 2024-05-01T08:00, heure de Paris).")
    var now: String?

    func run() async throws {
        let (config, database) = try common.openDatabase()
        var instant = Date()
        if let now {
            guard let parsed = ParisTime.parse(now) else { throw Failure("Date illisible pour --now : « \(now) » (attendu : 2024-05-01 ou 2024-05-01T08:00).") }
            instant = parsed
        }
        let files: FileStore
        do {
            files = try FileStore(root: URL(fileURLWithPath: config.filesDirectory))
        } catch {
            throw Failure("Dossier des fichiers inaccessible : \(config.filesDirectory).")
        }
        var items = try database.retentionOverview(policy: config.retention, now: instant)
        if let year {
            items = items.filter { $0.edition.year == year }
            guard !items.isEmpty else { throw Failure("Aucune édition \(year).") }
        }
        if items.isEmpty { print("Aucune édition.") }
        let policy = config.retention
        print("Durées de conservation après la publication : noms et e-mails \(months(policy.personalDataMonths)), originaux non primés \(months(policy.nonAwardedOriginalsMonths)).")
        var purged = 0
        for item in items {
            let published = item.record.publishedAt.map { "publiée le \(RetentionText.day($0))" } ?? "non publiée"
            print("Édition \(item.edition.year) (\(item.edition.title), « \(item.edition.state.label) », \(published))\u{00A0}:")
            for task in RetentionTask.allCases {
                print("  • \(RetentionText.label(task))\u{00A0}: \(RetentionText.status(task, of: item, now: instant))")
            }
            guard !item.pending.isEmpty, !dryRun, let id = item.edition.id else { continue }
            do {
                if let outcome = try database.purgeDue(
                    editionId: id, policy: policy, actor: "concours purge (ligne de commande)", now: instant, files: files)
                {
                    print("  → \(RetentionText.done(outcome))")
                    purged += 1
                }
            } catch {
                throw Failure("Purge de l’édition \(item.edition.year) impossible\u{00A0}: \(error.message)")
            }
        }
        let due = items.filter { !$0.pending.isEmpty }.count
        if dryRun {
            print(due == 0 ? "Rien à purger." : "Essai à blanc\u{00A0}: \(FrenchTypography.count(due, "édition serait purgée", "éditions seraient purgées")), rien n’a été modifié.")
        } else {
            print(purged == 0 ? "Rien à purger." : "\(FrenchTypography.count(purged, "édition purgée", "éditions purgées")).")
        }
    }

    func months(_ count: Int) -> String {
        count == 0 ? "dès la publication" : FrenchTypography.count(count, "mois", "mois")
    }
}
