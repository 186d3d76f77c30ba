import Foundation

/// One yearly edition of the competition: its theme, calendar, categories, criteria and state.
public struct Edition: Hashable, Sendable, Codable {
    /// Database identity; nil before the edition is stored.
    public var id: Int64?
    /// Edition number (8 for the 2022 one).
    public var number: Int
    public var year: Int
    public var theme: String
    public var weekStart: CalendarDay
    public var weekEnd: CalendarDay
    /// First instant entries are accepted.
    public var submissionOpensAt: Date
    /// Last instant entries are accepted (inclusive).
    public var submissionDeadline: Date
    public var forumDay: CalendarDay?
    public var forumTheme: String?
    public var categories: [Category]
    public var criteria: [Criterion]
    public var prizes: [PrizeDefinition]
    /// How many entries one establishment may send in one category.
    public var maxEntriesPerEstablishmentAndCategory: Int
    /// When set, submitters must type it (given to establishments by the académie).
    public var accessCode: String?
    public var jury: JurySettings
    public var state: EditionState

    public init(
        id: Int64? = nil, number: Int, year: Int, theme: String, weekStart: CalendarDay, weekEnd: CalendarDay,
        submissionOpensAt: Date, submissionDeadline: Date, forumDay: CalendarDay? = nil, forumTheme: String? = nil,
        categories: [Category], criteria: [Criterion], prizes: [PrizeDefinition] = [],
        maxEntriesPerEstablishmentAndCategory: Int = 1, accessCode: String? = nil,
        jury: JurySettings = JurySettings(), state: EditionState = .draft
    ) {
        self.id = id
        self.number = number
        self.year = year
        self.theme = theme
        self.weekStart = weekStart
        self.weekEnd = weekEnd
        self.submissionOpensAt = submissionOpensAt
        self.submissionDeadline = submissionDeadline
        self.forumDay = forumDay
        self.forumTheme = forumTheme
        self.categories = categories
        self.criteria = criteria
        self.prizes = prizes
        self.maxEntriesPerEstablishmentAndCategory = maxEntriesPerEstablishmentAndCategory
        self.accessCode = accessCode
        self.jury = jury
        self.state = state
    }

    /// « 8e édition » style ordinal title.
    public var title: String {
        "\(FrenchTypography.ordinal(number, feminine: true)) édition"
    }

    public func category(code: String) -> Category? { categories.first { $0.code == code } }

    /// Problems that make the edition unusable, in French; empty when it is consistent.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if theme.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Le thème est vide.") }
        if weekEnd < weekStart { problems.append("La semaine se termine (\(weekEnd)) avant de commencer (\(weekStart)).") }
        if submissionDeadline <= submissionOpensAt {
            problems.append("La date limite de dépôt doit être postérieure à l’ouverture des dépôts.")
        }
        if categories.isEmpty { problems.append("Aucune catégorie n’est définie.") }
        if criteria.isEmpty { problems.append("Aucun critère de notation n’est défini.") }
        if Set(categories.map(\.code)).count != categories.count { problems.append("Deux catégories ont le même code.") }
        if Set(criteria.map(\.code)).count != criteria.count { problems.append("Deux critères ont le même code.") }
        for criterion in criteria {
            if criterion.weight <= 0 { problems.append("Le critère « \(criterion.label) » doit avoir un poids positif.") }
            if criterion.scale.max <= criterion.scale.min {
                problems.append("Le barème du critère « \(criterion.label) » est vide (\(criterion.scale.min) à \(criterion.scale.max)).")
            }
        }
        if maxEntriesPerEstablishmentAndCategory < 1 {
            problems.append("Le nombre maximal d’affiches par établissement et par catégorie doit être au moins 1.")
        }
        if jury.quorum < 1 { problems.append("Le quorum du jury doit être au moins 1.") }
        return problems
    }
}

/// How the jury's scores are gathered and read.
public struct JurySettings: Hashable, Sendable, Codable {
    /// Scores wanted per entry before its mean is trusted.
    public var quorum: Int
    /// A poster is flagged when its ballots, as the scoring method being viewed reads them, spread over at least this share
    /// of the scale's range (0.4: 4 points on 0–10, 2 on 0–5). Relative, so that it means the same on every scale.
    public var disagreementShare: Double
    /// Per-juror normalisation (the z-score) applies only to jurors with at least this many scored entries.
    public var normalisationMinimum: Int

    public init(quorum: Int = 3, disagreementShare: Double = 0.4, normalisationMinimum: Int = 5) {
        self.quorum = quorum
        self.disagreementShare = disagreementShare
        self.normalisationMinimum = normalisationMinimum
    }

    enum CodingKeys: String, CodingKey {
        case quorum, disagreementShare, normalisationMinimum
    }

    /// Editions stored before the threshold became relative carry `disagreementThreshold` (points) instead: it is no longer
    /// read, and the default share applies.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quorum = try container.decodeIfPresent(Int.self, forKey: .quorum) ?? 3
        disagreementShare = try container.decodeIfPresent(Double.self, forKey: .disagreementShare) ?? 0.4
        normalisationMinimum = try container.decodeIfPresent(Int.self, forKey: .normalisationMinimum) ?? 5
    }
}
