import Foundation
import Storage

/// Whole pages as of one state of the database, so that a request that finds its page kept costs neither the database
/// reads nor the model nor the rendering: the palmarès sent to every school at once, a juror going back and forth.
///
/// The key holds everything such a page depends on: its address (path and query, host), the database's change stamp
/// (any commit, by this process or another, changes it), the account signed in, and the `moment` — what of the clock
/// the page shows (the edition's calendar flags, a closed-window message). A page with a flash message is never kept.
final class PageMemo: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        let uri: String
        let authority: String?
        let stamp: ChangeStamp
        /// Who is signed in (their pages are theirs), and how the layout names them.
        let userID: Int64?
        let account: LayoutModel.Account?
        let moment: String
    }

    static let capacity = 512
    private let lock = NSLock()
    private var pages: [Key: [String]] = [:]

    func parts(for key: Key) -> [String]? { lock.withLock { pages[key] } }

    func store(_ parts: [String], for key: Key) {
        lock.withLock {
            // Pages of an older stamp are never asked for again: when full, start afresh.
            if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
            pages[key] = parts
        }
    }
}
