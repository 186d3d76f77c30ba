import Core
import Foundation
import Storage

/// The French wording of retention dates and purges, shared by the console page and `concours purge`.
public enum RetentionText {
    /// « Noms et e-mails des encadrants », « Fichiers originaux des dépôts non primés ».
    public static func label(_ task: RetentionTask) -> String {
        switch task {
        case .personalData: return "Noms et e-mails des encadrants"
        case .nonAwardedOriginals: return "Fichiers originaux des dépôts non primés"
        }
    }

    /// Where one task stands for an edition: not dated yet, planned, due, or done (with its counts).
    public static func status(_ task: RetentionTask, of item: EditionRetention, now: Date) -> String {
        let verb = task == .personalData ? "effacés" : "supprimés"
        if let done = item.record.purgedAt(task) {
            return "\(verb) le \(day(done)) (\(doneCounts(task, record: item.record)))"
        }
        guard let due = item.schedule.dueAt(task) else {
            return item.edition.state == .published || item.edition.state == .archived
                ? "date de publication inconnue : rien n’est prévu"
                : "aucune date tant que les résultats ne sont pas publiés"
        }
        guard due <= now else { return "\(task == .personalData ? "à effacer" : "à supprimer") le \(day(due))" }
        return "à \(task == .personalData ? "effacer" : "supprimer") depuis le \(day(due)) (\(previewCounts(task, counts: item.preview)))"
    }

    /// « 10 dépôts » or « 7 originaux, 6 fichiers ».
    static func doneCounts(_ task: RetentionTask, record: RetentionRecord) -> String {
        switch task {
        case .personalData: return FrenchTypography.count(record.personalDataErasedCount, "dépôt", "dépôts")
        case .nonAwardedOriginals:
            return "\(FrenchTypography.count(record.originalsDeletedCount, "original", "originaux")), "
                + FrenchTypography.count(record.filesDeletedCount, "fichier", "fichiers")
        }
    }

    static func previewCounts(_ task: RetentionTask, counts: PurgeCounts) -> String {
        switch task {
        case .personalData: return FrenchTypography.count(counts.personalDataErased, "dépôt concerné", "dépôts concernés")
        case .nonAwardedOriginals:
            return "\(FrenchTypography.count(counts.originalsDeleted, "original concerné", "originaux concernés")), "
                + FrenchTypography.count(counts.filesDeleted, "fichier à supprimer", "fichiers à supprimer")
        }
    }

    /// What a purge did, in one sentence.
    public static func done(_ outcome: PurgeOutcome) -> String {
        var parts: [String] = []
        if outcome.tasks.contains(.personalData) {
            parts.append(FrenchTypography.count(outcome.counts.personalDataErased, "nom et e-mail d’encadrant effacé", "noms et e-mails d’encadrants effacés"))
        }
        if outcome.tasks.contains(.nonAwardedOriginals) {
            parts.append(
                "\(FrenchTypography.count(outcome.counts.originalsDeleted, "original non primé supprimé", "originaux non primés supprimés")) "
                    + "(\(FrenchTypography.count(outcome.counts.filesDeleted, "fichier", "fichiers")))")
        }
        return "Édition \(outcome.year) purgée\u{00A0}: " + parts.joined(separator: "\u{00A0}; ") + "."
    }

    /// « jeudi 14 avril 2022 ».
    public static func day(_ date: Date) -> String { ParisTime.longDay(CalendarDay(containing: date, in: ParisTime.zone)) }
}
