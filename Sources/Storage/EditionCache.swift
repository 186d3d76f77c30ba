import Core
import Foundation
import GRDB

/// Decoded editions, kept with the exact row they came from. A read still fetches the row (so a change by any
/// connection or process, the CLI included, is seen at once), but decodes its JSON columns only when the row differs
/// from the one decoded last time.
final class EditionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [Int64: (row: Row, edition: Edition)] = [:]

    func edition(for row: Row) throws -> Edition {
        let id: Int64? = row["id"]
        if let id, let hit = lock.withLock({ decoded[id] }), hit.row == row { return hit.edition }
        let edition = try EditionRecord(row: row).edition
        if let id { lock.withLock { decoded[id] = (row.copy(), edition) } }
        return edition
    }
}
