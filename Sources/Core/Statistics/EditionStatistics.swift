import Foundation

/// The figures of an edition for the académie's report, computed from plain facts (no I/O).
///
/// What counts where:
/// - *received*: every entry ever filed, whatever its status; the day-by-day series counts these.
/// - *in competition* (`status == .active`): the entries per département, per kind of establishment, per category and
///   by eligibility; withdrawn (by the school) and cancelled (by the organisers) entries are counted only in `statuses`.
/// - *taking part* (in competition and eligible, ``Participation/takesPart(status:eligibility:)``): what the jury judges,
///   so the jury progress and the palmarès line.
public struct EditionStatistics: Sendable, Hashable {
    public var statuses: StatusCounts
    /// Distinct establishments of the entries in competition.
    public var establishments: Int
    /// Entries in competition per département, most first (then by code).
    public var byDepartement: [Tally<String>]
    /// Entries in competition per kind of establishment, most first (then in the directory's order); kinds without any
    /// entry are left out.
    public var byEstablishmentType: [Tally<EstablishmentType>]
    /// Entries in competition per category code, in the edition's order, then any code the edition no longer has.
    public var byCategory: [Tally<String>]
    public var eligibility: EligibilityCounts
    public var days: SubmissionDays
    /// Jury progress per category (same order as `byCategory`), and over the edition.
    public var juryByCategory: [CategoryProgress]
    public var jury: JuryProgress
    /// Enabled jurors.
    public var jurors: Int
    public var participation: Participation

    public var received: Int { statuses.total }
    public var inCompetition: Int { statuses.active }

    /// The jury progress of one category.
    public func jury(category: String) -> JuryProgress {
        juryByCategory.first { $0.category == category }?.progress ?? JuryProgress(submitted: 0, expected: 0)
    }

    public init(edition: Edition, input: StatisticsInput, now: Date) {
        var statuses = StatusCounts()
        var eligibility = EligibilityCounts()
        var departements: [String: Int] = [:]
        var types: [EstablishmentType: Int] = [:]
        var categories: [String: Int] = [:]
        var establishments = Set<String>()
        for entry in input.entries {
            switch entry.status {
            case .active: statuses.active += 1
            case .withdrawn: statuses.withdrawn += 1
            case .cancelled: statuses.cancelled += 1
            }
            guard entry.status == .active else { continue }
            switch entry.eligibility {
            case .pending: eligibility.pending += 1
            case .eligible: eligibility.eligible += 1
            case .ineligible: eligibility.ineligible += 1
            }
            departements[entry.departement, default: 0] += 1
            types[entry.establishmentType, default: 0] += 1
            categories[entry.categoryCode, default: 0] += 1
            establishments.insert(entry.establishment)
        }
        self.statuses = statuses
        self.eligibility = eligibility
        self.establishments = establishments.count
        byDepartement = departements.map { Tally($0.key, $0.value) }.sorted { ($1.count, $0.key) < ($0.count, $1.key) }
        let typeOrder = Dictionary(uniqueKeysWithValues: EstablishmentType.allCases.enumerated().map { ($1, $0) })
        byEstablishmentType = types.map { Tally($0.key, $0.value) }.sorted {
            ($1.count, typeOrder[$0.key] ?? 0) < ($0.count, typeOrder[$1.key] ?? 0)
        }
        let editionCodes = edition.categories.map(\.code)
        let others = categories.keys.filter { !editionCodes.contains($0) }.sorted()
        byCategory = (editionCodes + others).map { Tally($0, categories[$0] ?? 0) }
        days = SubmissionDays(
            dates: input.entries.lazy.map(\.createdAt), opensAt: edition.submissionOpensAt, deadline: edition.submissionDeadline, now: now)
        participation = Participation(input.entries.lazy.map { ($0.status, $0.eligibility, $0.establishment) })
        jurors = input.jurors.count
        (juryByCategory, jury) = Self.juryProgress(input: input, categories: editionCodes + others)
    }

    /// Submitted ballots that count (an enabled juror's, on a poster the jury sees, outside the juror's conflicts, dealt to
    /// them when posters are dealt k per poster) against what is expected of every enabled juror, in round 1.
    static func juryProgress(input: StatisticsInput, categories: [String]) -> ([CategoryProgress], JuryProgress) {
        var judged: [Int64: StatisticsInput.EntryFact] = [:]
        var perCategory: [String: Int] = [:]
        var perCategoryAndSchool: [String: [String: Int]] = [:]
        for entry in input.entries where Participation.takesPart(status: entry.status, eligibility: entry.eligibility) {
            judged[entry.id] = entry
            perCategory[entry.categoryCode, default: 0] += 1
            perCategoryAndSchool[entry.categoryCode, default: [:]][entry.establishment, default: 0] += 1
        }
        var expected: [String: Int] = [:]
        var conflicts: [Int64: Set<String>] = [:]
        for juror in input.jurors {
            conflicts[juror.id] = juror.conflicts
            if let dealt = input.dealt {
                for entryID in dealt[juror.id] ?? [] {
                    guard let entry = judged[entryID], !juror.conflicts.contains(entry.establishment) else { continue }
                    expected[entry.categoryCode, default: 0] += 1
                }
                continue
            }
            for (category, count) in perCategory {
                let hidden = juror.conflicts.reduce(0) { $0 + (perCategoryAndSchool[category]?[$1] ?? 0) }
                expected[category, default: 0] += count - hidden
            }
        }
        var submitted: [String: Int] = [:]
        for ballot in input.ballots where ballot.submitted {
            guard let entry = judged[ballot.entryId], let jurorConflicts = conflicts[ballot.jurorId],
                !jurorConflicts.contains(entry.establishment), input.dealt.map({ $0[ballot.jurorId]?.contains(ballot.entryId) == true }) ?? true
            else { continue }
            submitted[entry.categoryCode, default: 0] += 1
        }
        let result = categories.map { category in
            CategoryProgress(category: category, progress: JuryProgress(submitted: submitted[category] ?? 0, expected: expected[category] ?? 0))
        }
        let overall = JuryProgress(submitted: submitted.values.reduce(0, +), expected: expected.values.reduce(0, +))
        return (result, overall)
    }
}
