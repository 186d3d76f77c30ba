import Core
import Foundation

/// Template values of the jury dashboard.
enum JuryDashboardView {
    static func values(_ board: JuryDashboard) -> [String: Any] {
        let edition = board.edition
        let quorum = edition.jury.quorum
        let jurors = board.jurors.map { line -> [String: Any] in
            var note = ""
            if board.normalised {
                note = line.treatment?.normalised == true
                    ? "normalisé" : "brut (moins de \(edition.jury.normalisationMinimum) notes ou notes toutes égales)"
            }
            return [
                "name": line.user.displayName, "disabled": line.user.disabled, "progress": "\(line.submitted) / \(line.assigned)",
                "complete": line.assigned > 0 && line.submitted >= line.assigned, "drafts": line.drafts, "setAside": line.setAside,
                "normalisation": note,
            ]
        }
        let lowQuorum = board.entries.filter(\.belowQuorum).sorted { $0.result.ballotCount < $1.result.ballotCount }
        let disagreements = board.entries.filter(\.disagreement).sorted { $0.result.spread > $1.result.spread }
        func entryValues(_ line: JuryDashboard.EntryLine, rank: Int? = nil) -> [String: Any] {
            [
                "rank": rank ?? 0, "id": line.entry.id ?? 0, "code": line.entry.anonymousCode, "title": line.entry.details.title,
                "score": JuryDashboard.format(line.result.score), "raw": JuryDashboard.format(line.result.rawScore),
                "count": "\(line.result.ballotCount) / \(quorum)", "spread": JuryDashboard.format(line.result.ballotCount > 0 ? line.result.spread : nil),
                "belowQuorum": line.belowQuorum, "disagreement": line.disagreement, "setAside": line.setAside,
            ]
        }
        let categories = edition.categories.map { category -> [String: Any] in
            let ranked = board.ranking(category: category.code)
            return [
                "label": category.label,
                "entries": ranked.enumerated().map { entryValues($0.element, rank: $0.offset + 1) },
                "hasEntries": !ranked.isEmpty,
            ]
        }
        return [
            "edition": ["title": edition.title, "year": edition.year, "stateLabel": edition.state.label, "state": edition.state.rawValue],
            "jurors": jurors, "hasJurors": !jurors.isEmpty,
            "lowQuorum": lowQuorum.map { entryValues($0) }, "hasLowQuorum": !lowQuorum.isEmpty,
            "disagreements": disagreements.map { entryValues($0) }, "hasDisagreements": !disagreements.isEmpty,
            "threshold": EditionView.number(edition.jury.disagreementThreshold),
            "quorum": quorum,
            "categories": categories,
            "normalised": board.normalised,
            "minimum": edition.jury.normalisationMinimum,
            "setAsideTotal": board.setAsideTotal,
            "hasSetAside": board.setAsideTotal > 0,
            "entryCount": board.entries.count,
        ]
    }
}
