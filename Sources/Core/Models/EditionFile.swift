import Foundation

/// The on-disk form of an edition (`Config/editions/*.json`): times are Paris wall-clock strings.
public struct EditionFile: Codable, Sendable {
    public var number: Int
    public var year: Int
    public var theme: String
    public var weekStart: CalendarDay
    public var weekEnd: CalendarDay
    /// `2022-01-10T00:00` (Paris time) or an ISO 8601 instant.
    public var submissionOpensAt: String
    public var submissionDeadline: String
    public var forumDay: CalendarDay?
    public var forumTheme: String?
    public var categories: [Category]
    public var criteria: [Criterion]
    public var prizes: [PrizeDefinition]?
    public var maxEntriesPerEstablishmentAndCategory: Int?
    public var accessCode: String?
    public var jury: JurySettings?

    /// Decodes a file's bytes, with French messages for every problem.
    public static func decode(_ data: Data) throws(EditionFileError) -> EditionFile {
        do {
            return try JSONDecoder().decode(EditionFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalid("champ obligatoire manquant : « \(key.stringValue) »")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid("valeur inattendue pour « \(context.codingPath.map(\.stringValue).joined(separator: ".")) »")
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalid(path.isEmpty ? "ce n’est pas un JSON valide" : "« \(path) » : \(context.debugDescription)")
        } catch {
            throw .invalid("ce n’est pas un JSON valide")
        }
    }

    /// The edition this file describes, in the `draft` state.
    public func edition() throws(EditionFileError) -> Edition {
        guard let opens = ParisTime.parse(submissionOpensAt) else { throw .invalid("date d’ouverture illisible : « \(submissionOpensAt) »") }
        guard let deadline = ParisTime.parse(submissionDeadline) else {
            throw .invalid("date limite illisible : « \(submissionDeadline) »")
        }
        // The texts shown on pages get French typography here, where they are made.
        let typeset = FrenchTypography.guillemets
        let edition = Edition(
            number: number, year: year, theme: typeset(theme), weekStart: weekStart, weekEnd: weekEnd,
            submissionOpensAt: opens, submissionDeadline: deadline, forumDay: forumDay, forumTheme: forumTheme.map(typeset),
            categories: categories.map { var c = $0; c.label = typeset(c.label); c.description = c.description.map(typeset); return c },
            criteria: criteria.map { var c = $0; c.label = typeset(c.label); c.description = c.description.map(typeset); return c },
            prizes: (prizes ?? []).map { var p = $0; p.label = typeset(p.label); return p },
            maxEntriesPerEstablishmentAndCategory: maxEntriesPerEstablishmentAndCategory ?? 1,
            accessCode: accessCode.flatMap { $0.isEmpty ? nil : $0 }, jury: jury ?? JurySettings()
        )
        let problems = edition.validationProblems()
        guard problems.isEmpty else { throw .invalid(problems.joined(separator: " ")) }
        return edition
    }
}

/// Why an edition file was refused.
public enum EditionFileError: Error, Equatable, Sendable {
    case invalid(String)

    public var message: String {
        switch self {
        case .invalid(let reason): return "Fichier d’édition invalide : \(reason)."
        }
    }
}

extension Edition {
    /// The same edition with its calendar moved so that entries are open at `now`, keeping every interval.
    ///
    /// The year and number stay those of the edition (it is still « the 2022 edition »). The demo uses it: the deadline lands `daysLeft` days after `now`, and the week, opening and forum day move with it.
    public func shiftedForDemo(now: Date, daysLeft: Int = 21) -> Edition {
        let targetDeadlineDay = CalendarDay(containing: now, in: ParisTime.zone).adding(days: daysLeft)
        let deadlineDay = CalendarDay(containing: submissionDeadline, in: ParisTime.zone)
        // Whole weeks, so that the week still runs from Monday to Saturday.
        let rawShift = Self.days(from: deadlineDay, to: targetDeadlineDay)
        let shiftDays = Int((Double(rawShift) / 7).rounded(.up)) * 7
        var moved = self
        moved.submissionDeadline = Self.sameWallClock(submissionDeadline, days: shiftDays)
        moved.submissionOpensAt = min(Self.sameWallClock(submissionOpensAt, days: shiftDays), now.addingTimeInterval(-86_400))
        moved.weekStart = weekStart.adding(days: shiftDays)
        moved.weekEnd = weekEnd.adding(days: shiftDays)
        moved.forumDay = forumDay?.adding(days: shiftDays)
        return moved
    }

    static func days(from a: CalendarDay, to b: CalendarDay) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let da = calendar.date(from: DateComponents(year: a.year, month: a.month, day: a.day, hour: 12)) ?? Date()
        let db = calendar.date(from: DateComponents(year: b.year, month: b.month, day: b.day, hour: 12)) ?? Date()
        return calendar.dateComponents([.day], from: da, to: db).day ?? 0
    }

    /// The instant with the same Paris wall-clock time, `days` days later (daylight saving aware).
    static func sameWallClock(_ date: Date, days: Int) -> Date {
        ParisTime.calendar.date(byAdding: .day, value: days, to: date) ?? date.addingTimeInterval(TimeInterval(days) * 86_400)
    }
}
