import Core

/// How rank uncertainty reads on every ranking page (classement, jury dashboard, deliberation, second-round proposal).
enum UncertaintyText {
    /// `2`, or `1–3`; « — » without an interval.
    static func interval(_ range: ClosedRange<Int>?) -> String {
        guard let range else { return "—" }
        return range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }

    /// `84 %`; « — » without a probability.
    static func probability(_ value: Double?) -> String {
        guard let value else { return "—" }
        return "\(Int((value * 100).rounded()))\(FrenchTypography.noBreakSpace)%"
    }

    /// « AB-123, CD-456 : ces 2 affiches ne peuvent pas être départagées par les notes. »
    static func notice(_ group: RankUncertainty.Group, codes: [Int64: String]) -> String {
        "\(group.posterIds.compactMap { codes[$0] }.joined(separator: ", "))\(FrenchTypography.noBreakSpace): \(group.sentence)."
    }
}
