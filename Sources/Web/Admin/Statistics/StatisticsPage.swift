import Core
import Foundation

/// `admin/statistics`: an edition's figures for the académie's report, as charts with their tables.
struct StatisticsPage: PageModel {
    /// One figure of the summary list.
    struct Fact: Encodable, Sendable {
        let label: String
        let value: Markup

        init(label: String, value: String) {
            self.label = label
            self.value = Markup(value)
        }
    }

    /// Entries received after the deadline (the grace period), by day.
    struct LateDay: Encodable, Sendable {
        let day: String
        let count: String
    }

    let edition: EditionView
    let csvLink: String
    let facts: [Fact]
    let participation: String
    let departements: BarChart
    let types: BarChart
    let categories: BarChart
    let days: ColumnChart
    /// Where the day-by-day series starts and stops, in words.
    let daysSpan: String
    let lateDays: [LateDay]
    let lateSummary: String?
    let beforeOpening: String?
    let eligibility: BarChart
    let statuses: BarChart
    let jury: BarChart
    let jurySummary: String

    init(_ statistics: EditionStatistics, edition: Edition, now: Date) {
        let s = statistics
        self.edition = EditionView(edition, now: now)
        csvLink = "/organisation/editions/\(edition.year)/statistiques.csv"
        func posters(_ n: Int) -> String { FrenchTypography.count(n, "affiche", "affiches") }
        func entries(_ n: Int) -> String { FrenchTypography.count(n, "dépôt", "dépôts") }
        facts = [
            Fact(label: "Dépôts reçus", value: entries(s.received)),
            Fact(label: "Affiches en lice", value: posters(s.inCompetition)),
            Fact(label: "Établissements ayant une affiche en lice", value: FrenchTypography.count(s.establishments, "établissement", "établissements")),
            Fact(label: "Retirées par l’établissement", value: posters(s.statuses.withdrawn)),
            Fact(label: "Annulées par l’organisation", value: posters(s.statuses.cancelled)),
        ]
        participation = s.participation.summary ?? "aucune affiche recevable pour l’instant"
        let categoryLabel = { (code: String) in edition.category(code: code)?.label ?? code }
        departements = Self.counts(
            id: "graphique-departements", caption: "Affiches en lice par département", keyHeader: "Département",
            items: s.byDepartement.map { ("Département \($0.key)", $0.count) }, unit: posters)
        types = Self.counts(
            id: "graphique-types", caption: "Affiches en lice par type d’établissement", keyHeader: "Type d’établissement",
            items: s.byEstablishmentType.map { ($0.key.label, $0.count) }, unit: posters)
        categories = Self.counts(
            id: "graphique-categories", caption: "Affiches en lice par catégorie", keyHeader: "Catégorie",
            items: s.byCategory.map { (categoryLabel($0.key), $0.count) }, unit: posters)
        eligibility = Self.counts(
            id: "graphique-recevabilite", caption: "Recevabilité des affiches en lice", keyHeader: "Recevabilité",
            items: [("À vérifier", s.eligibility.pending), ("Recevables", s.eligibility.eligible), ("Non recevables", s.eligibility.ineligible)],
            unit: posters)
        statuses = Self.counts(
            id: "graphique-statuts", caption: "Dépôts reçus\u{00A0}: en lice, retirés, annulés", keyHeader: "Statut",
            items: [("En lice", s.statuses.active), ("Retirés par l’établissement", s.statuses.withdrawn), ("Annulés par l’organisation", s.statuses.cancelled)],
            unit: entries)
        (days, daysSpan) = Self.days(s.days, unit: entries)
        lateDays = s.days.afterDeadline.map { LateDay(day: ParisTime.longDay($0.key), count: entries($0.count)) }
        lateSummary = s.days.late > 0
            ? "\(entries(s.days.late)) reçu\(s.days.late > 1 ? "s" : "") après la date limite (pendant le délai de grâce), hors du graphique\u{00A0}:" : nil
        beforeOpening = s.days.beforeOpening > 0
            ? "\(entries(s.days.beforeOpening)) reçu\(s.days.beforeOpening > 1 ? "s" : "") avant l’ouverture des dépôts, hors du graphique." : nil
        let progress = s.juryByCategory.map { (categoryLabel($0.category), $0.progress) } + [("Ensemble", s.jury)]
        jury = Self.jury(progress)
        let jurors = FrenchTypography.count(s.jurors, "juré actif", "jurés actifs")
        jurySummary = s.jury.expected == 0
            ? "\(jurors)\u{00A0}; aucune note n’est encore attendue (il faut des affiches recevables et des jurés)."
            : "\(jurors)\u{00A0}; \(Self.progressText(s.jury)) des notes attendues sont remises."
    }

