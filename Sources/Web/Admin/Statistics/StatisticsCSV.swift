import Core
import Foundation

/// The statistics page's figures as CSV for French Excel (`CSVWriter`: BOM, `;`, CRLF): one row per figure,
/// `Indicateur;Valeur;Nombre`, the rows of each table together under the table's name.
enum StatisticsCSV {
    static func data(_ s: EditionStatistics, edition: Edition) -> Data {
        var writer = CSVWriter()
        writer.append([.text("Indicateur"), .text("Valeur"), .text("Nombre")])
        func row(_ indicator: String, _ value: String, _ count: Int) {
            writer.append([.text(indicator), .text(value), .number(String(count))])
        }
        row("Synthèse", "Dépôts reçus", s.received)
        row("Synthèse", "Affiches en lice", s.inCompetition)
        row("Synthèse", "Établissements ayant une affiche en lice", s.establishments)
        row("Synthèse", "Affiches recevables en lice (palmarès)", s.participation.entries)
        row("Synthèse", "Établissements de ces affiches (palmarès)", s.participation.establishments)
        for tally in s.byDepartement { row("Affiches en lice par département", tally.key, tally.count) }
        for tally in s.byEstablishmentType { row("Affiches en lice par type d’établissement", tally.key.label, tally.count) }
        for tally in s.byCategory { row("Affiches en lice par catégorie", edition.category(code: tally.key)?.label ?? tally.key, tally.count) }
        row("Recevabilité des affiches en lice", "À vérifier", s.eligibility.pending)
        row("Recevabilité des affiches en lice", "Recevables", s.eligibility.eligible)
        row("Recevabilité des affiches en lice", "Non recevables", s.eligibility.ineligible)
        row("Statut des dépôts reçus", "En lice", s.statuses.active)
        row("Statut des dépôts reçus", "Retirés par l’établissement", s.statuses.withdrawn)
        row("Statut des dépôts reçus", "Annulés par l’organisation", s.statuses.cancelled)
        // Days as YYYY-MM-DD: a spreadsheet sorts them and reads them as dates in any locale.
        for tally in s.days.days { row("Dépôts par jour", tally.key.description, tally.count) }
        for tally in s.days.afterDeadline { row("Dépôts après la date limite", tally.key.description, tally.count) }
        if s.days.beforeOpening > 0 { row("Dépôts avant l’ouverture", "", s.days.beforeOpening) }
        row("Jury", "Jurés actifs", s.jurors)
        for item in s.juryByCategory {
            let label = edition.category(code: item.category)?.label ?? item.category
            row("Jury\u{00A0}: notes remises", label, item.progress.submitted)
            row("Jury\u{00A0}: notes attendues", label, item.progress.expected)
        }
        row("Jury\u{00A0}: notes remises", "Ensemble", s.jury.submitted)
        row("Jury\u{00A0}: notes attendues", "Ensemble", s.jury.expected)
        return writer.data
    }
}
