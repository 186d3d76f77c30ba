import Foundation

/// Reading and writing instants the way French schools do: in Europe/Paris time, with French words.
public enum ParisTime {
    /// The académie's time zone.
    public static let zone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600) ?? .current

    static let weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// Made once: building a Calendar is slow on Linux, and every date on every page goes through it.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// Parses `2022-03-31T23:59`, `2022-03-31 23:59:59` (Paris wall-clock time) or an ISO 8601 instant with an offset.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("Z") || trimmed.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil {
            let iso = ISO8601DateFormatter()
            iso.formatOptions = [.withInternetDateTime]
            if let date = iso.date(from: trimmed) { return date }
        }
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$"#
        guard let match = trimmed.range(of: pattern, options: .regularExpression), match == trimmed.startIndex..<trimmed.endIndex else {
            return nil
        }
        let numbers = trimmed.split(whereSeparator: { "-T :".contains($0) }).compactMap { Int($0) }
        guard numbers.count >= 3, let day = CalendarDay(String(trimmed.prefix(10))) else { return nil }
        var components = DateComponents(year: day.year, month: day.month, day: day.day)
        components.hour = numbers.count > 3 ? numbers[3] : 0
        components.minute = numbers.count > 4 ? numbers[4] : 0
        components.second = numbers.count > 5 ? numbers[5] : 0
        guard (0...23).contains(components.hour ?? 0), (0...59).contains(components.minute ?? 0), (0...59).contains(components.second ?? 0)
        else { return nil }
        return calendar.date(from: components)
    }

    /// `2022-03-31T23:59:59` in Paris time (no offset), for files and forms.
    public static func localISO(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// « jeudi 31 mars 2022 ».
    public static func longDay(_ day: CalendarDay) -> String {
        if let known = longDays.value(for: day) { return known }
        let text = makeLongDay(day)
        longDays.store(text, for: day)
        return text
    }

    /// Days already written out: the same few dates (an edition's calendar) appear on every page.
    private static let longDays = Memo<CalendarDay, String>()

    private static func makeLongDay(_ day: CalendarDay) -> String {
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
        let weekday = calendar.component(.weekday, from: date)
        return "\(weekdays[weekday - 1]) \(dayNumber(day.day)) \(months[day.month - 1]) \(day.year)"
    }

    /// « jeudi 31 mars 2022 à 23 h 59 ».
    public static func longDateTime(_ date: Date) -> String {
        if let known = longDateTimes.value(for: date) { return known }
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let day = CalendarDay(containing: date, in: zone)
        let text = "\(longDay(day)) à \(c.hour ?? 0)\u{00A0}h\u{00A0}\(String(format: "%02d", c.minute ?? 0))"
        longDateTimes.store(text, for: date)
        return text
    }

    private static let longDateTimes = Memo<Date, String>()
    /// Lists show one date a row: enough room for the rows of a large edition.
    private static let shortTexts = Memo<Date, String>(capacity: 32_768)

    /// « 31 mars 2022 à 23 h 59 »: the long form without the weekday, for a date a row of a table shows.
    public static func dateTime(_ date: Date) -> String {
        if let known = dateTimes.value(for: date) { return known }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minutes = (c.minute ?? 0) < 10 ? "0\(c.minute ?? 0)" : "\(c.minute ?? 0)"
        let text = "\(dayNumber(c.day ?? 1)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 0) à \(c.hour ?? 0)\u{00A0}h\u{00A0}\(minutes)"
        dateTimes.store(text, for: date)
        return text
    }

    private static let dateTimes = Memo<Date, String>(capacity: 32_768)

    /// « 31/03/2022 23:59 », for exports (CSV) and the command line.
    public static func short(_ date: Date) -> String {
        if let known = shortTexts.value(for: date) { return known }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let text = String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
        shortTexts.store(text, for: date)
        return text
    }

    /// « du lundi 11 au samedi 16 avril 2022 ».
    public static func weekRange(_ start: CalendarDay, _ end: CalendarDay) -> String {
        let startLong = longDay(start).split(separator: " ")
        if start.year == end.year && start.month == end.month {
            return "du \(startLong[0]) \(startLong[1]) au \(longDay(end))"
        }
        if start.year == end.year {
            return "du \(startLong.dropLast().joined(separator: " ")) au \(longDay(end))"
        }
        return "du \(longDay(start)) au \(longDay(end))"
    }

    static func dayNumber(_ day: Int) -> String { day == 1 ? "1er" : "\(day)" }
}
