import Core
import Foundation
import Storage

/// Links between the rounds of an edition on the organisers' ranking pages (shown once a second round exists).
struct RoundTabs: Encodable, Sendable {
    struct Tab: Encodable, Sendable {
        let label: String
        let href: String
        let isCurrent: Bool
    }

    let tabs: [Tab]
    /// What the round shown is: « Second tour : classement final… » or « Premier tour : … ».
    let note: String

    /// Nil while there is one round.
    init?(rounds: [JudgingRound], shown: Int, path: String, shortlistCount: Int) {
        guard rounds.count > 1 else { return nil }
        tabs = rounds.map { round in Tab(label: round.label, href: "\(path)?tour=\(round.number)", isCurrent: round.number == shown) }
        let cumulative = rounds.last?.cumulative ?? false
        note =
            shown > 1
            ? "Second tour\u{00A0}: classement final, sur les \(FrenchTypography.count(shortlistCount, "affiche retenue", "affiches retenues")), notées à nouveau par les jurés"
                + (cumulative ? "\u{00A0}; leurs notes du premier tour comptent aussi." : ".")
            : "Premier tour\u{00A0}: toutes les affiches recevables. "
                + (cumulative
                    ? "Le classement final cumule ces notes et celles du second tour sur les affiches retenues."
                    : "Le classement final est celui du second tour.")
    }

    /// `?tour=2` → 2.
    static func requested(_ value: String?) -> Int? { value.flatMap { Int($0) } }
}

/// The « Répartition et tours » panel of the jury dashboard: how the current round deals posters, where it stands, and
/// the organisers' actions (deal, redeal, close, open or cancel round 2).
struct RoundPanel: Encodable, Sendable {
    struct Shortfall: Encodable, Sendable {
        let code: String
        let message: String
    }

    let label: String
    let mode: String
    let everyJuror: Bool
    let perPoster: Int
    let perPosterMax: Int
    /// « 34 / 40 notations attendues rendues ».
    let progress: String
    let missing: Int
    let hasMissing: Bool
    let missingText: String?
    let loads: String?
    let shortfalls: [Shortfall]
    let hasShortfalls: Bool
    let disconnected: Bool
    let overfilled: String?
    /// « 3 attributions à ajouter, 1 à retirer » when the deal no longer fits the jury.
    let stale: String?
    let isOpen: Bool
    let closedText: String?
    /// Organisers may change the deal (the round is open, the edition not yet in deliberation).
    let canDeal: Bool
    let canClose: Bool
    let canOpenSecond: Bool
    /// Round 2 is current: how many posters, and whether it can still be cancelled.
    let secondRound: String?
    let canCancelSecond: Bool
    /// Round 2's final rule in French, whether it counts round 1 too, and whether organisers may still change it.
    let finalRule: String?
    let cumulative: Bool
    let canChangeRule: Bool

    init(status: RoundStatus, edition: Edition, codes: [Int64: String]) {
        let round = status.current
        label = round.label
        mode = round.modeLabel
        everyJuror = round.perPoster == nil
        perPoster = round.perPoster ?? min(3, max(1, status.jurorCount))
        perPosterMax = JudgingRound.perPosterRange.upperBound
        let progress = status.progress
        self.progress = "\(FrenchTypography.grouped(progress.submitted)) / \(FrenchTypography.count(progress.expected, "notation attendue rendue", "notations attendues rendues"))"
        missing = progress.missing
        hasMissing = progress.missing > 0
        missingText = progress.missing > 0 ? FrenchTypography.count(progress.missing, "notation manquante", "notations manquantes") : nil
        loads = status.loads.map { range in
            "Charge par juré\u{00A0}: " + (range.lowerBound == range.upperBound
                ? FrenchTypography.count(range.lowerBound, "affiche", "affiches")
                : "de \(range.lowerBound) à \(FrenchTypography.count(range.upperBound, "affiche", "affiches"))") + "."
        }
        let deal = status.redeal
        shortfalls = (deal?.shortfalls ?? []).prefix(20).map { Shortfall(code: codes[$0.posterId] ?? "?", message: $0.message) }
        hasShortfalls = !(deal?.shortfalls ?? []).isEmpty
        disconnected = deal.map { !$0.connected } ?? false
        overfilled = deal.flatMap { deal in
            deal.overfilled.isEmpty
                ? nil
                : "\(FrenchTypography.count(deal.overfilled.count, "affiche garde", "affiches gardent")) plus de notations que demandé (notes déjà données, conservées)."
        }
        stale =
            status.isStale && round.isOpen
            ? "Depuis la dernière répartition, des jurés, des conflits d’intérêts ou des affiches ont changé\u{00A0}: "
                + "\(FrenchTypography.count(status.toAdd, "attribution", "attributions")) à ajouter, \(status.toRemove) à retirer. "
                + "Redistribuer ne retire aucune note déjà donnée." : nil
        isOpen = round.isOpen
        closedText = round.closedAt.map { _ in
            "\(round.label) clos" + (round.closedBy.map { " par \($0)" } ?? "")
                + ((round.missingAtClose ?? 0) > 0
                    ? " avec \(FrenchTypography.count(round.missingAtClose ?? 0, "notation manquante", "notations manquantes"))." : ", toutes les notations rendues.")
        }
        let beforeDeliberation = [.draft, .open, .closed, .judging].contains(edition.state)
        canDeal = round.isOpen && beforeDeliberation
        canClose = round.isOpen && edition.state == .judging
        canOpenSecond = round.number == 1 && edition.state == .judging
        secondRound = round.number > 1 ? "Second tour ouvert sur \(FrenchTypography.count(status.posterCount, "affiche", "affiches"))." : nil
        canCancelSecond = round.number > 1 && edition.state == .judging
        finalRule = round.number > 1 ? round.finalRuleSentence : nil
        cumulative = round.cumulative
        canChangeRule = round.number > 1 && edition.state == .judging
    }
}
