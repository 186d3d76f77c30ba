/// How many entries share one value (a département, a kind of establishment, a category, a day).
public struct Tally<Key: Hashable & Sendable>: Sendable, Hashable {
    public var key: Key
    public var count: Int

    public init(_ key: Key, _ count: Int) {
        self.key = key
        self.count = count
    }
}

/// Entries by the organisers' check, over the entries in competition.
public struct EligibilityCounts: Sendable, Hashable {
    public var pending = 0
    public var eligible = 0
    public var ineligible = 0

    public init(pending: Int = 0, eligible: Int = 0, ineligible: Int = 0) {
        self.pending = pending
        self.eligible = eligible
        self.ineligible = ineligible
    }

    public var total: Int { pending + eligible + ineligible }
}

/// Entries by status, over every entry received.
public struct StatusCounts: Sendable, Hashable {
    public var active = 0
    public var withdrawn = 0
    public var cancelled = 0

    public init(active: Int = 0, withdrawn: Int = 0, cancelled: Int = 0) {
        self.active = active
        self.withdrawn = withdrawn
        self.cancelled = cancelled
    }

    public var total: Int { active + withdrawn + cancelled }
}

/// Ballots submitted against ballots expected: every enabled juror scores every poster the jury sees, except those of
/// the establishments they declared a conflict with.
public struct JuryProgress: Sendable, Hashable {
    public var submitted: Int
    public var expected: Int

    public init(submitted: Int, expected: Int) {
        self.submitted = submitted
        self.expected = expected
    }

    /// Whole percent, rounded down so that 100 % means done; nil when nothing is expected.
    public var percent: Int? { expected > 0 ? submitted * 100 / expected : nil }
}

/// The jury progress of one category (its code).
public struct CategoryProgress: Sendable, Hashable {
    public var category: String
    public var progress: JuryProgress

    public init(category: String, progress: JuryProgress) {
        self.category = category
        self.progress = progress
    }
}
