import Core
import Foundation

/// Template values of the deliberation page.
enum DeliberationView {
    static func values(_ board: DeliberationBoard, now: Date) -> [String: Any] {
        let edition = board.edition
        let open = edition.state == .deliberation
        let categories = edition.categories.map { category -> [String: Any] in
            let lines = board.categories[category.code] ?? []
            return [
                "label": category.label,
                "hasEntries": !lines.isEmpty,
                "entries": lines.map { line -> [String: Any] in
                    let prize = line.award.flatMap { award in edition.prizes.first { $0.code == award.prizeCode } }
                    return [
                        "id": line.entry.id ?? 0, "rank": line.ranked.rank, "code": line.entry.anonymousCode, "title": line.entry.details.title,
                        "reference": line.entry.reference,
                        "establishment": line.establishment.name, "commune": line.establishment.commune, "uai": line.establishment.uai.code,
                        "classLabel": line.entry.details.classLabel,
                        "score": JuryDashboard.format(line.ranked.result.score), "normalised": JuryDashboard.format(line.normalisedScore),
                        "count": line.ranked.result.ballotCount, "spread": JuryDashboard.format(line.ranked.result.ballotCount > 0 ? line.ranked.result.spread : nil),
                        "median": JuryDashboard.format(line.ranked.result.median),
                        "tieBreak": line.ranked.tieBreak?.label ?? "",
                        "isTied": line.ranked.tieBreak != nil,
                        "manualPosition": line.manualPosition.map(String.init) ?? "",
                        "prize": prize?.label ?? "", "prizeReason": line.award?.reason ?? "", "hasPrize": line.award != nil,
                        // No prize is pre-selected below the ranked prizes: the list then starts on « Choisir un prix ».
                        "hasSuggestion": edition.prizes.contains { $0.perCategory && $0.rank == line.ranked.rank },
                        "prizes": edition.prizes.sorted { $0.rank < $1.rank }.map { p -> [String: Any] in
                            ["code": p.code, "label": p.label + (p.perCategory ? "" : " (toutes catégories)"), "suggested": p.perCategory && p.rank == line.ranked.rank]
                        },
                    ]
                },
            ]
        }
        let awarded = board.awards.compactMap { award -> [String: Any]? in
            guard let prize = edition.prizes.first(where: { $0.code == award.prizeCode }), let line = board.line(entryId: award.entryId) else { return nil }
            return [
                "prize": prize.label, "category": award.categoryCode.flatMap { edition.category(code: $0)?.label } ?? "toutes catégories",
                "code": line.entry.anonymousCode, "title": line.entry.details.title, "establishment": line.establishment.name,
                "reason": award.reason ?? "", "by": award.assignedBy, "at": ParisTime.short(award.assignedAt), "sort": prize.rank,
            ]
        }
        return [
            "edition": ["title": edition.title, "year": edition.year, "stateLabel": edition.state.label, "state": edition.state.rawValue],
            "isDeliberating": open,
            "isPublished": edition.state == .published || edition.state == .archived,
            "byNormalised": board.byNormalised,
            "classement": board.byNormalised ? "normalise" : "brut",
            "categories": categories,
            "awarded": awarded.sorted { ($0["sort"] as? Int ?? 0) < ($1["sort"] as? Int ?? 0) },
            "hasAwards": !awarded.isEmpty,
            "firstCriterion": edition.criteria.first?.label ?? "",
        ]
    }
}
