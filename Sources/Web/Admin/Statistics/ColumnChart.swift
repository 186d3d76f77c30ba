import Core

/// The day-by-day series as a column chart (SVG geometry for the `admin/chart-columns` partial; see ``BarChart`` for
/// why it is a typed model and not markup).
///
/// A value is written above each column when the columns are wide enough, otherwise above the busiest day only; the
/// gridlines are labelled, and the table behind the chart gives every day.
struct ColumnChart: Encodable, Sendable {
    struct Column: Encodable, Sendable {
        let x: String
        let y: String
        let width: String
        let height: String
        /// The value written above the column, when there is room (nil: none).
        let value: String?
        let valueX: String
        let valueY: String
    }

    struct Gridline: Encodable, Sendable {
        let y: String
        let label: String
        let labelY: String
    }

    struct Tick: Encodable, Sendable {
        let x: String
        let label: String
        /// `start`, `middle` or `end`, so that the first and last labels stay inside the picture.
        let anchor: String
    }

    let id: String
    let caption: String
    let description: String
    let width: Int
    let height: Int
    let plotLeft: Int
    let plotRight: Int
    let baseline: Int
    let tickY: Int
    let columns: [Column]
    let gridlines: [Gridline]
    let ticks: [Tick]
    let table: DataTable
    let isEmpty: Bool

    static let width = 640
    static let height = 240
    static let left = 44
    static let right = 8
    static let top = 24
    static let bottom = 200
    /// Columns narrower than this get no value above them (but the busiest day's).
    static let labelledColumn = 22.0

    init(id: String, caption: String, description: String, days: [Tally<CalendarDay>], table: DataTable) {
        self.id = id
        self.caption = caption
        self.description = description
        self.table = table
        width = Self.width
        height = Self.height
        plotLeft = Self.left
        plotRight = Self.width - Self.right
        baseline = Self.bottom
        tickY = Self.bottom + 20
        isEmpty = days.isEmpty
        let top = Self.niceCeiling(days.map(\.count).max() ?? 0)
        let plotHeight = Double(Self.bottom - Self.top)
        let slot = Double(Self.width - Self.left - Self.right) / Double(max(days.count, 1))
        let busiest = days.reduce(nil as Tally<CalendarDay>?) { best, day in day.count > (best?.count ?? 0) ? day : best }
        columns = days.enumerated().map { index, day in
            let height = plotHeight * Double(day.count) / Double(top)
            let x = Double(Self.left) + slot * Double(index) + slot * 0.15
            let labelled = day.count > 0 && (slot >= Self.labelledColumn || day.key == busiest?.key)
            return Column(
                x: SVGNumber.text(x), y: SVGNumber.text(Double(Self.bottom) - height), width: SVGNumber.text(slot * 0.7),
                height: SVGNumber.text(height), value: labelled ? FrenchTypography.grouped(day.count) : nil,
                valueX: SVGNumber.text(x + slot * 0.35), valueY: SVGNumber.text(Double(Self.bottom) - height - 6))
        }
        gridlines = (top > 1 ? [0, top / 2, top] : [0, top]).map { value in
            let y = Double(Self.bottom) - plotHeight * Double(value) / Double(top)
            return Gridline(y: SVGNumber.text(y), label: FrenchTypography.grouped(value), labelY: SVGNumber.text(y + 4))
        }
        ticks = Self.ticks(days: days, slot: slot)
    }

    /// 1, then 2, 4, 6, 8, 10, 20, 40… at or above `value` (even, so that the middle gridline is a whole number).
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 1 else { return 1 }
        var magnitude = 1
        while magnitude < Int.max / 100 {
            for step in [2, 4, 6, 8] where step * magnitude >= value { return step * magnitude }
            magnitude *= 10
        }
        return value + value % 2
    }

    /// Date labels: every day when there are two weeks or fewer, otherwise the first day, each Monday and the last day,
    /// leaving out a Monday too close to either end.
    static func ticks(days: [Tally<CalendarDay>], slot: Double) -> [Tick] {
        guard let first = days.first?.key, let last = days.last?.key else { return [] }
        let minimumGap = 40.0
        func centre(_ index: Int) -> Double { Double(left) + slot * (Double(index) + 0.5) }
        var chosen: [(index: Int, anchor: String)] = []
        for (index, day) in days.enumerated() {
            let x = centre(index)
            if days.count <= 14 || day.key == first || day.key == last {
                chosen.append((index, days.count <= 14 ? "middle" : (day.key == first ? "start" : "end")))
            } else if ParisTime.weekday(of: day.key) == 2, x - centre(0) >= minimumGap, centre(days.count - 1) - x >= minimumGap {
                chosen.append((index, "middle"))
            }
        }
        return chosen.map { item in
            let day = days[item.index].key
            let x = item.anchor == "start" ? centre(item.index) - slot / 2 : item.anchor == "end" ? centre(item.index) + slot / 2 : centre(item.index)
            return Tick(x: SVGNumber.text(x), label: String(format: "%02d/%02d", day.day, day.month), anchor: item.anchor)
        }
    }
}
