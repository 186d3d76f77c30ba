import Foundation

/// How long personal data and the originals of non-awarded entries are kept after an edition's results are published.
public struct RetentionPolicy: Codable, Sendable, Hashable {
    /// Months after publication before the teacher names and e-mails of all entries are erased (0: at once).
    public var personalDataMonths: Int
    /// Months after publication before the original files of entries without a prize are deleted (0: at once).
    public var nonAwardedOriginalsMonths: Int

    /// Ten years: beyond that a setting is surely a typo.
    public static let maximumMonths = 120

    public init(personalDataMonths: Int = 12, nonAwardedOriginalsMonths: Int = 12) {
        self.personalDataMonths = personalDataMonths
        self.nonAwardedOriginalsMonths = nonAwardedOriginalsMonths
    }

    /// Missing keys take their defaults.
    public init(from decoder: any Decoder) throws {
        let defaults = RetentionPolicy()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        personalDataMonths = try c.decodeIfPresent(Int.self, forKey: .personalDataMonths) ?? defaults.personalDataMonths
        nonAwardedOriginalsMonths = try c.decodeIfPresent(Int.self, forKey: .nonAwardedOriginalsMonths) ?? defaults.nonAwardedOriginalsMonths
    }

    /// What is wrong with the settings, in French; empty when they can be used.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        for (key, value) in [("personalDataMonths", personalDataMonths), ("nonAwardedOriginalsMonths", nonAwardedOriginalsMonths)]
        where !(0...Self.maximumMonths).contains(value) {
            problems.append("retention.\(key) doit être un nombre de mois entre 0 et \(Self.maximumMonths) (reçu \(value))")
        }
        return problems
    }

    /// When each deletion falls due for an edition; nil dates while its results are not published.
    /// - Parameters:
    ///   - state: the edition's state; only published and archived editions are ever due.
    ///   - publishedAt: when its results were (first) published.
    public func schedule(state: EditionState, publishedAt: Date?) -> RetentionSchedule {
        guard state == .published || state == .archived, let publishedAt else {
            return RetentionSchedule(personalDataDueAt: nil, nonAwardedOriginalsDueAt: nil)
        }
        return RetentionSchedule(
            personalDataDueAt: Retention.adding(months: personalDataMonths, to: publishedAt),
            nonAwardedOriginalsDueAt: Retention.adding(months: nonAwardedOriginalsMonths, to: publishedAt))
    }
}

/// One of the two deletions the retention policy asks for.
public enum RetentionTask: String, Sendable, Hashable, CaseIterable {
    /// Teacher names and e-mails of every entry.
    case personalData
    /// Original files of entries that received no prize.
    case nonAwardedOriginals
}

/// The instants an edition's deletions fall due.
public struct RetentionSchedule: Sendable, Hashable {
    public let personalDataDueAt: Date?
    public let nonAwardedOriginalsDueAt: Date?

    public init(personalDataDueAt: Date?, nonAwardedOriginalsDueAt: Date?) {
        self.personalDataDueAt = personalDataDueAt
        self.nonAwardedOriginalsDueAt = nonAwardedOriginalsDueAt
    }

    public func dueAt(_ task: RetentionTask) -> Date? {
        switch task {
        case .personalData: return personalDataDueAt
        case .nonAwardedOriginals: return nonAwardedOriginalsDueAt
        }
    }

    /// True once the task's date has come (never for an unpublished edition).
    public func isDue(_ task: RetentionTask, now: Date) -> Bool {
        guard let date = dueAt(task) else { return false }
        return date <= now
    }
}

/// What an edition's purges have done so far, as recorded on the edition.
public struct RetentionRecord: Sendable, Hashable {
    public var editionId: Int64
    /// When the results were first published (nil: never).
    public var publishedAt: Date?
    public var personalDataPurgedAt: Date?
    /// Entries whose teacher name and e-mail that purge erased.
    public var personalDataErasedCount: Int
    public var originalsPurgedAt: Date?
    /// Entries whose original that purge dropped.
    public var originalsDeletedCount: Int
    /// Stored files that went with them (a file shared with a kept entry stays).
    public var filesDeletedCount: Int

    public init(
        editionId: Int64, publishedAt: Date? = nil, personalDataPurgedAt: Date? = nil, personalDataErasedCount: Int = 0,
        originalsPurgedAt: Date? = nil, originalsDeletedCount: Int = 0, filesDeletedCount: Int = 0
    ) {
        self.editionId = editionId
        self.publishedAt = publishedAt
        self.personalDataPurgedAt = personalDataPurgedAt
        self.personalDataErasedCount = personalDataErasedCount
        self.originalsPurgedAt = originalsPurgedAt
        self.originalsDeletedCount = originalsDeletedCount
        self.filesDeletedCount = filesDeletedCount
    }

    public func purgedAt(_ task: RetentionTask) -> Date? {
        switch task {
        case .personalData: return personalDataPurgedAt
        case .nonAwardedOriginals: return originalsPurgedAt
        }
    }
}

/// The retention rule: what is due, for an edition, at a given instant.
public enum Retention {
    /// `months` calendar months after `date`, in Paris time; a day the target month lacks becomes its last day (31 January + 1 = 28 or 29 February).
    public static func adding(months: Int, to date: Date) -> Date {
        ParisTime.calendar.date(byAdding: .month, value: months, to: date) ?? date
    }

    /// The tasks due at `now` and not yet done, in a fixed order.
    public static func pending(policy: RetentionPolicy, state: EditionState, record: RetentionRecord?, now: Date) -> [RetentionTask] {
        let schedule = policy.schedule(state: state, publishedAt: record?.publishedAt)
        return RetentionTask.allCases.filter { task in schedule.isDue(task, now: now) && record?.purgedAt(task) == nil }
    }

    /// « effacé le jeudi 4 mai 2023 »: what pages show in place of an erased name or e-mail.
    public static func erasedLabel(_ date: Date) -> String {
        "effacé le \(ParisTime.longDay(CalendarDay(containing: date, in: ParisTime.zone)))"
    }

    /// « supprimé le jeudi 4 mai 2023 »: what pages show in place of a deleted original.
    public static func deletedLabel(_ date: Date) -> String {
        "supprimé le \(ParisTime.longDay(CalendarDay(containing: date, in: ParisTime.zone)))"
    }

    /// « c•••@ac-creteil.fr »: an address as the journal may name it (first character and domain only).
    public static func masked(email: String) -> String {
        let parts = email.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[0].first else { return "•••" }
        return "\(first)•••@\(parts[1])"
    }
}
