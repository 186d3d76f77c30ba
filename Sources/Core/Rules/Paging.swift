/// One page of a long list: which rows to read, and what the page links say. Pages count from 1.
public struct Paging: Sendable, Equatable {
    /// Page sizes offered to organisers and jurors; any other size asked for is brought to the nearest one.
    public static let sizes = [25, 50, 100, 200]
    public static let defaultSize = 50

    public let page: Int
    public let size: Int
    public let total: Int

    /// - Parameters:
    ///   - page: the page asked for (text from the URL); missing, unreadable or below 1 means the first page,
    ///     past the end means the last page.
    ///   - size: rows per page asked for; brought to one of `sizes`.
    ///   - total: rows in the whole filtered list.
    public init(page: String?, size: String?, total: Int, defaultSize: Int = Paging.defaultSize) {
        let askedSize = size.flatMap { Int($0.prefix(6)) } ?? defaultSize
        self.size = Self.sizes.min { abs($0 - askedSize) < abs($1 - askedSize) } ?? defaultSize
        self.total = max(0, total)
        let pageCount = max(1, (self.total + self.size - 1) / self.size)
        let askedPage = page.flatMap { Int($0.prefix(9)) } ?? 1
        self.page = min(max(1, askedPage), pageCount)
    }

    public var pageCount: Int { max(1, (total + size - 1) / size) }
    /// Rows to skip in SQL's `OFFSET`.
    public var offset: Int { (page - 1) * size }
    /// 1-based position of the first and last rows shown (0 and 0 for an empty list).
    public var firstShown: Int { total == 0 ? 0 : offset + 1 }
    public var lastShown: Int { min(total, offset + size) }

    /// The page numbers to link: the first, the last, and two either side of the current one; `nil` stands for a gap.
    public var window: [Int?] {
        let wanted = Set([1, pageCount] + Array(max(1, page - 2)...min(pageCount, page + 2)))
        var result: [Int?] = []
        var previous = 0
        for number in wanted.sorted() {
            if number > previous + 1 { result.append(nil) }
            result.append(number)
            previous = number
        }
        return result
    }
}
