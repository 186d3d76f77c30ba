/// The table behind a chart: the same figures as text, for anyone who cannot or would rather not read the picture.
struct DataTable: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        /// The row's header cell (`<th scope="row">`).
        let header: Markup
        let cells: [Cell]
    }

    /// Texts are `Markup`: escaped, ordinals raised (« dimanche 1<sup>er</sup> novembre »).
    struct Cell: Encodable, Sendable {
        let text: Markup

        init(_ text: String) { self.text = Markup(text) }
    }

    let caption: String
    /// Column headers, the row headers' column first.
    let columns: [Cell]
    let rows: [Row]

    init(caption: String, columns: [String], rows: [(header: String, cells: [String])]) {
        self.caption = caption
        self.columns = columns.map(Cell.init)
        self.rows = rows.map { Row(header: Markup($0.header), cells: $0.cells.map(Cell.init)) }
    }
}
