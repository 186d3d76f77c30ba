import Core

/// A horizontal bar chart as SVG geometry, drawn by the `admin/chart-bars` partial.
///
/// The chart is a typed model read by a Mustache loop rather than SVG markup made in Swift: every label goes through
/// the templates' HTML escaping like any other text, so no raw-HTML path exists in the application. Swift computes the
/// geometry (whole or one-decimal user units of the `viewBox`); the stylesheet gives the colours (the CSP forbids
/// inline styles), and each bar has its value written next to it, so colour never carries the figure alone.
struct BarChart: Encodable, Sendable {
    struct Bar: Encodable, Sendable {
        let label: String
        /// The figure as written next to the bar.
        let value: String
        let labelY: Int
        let barY: Int
        let barWidth: String
        /// For a progress bar, the width of the whole (what is expected); nil for a plain bar.
        let trackWidth: String?
        let valueX: String
        let valueY: Int
    }

    /// Prefix of the element ids (`graphique-departements`).
    let id: String
    let caption: String
    /// The figures in words: the SVG's accessible description.
    let description: String
    let width: Int
    let height: Int
    let bars: [Bar]
    let table: DataTable
    /// Said when there is nothing to draw.
    let isEmpty: Bool

    static let width = 480
    static let rowHeight = 56
    static let barHeight = 22

    /// One bar per item, scaled on the largest value.
    /// - Parameters:
    ///   - items: label, value and the figure as written beside the bar.
    ///   - valueRoom: user units kept at the right for the written figure.
    init(id: String, caption: String, description: String, items: [(label: String, value: Int, text: String)], table: DataTable, valueRoom: Int = 90) {
        let longest = max(items.map(\.value).max() ?? 0, 1)
        let room = Double(Self.width - valueRoom)
        self.init(
            id: id, caption: caption, description: description, table: table,
            rows: items.map { item in (item.label, item.text, room * Double(item.value) / Double(longest), nil) })
    }

    /// One progress bar per item: the track is what is expected, the bar what is done.
    init(id: String, caption: String, description: String, progress items: [(label: String, progress: JuryProgress, text: String)], table: DataTable) {
        let track = Double(Self.width - 200)
        self.init(
            id: id, caption: caption, description: description, table: table,
            rows: items.map { item in
                let share = item.progress.expected > 0 ? min(1, Double(item.progress.submitted) / Double(item.progress.expected)) : 0
                return (item.label, item.text, track * share, track)
            })
    }

    private init(id: String, caption: String, description: String, table: DataTable, rows: [(String, String, Double, Double?)]) {
        self.id = id
        self.caption = caption
        self.description = description
        self.table = table
        width = Self.width
        height = max(1, rows.count) * Self.rowHeight
        isEmpty = rows.isEmpty
        bars = rows.enumerated().map { index, row in
            let top = index * Self.rowHeight
            let end = row.3 ?? row.2
            return Bar(
                label: row.0, value: row.1, labelY: top + 17, barY: top + 24, barWidth: SVGNumber.text(row.2), trackWidth: row.3.map(SVGNumber.text),
                valueX: SVGNumber.text(end + 8), valueY: top + 41)
        }
    }
}

/// Numbers as SVG attributes: a point, at most one decimal, never the French comma.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
