import Core

/// How rank uncertainty reads on every ranking page (classement, jury dashboard, deliberation, second-round proposal).
enum UncertaintyText {
    /// `2`, or `1–3`; « — » without an interval; « en calcul » while the intervals are being computed.
    static func interval(_ range: ClosedRange<Int>?, pending: Bool = false) -> String {
        if pending { return computing }
        guard let range else { return "—" }
        return range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }

    /// `84 %`; « — » without a probability; « en calcul » while the intervals are being computed.
    static func probability(_ value: Double?, pending: Bool = false) -> String {
        if pending { return computing }
        guard let value else { return "—" }
        return "\(Int((value * 100).rounded()))\(FrenchTypography.noBreakSpace)%"
    }

    /// « AB-123, CD-456 : ces 2 affiches ne peuvent pas être départagées par les notes. »
    static func notice(_ group: RankUncertainty.Group, codes: [Int64: String]) -> String {
        "\(group.posterIds.compactMap { codes[$0] }.joined(separator: ", "))\(FrenchTypography.noBreakSpace): \(group.sentence)."
    }

    /// What an interval or probability cell says while the intervals are being computed.
    static let computing = "en\u{00A0}calcul"

    /// « Intervalles de rang en cours de calcul (1 000 tirages sur 10 000 notations)… » — the notice of a page shown
    /// before its intervals (``RankIntervals``). A page without a form marks it `data-calcul-en-cours` in its template
    /// (`selfUpdating`), so that it reloads itself once they are in; a page with a form asks to be reloaded.
    static func pending(_ request: JudgingReport.UncertaintyRequest?, selfUpdating: Bool = true) -> String? {
        guard let request else { return nil }
        return "Intervalles de rang en cours de calcul (\(FrenchTypography.count(request.draws, "tirage", "tirages")) sur "
            + "\(FrenchTypography.count(request.ballots.count, "notation", "notations")))\(FrenchTypography.noBreakSpace): "
            + (selfUpdating ? "cette page se complète d’elle-même dans quelques secondes." : "rechargez la page dans quelques secondes pour les voir.")
    }
}
