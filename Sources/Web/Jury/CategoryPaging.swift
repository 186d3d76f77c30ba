import Core

/// Lists made of one section per category (rankings), paged as a single list: categories keep their order and each
/// row its rank; a page shows the sections that have rows on it.
enum CategoryPaging {
    /// For each section, its rows on this page, or nil when the section is not on this page. An empty section shows on
    /// the page where its rows would have been: the one holding the last row of the sections before it (the first page
    /// when none has rows).
    static func slice<Row>(_ sections: [[Row]], paging: Paging) -> [ArraySlice<Row>?] {
        let lower = paging.offset
        let upper = paging.offset + paging.size
        var start = 0
        return sections.map { rows in
            defer { start += rows.count }
            guard !rows.isEmpty else {
                let anchor = max(start - 1, 0)
                return anchor >= lower && anchor < upper ? rows[...] : nil
            }
            let from = max(start, lower)
            let to = min(start + rows.count, upper)
            guard from < to else { return nil }
            return rows[(from - start)..<(to - start)]
        }
    }
}
