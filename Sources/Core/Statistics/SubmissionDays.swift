import Foundation

/// Entries received per Paris calendar day, from the opening day to the deadline day (days without any entry included).
///
/// Every entry received counts, whatever became of it since (withdrawn and cancelled entries were received that day).
/// While entries are still open the series stops today, so that days to come are not shown as days without entries.
/// Entries received after the deadline instant (the grace period) are kept apart, by day, and so are entries older
/// than the opening (possible only if the opening was moved later): the three parts add up to every entry received.
public struct SubmissionDays: Sendable, Hashable {
    /// From the opening day to the deadline day (or today), one tally a day.
    public var days: [Tally<CalendarDay>]
    /// Received after the deadline instant, by day.
    public var afterDeadline: [Tally<CalendarDay>]
    /// Received before the opening instant.
    public var beforeOpening: Int
    /// True when the series reaches the deadline day; false when it stops at today.
    public var reachesDeadline: Bool

    public init(days: [Tally<CalendarDay>], afterDeadline: [Tally<CalendarDay>], beforeOpening: Int, reachesDeadline: Bool) {
        self.days = days
        self.afterDeadline = afterDeadline
        self.beforeOpening = beforeOpening
        self.reachesDeadline = reachesDeadline
    }

    /// The longest series drawn: an edition opens a few months before its deadline.
    public static let maximumDays = 400

    /// - Parameters:
    ///   - dates: when each entry was received.
    ///   - opensAt: the opening instant; its Paris day starts the series.
    ///   - deadline: the last instant of the window (inclusive); its Paris day ends the series.
    ///   - now: the series stops at today's Paris day while it is before the deadline day.
    public init(dates: some Sequence<Date>, opensAt: Date, deadline: Date, now: Date) {
        let firstDay = ParisTime.day(containing: opensAt)
        let deadlineDay = ParisTime.day(containing: deadline)
        let today = ParisTime.day(containing: now)
        var inWindow: [CalendarDay: Int] = [:]
        var late: [CalendarDay: Int] = [:]
        var early = 0
        var lastInWindow: CalendarDay?
        for date in dates {
            if date < opensAt {
                early += 1
            } else if date > deadline {
                late[ParisTime.day(containing: date), default: 0] += 1
            } else {
                let day = ParisTime.day(containing: date)
                inWindow[day, default: 0] += 1
                if lastInWindow.map({ $0 < day }) ?? true { lastInWindow = day }
            }
        }
        // Today, but never before a day that has entries (a clock set back), and never past the deadline day.
        let lastDay = min(deadlineDay, max(today, lastInWindow ?? today))
        reachesDeadline = lastDay == deadlineDay
        var series: [Tally<CalendarDay>] = []
        var day = firstDay
        while day <= lastDay && series.count < Self.maximumDays {
            series.append(Tally(day, inWindow[day] ?? 0))
            day = day.adding(days: 1)
        }
        if let last = series.last?.key, last < lastDay {
            // Longer than any real edition: the days past the limit are reported with the late ones rather than lost.
            reachesDeadline = false
            for (day, count) in inWindow where day > last { late[day, default: 0] += count }
        }
        days = series
        afterDeadline = late.map { Tally($0.key, $0.value) }.sorted { $0.key < $1.key }
        beforeOpening = early
    }

    /// Entries counted in the day-by-day series.
    public var inWindow: Int { days.reduce(0) { $0 + $1.count } }
    public var late: Int { afterDeadline.reduce(0) { $0 + $1.count } }
    /// The busiest day of the series (the first of them on a tie), nil when no entry is in it.
    public var busiest: Tally<CalendarDay>? {
        days.reduce(nil) { best, day in day.count > (best?.count ?? 0) ? day : best }
    }
}

extension ParisTime {
    /// The Paris calendar day of an instant, with the calendar made once (a new Calendar per entry is slow on Linux).
    public static func day(containing date: Date) -> CalendarDay {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// 1 for Sunday, 2 for Monday… 7 for Saturday (Gregorian numbering).
    public static func weekday(of day: CalendarDay) -> Int {
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
        return calendar.component(.weekday, from: noon)
    }
}
