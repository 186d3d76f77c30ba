/// What took part in the competition: the entries the jury judged (in competition and eligible) and their establishments.
public struct Participation: Sendable, Hashable {
    public var entries: Int
    public var establishments: Int

    public init(entries: Int, establishments: Int) {
        self.entries = entries
        self.establishments = establishments
    }

    /// The one rule of what « took part » means, for the statistics page, its CSV and the palmarès line.
    public static func takesPart(status: EntryStatus, eligibility: Eligibility) -> Bool {
        status == .active && eligibility == .eligible
    }

    /// Counts the entries that take part and their distinct establishments (UAI codes).
    public init(_ entries: some Sequence<(status: EntryStatus, eligibility: Eligibility, establishment: String)>) {
        var count = 0
        var establishments = Set<String>()
        for entry in entries where Self.takesPart(status: entry.status, eligibility: entry.eligibility) {
            count += 1
            establishments.insert(entry.establishment)
        }
        self.init(entries: count, establishments: establishments.count)
    }

    /// « 214 affiches de 97 établissements », « 1 affiche de 1 établissement »; nil when nothing took part.
    public var summary: String? {
        guard entries > 0 else { return nil }
        return "\(FrenchTypography.count(entries, "affiche", "affiches")) de \(FrenchTypography.count(establishments, "établissement", "établissements"))"
    }
}