    // MARK: - Charts

    static func counts(id: String, caption: String, keyHeader: String, items: [(String, Int)], unit: (Int) -> String) -> BarChart {
        let words = items.isEmpty ? "Aucune affiche." : items.map { "\($0.0)\u{00A0}: \(unit($0.1))" }.joined(separator: "\u{00A0}; ") + "."
        let total = items.reduce(0) { $0 + $1.1 }
        let table = DataTable(
            caption: caption, columns: [keyHeader, "Nombre", "Part"],
            rows: items.map { ($0.0, [FrenchTypography.grouped($0.1), share($0.1, of: total)]) } + (items.count > 1
                ? [("Total", [FrenchTypography.grouped(total), total > 0 ? "100\u{00A0}%" : "—"])] : []))
        return BarChart(
            id: id, caption: caption, description: words, items: items.map { ($0.0, $0.1, FrenchTypography.grouped($0.1)) }, table: table)
    }

    static func share(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "—" }
        return "\(FrenchTypography.decimal((Double(part) * 1000 / Double(total)).rounded() / 10))\u{00A0}%"
    }

    static func progressText(_ progress: JuryProgress) -> String {
        "\(FrenchTypography.grouped(progress.submitted)) sur \(FrenchTypography.grouped(progress.expected))"
            + (progress.percent.map { " (\($0)\u{00A0}%)" } ?? "")
    }

    static func jury(_ items: [(String, JuryProgress)]) -> BarChart {
        let caption = "Avancement du jury\u{00A0}: notes remises sur notes attendues"
        let words = items.map { "\($0.0)\u{00A0}: \(progressText($0.1))" }.joined(separator: "\u{00A0}; ") + "."
        let table = DataTable(
            caption: caption, columns: ["Catégorie", "Notes remises", "Notes attendues", "Avancement"],
            rows: items.map {
                ($0.0, [FrenchTypography.grouped($0.1.submitted), FrenchTypography.grouped($0.1.expected), $0.1.percent.map { "\($0)\u{00A0}%" } ?? "—"])
            })
        return BarChart(id: "graphique-jury", caption: caption, description: words, progress: items.map { ($0.0, $0.1, progressText($0.1)) }, table: table)
    }

    static func days(_ series: SubmissionDays, unit: (Int) -> String) -> (ColumnChart, String) {
        let caption = "Dépôts par jour (heure de Paris)"
        guard let first = series.days.first?.key, let last = series.days.last?.key else {
            let none = "Les dépôts ne sont pas encore ouverts."
            return (ColumnChart(id: "graphique-jours", caption: caption, description: none, days: [], table: DataTable(caption: caption, columns: [], rows: [])), none)
        }
        let span = "Du \(ParisTime.longDay(first)) au \(ParisTime.longDay(last))"
            + (series.reachesDeadline ? ", jour de la date limite." : " (aujourd’hui\u{00A0}; la date limite n’est pas encore passée).")
        let empty = series.days.filter { $0.count == 0 }.count
        var words = "\(unit(series.inWindow)) en \(FrenchTypography.count(series.days.count, "jour", "jours")), \(span.prefix(1).lowercased())\(span.dropFirst())"
        if let busiest = series.busiest {
            words += " Le plus de dépôts le \(ParisTime.longDay(busiest.key))\u{00A0}: \(unit(busiest.count))."
        }
        words += " \(FrenchTypography.count(empty, "jour", "jours")) sans dépôt."
        let table = DataTable(
            caption: caption, columns: ["Jour", "Dépôts"], rows: series.days.map { (ParisTime.longDay($0.key), [FrenchTypography.grouped($0.count)]) })
        return (ColumnChart(id: "graphique-jours", caption: caption, description: words, days: series.days, table: table), span)
    }
}
