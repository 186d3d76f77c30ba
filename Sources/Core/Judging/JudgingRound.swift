import Foundation

/// One judging round of an edition. Round 1 scores every eligible poster; round 2, if the organisers open one, scores
/// the shortlist afresh (every non-conflicted juror, without round-1 scores) and gives the final ranking.
public struct JudgingRound: Sendable, Equatable {
    public var number: Int
    /// k jurors per poster, or nil: every juror sees every poster they have no conflict with.
    public var perPoster: Int?
    public var openedAt: Date?
    public var closedAt: Date?
    public var closedBy: String?
    /// Ballots still missing when the round was closed.
    public var missingAtClose: Int?
    /// Round 2: whether the final ranking also counts round 1's ballots on the shortlisted posters (each juror's two
    /// readings of a poster both count), instead of round 2's alone. More ballots per poster, so a surer winner
    /// (JuryBench), at the price of assuming each juror is as severe in both rounds.
    public var cumulative: Bool

    public init(
        number: Int, perPoster: Int? = nil, openedAt: Date? = nil, closedAt: Date? = nil, closedBy: String? = nil, missingAtClose: Int? = nil,
        cumulative: Bool = false
    ) {
        self.cumulative = cumulative
        self.number = number
        self.perPoster = perPoster
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.missingAtClose = missingAtClose
    }

    /// The round an edition is in before organisers set anything: round 1, every juror, open.
    public static let first = JudgingRound(number: 1)

    public var isOpen: Bool { closedAt == nil }

    public var mode: JuryAssignment.Mode { perPoster.map { .perPoster($0) } ?? .everyJuror }

    /// « Tour 1 », « Second tour ».
    public var label: String { number == 1 ? "Premier tour" : "Second tour" }

    /// How posters are dealt, in French.
    public var modeLabel: String {
        guard let k = perPoster else { return "chaque juré note toutes les affiches (hors conflits d’intérêts)" }
        return FrenchTypography.count(k, "juré", "jurés") + " par affiche"
    }

    /// The rounds whose ballots make this round's ranking: itself, and round 1 for a cumulative round 2.
    public var countedRounds: [Int] { number > 1 && cumulative ? [1, number] : [number] }

    /// How the final ranking is made, in French (round 2), to follow a colon or a semicolon.
    public var finalRuleLabel: String { "l" + finalRuleText }

    /// The same as a sentence of its own.
    public var finalRuleSentence: String { "L" + finalRuleText + "." }

    private var finalRuleText: String {
        cumulative
            ? "e classement final cumule les notes des deux tours sur les affiches retenues"
            : "e classement final est celui du second tour seul"
    }

    /// The largest k organisers may ask for.
    public static let perPosterRange = 1...50
}

/// Why an entry is on the shortlist of round 2.
public enum ShortlistSource: String, Sendable, CaseIterable {
    /// Within the top n of its category by the default method.
    case rank = "rang"
    /// Added by the organisers.
    case added = "ajout"
    /// A juror's « coup de cœur ».
    case favourite = "coup de cœur"

    public var label: String {
        switch self {
        case .rank: return "dans les premiers de sa catégorie"
        case .added: return "ajoutée par les organisateurs"
        case .favourite: return "coup de cœur d’un juré"
        }
    }
}
