import Foundation

/// Rendered pages for signed-out visitors, keyed by everything the HTML depends on (template, title, encoded model).
///
/// Nothing needs invalidating: a change of data changes the model, hence the key. The cache is bounded; when full it
/// starts afresh, which costs one rendering per page.
final class RenderedPageCache: @unchecked Sendable {
    struct Key: Hashable {
        let template: String
        let title: String
        let model: TemplateValue
        /// The signed-in account the layout names (nil for a visitor).
        var account: LayoutModel.Account? = nil
    }

    static let capacity = 256
    private let lock = NSLock()
    private var pages: [Key: [String]] = [:]

    /// The page's parts around the CSRF token, rendered by `render` on a miss.
    func parts(for key: Key, render: () -> [String]) -> [String] {
        if let hit = lock.withLock({ pages[key] }) { return hit }
        let parts = render()
        lock.withLock {
            if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
            pages[key] = parts
        }
        return parts
    }

    var count: Int { lock.withLock { pages.count } }
}
