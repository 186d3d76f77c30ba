import Foundation
import GRDB

extension AppDatabase {
    /// The key of the one `throttle` row the health check rewrites (never a client's key: those name an address or an e-mail).
    static let healthProbeKey = "sante:sonde"

    /// Proves the database accepts writes: commits one real write (a single row, rewritten each time) and returns how
    /// long the transaction took.
    public func probeWrite(now: Date) throws -> TimeInterval {
        let start = Date()
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO throttle (key, failures, lastFailureAt) VALUES (?, 0, ?)
                    ON CONFLICT(key) DO UPDATE SET lastFailureAt = excluded.lastFailureAt
                    """, arguments: [Self.healthProbeKey, now])
        }
        return Date().timeIntervalSince(start)
    }
}
