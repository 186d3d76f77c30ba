import Core
import Foundation
import GRDB

/// A throttle counter: how many failures, the last one when.
public struct ThrottleCounter: Sendable, Equatable {
    public var failures: Int
    public var lastFailureAt: Date
}

/// A counter and the policy it is judged by.
public struct ThrottleKey: Sendable {
    public var key: String
    public var policy: ThrottlePolicy

    public init(_ key: String, _ policy: ThrottlePolicy) {
        self.key = key
        self.policy = policy
    }
}

extension AppDatabase {
    /// When the next attempt is allowed under every key's policy, or nil when it is allowed now.
    public func throttledUntil(_ keys: [ThrottleKey], now: Date) throws -> Date? {
        let counters = try throttleCounters(keys.map(\.key))
        return keys.compactMap { key in
            counters[key.key].flatMap { key.policy.blockedUntil(failures: $0.failures, lastFailureAt: $0.lastFailureAt, now: now) }
        }.max()
    }

    /// Adds a failure to each key, remembered as long as its policy says.
    public func recordThrottleFailure(_ keys: [ThrottleKey], now: Date) throws {
        try recordThrottleFailure(keys.map(\.key), now: now, memory: keys.map(\.policy.memory).max() ?? Self.throttleRetention / 2)
    }

    /// The counters for these keys (absent keys have none).
    public func throttleCounters(_ keys: [String]) throws -> [String: ThrottleCounter] {
        try writer.read { db in
            var result: [String: ThrottleCounter] = [:]
            let rows = try Row.fetchAll(cached: db, sql: "SELECT key, failures, lastFailureAt FROM throttle WHERE key IN (\(keys.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(keys))
            for row in rows {
                result[row["key"]] = ThrottleCounter(failures: row["failures"], lastFailureAt: row["lastFailureAt"])
            }
            return result
        }
    }

    /// Adds a failure to each key; a counter idle for longer than `memory` starts again from one.
    public func recordThrottleFailure(_ keys: [String], now: Date, memory: TimeInterval) throws {
        try writer.write { db in
            for key in keys {
                try db.execute(
                    sql: """
                        INSERT INTO throttle (key, failures, lastFailureAt) VALUES (?, 1, ?)
                        ON CONFLICT(key) DO UPDATE SET
                          failures = CASE WHEN lastFailureAt < ? THEN 1 ELSE failures + 1 END,
                          lastFailureAt = excluded.lastFailureAt
                        """,
                    arguments: [key, now, now.addingTimeInterval(-memory)])
            }
            // Counters idle for longer than any policy remembers are dropped as new ones come, so the table stays small.
            try db.execute(sql: "DELETE FROM throttle WHERE lastFailureAt < ?", arguments: [now.addingTimeInterval(-Self.throttleRetention)])
        }
    }

    /// Longer than any throttle policy's memory (a day).
    static let throttleRetention: TimeInterval = 2 * 24 * 3600

    public func clearThrottle(_ keys: [String]) throws {
        try writer.write { db in
            for key in keys { try db.execute(sql: "DELETE FROM throttle WHERE key = ?", arguments: [key]) }
        }
    }

    /// A named random secret of 32 bytes, created on first use and kept in the database (so that tokens signed with it
    /// survive a restart).
    public func serverSecret(named name: String) throws -> Data {
        try writer.write { db in
            if let existing = try Data.fetchOne(cached: db, sql: "SELECT value FROM serverSecret WHERE name = ?", arguments: [name]) {
                return existing
            }
            var generator = SystemRandomNumberGenerator()
            let value = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(sql: "INSERT INTO serverSecret (name, value) VALUES (?, ?)", arguments: [name, value])
            return value
        }
    }
}
