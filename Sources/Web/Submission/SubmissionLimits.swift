import Core
import Foundation
import Storage

/// Keeps one client from filling schools' quotas or guessing the access code: new entries per client are counted
/// (``AppConfig/submissionsPerClientPerHour`` within an hour, then growing waits from one minute), and so are wrong
/// access codes (ten, then waits from 30 seconds).
struct SubmissionLimits {
    let entries: ThrottlePolicy?
    let client: String

    static let wrongCodes = ThrottlePolicy(freeAttempts: 9, firstDelay: 30, maximumDelay: 3600)

    init(config: AppConfig, client: String) {
        let perHour = config.submissionsPerClientPerHour
        entries = perHour > 0 ? ThrottlePolicy(freeAttempts: perHour - 1, firstDelay: 60, maximumDelay: 3600, memory: 3600) : nil
        self.client = client
    }

    var entryKey: String { "submit:\(client)" }
    var codeKey: String { "code:\(client)" }

    func blockedUntil(database: AppDatabase, now: Date) throws -> Date? {
        let counters = try database.throttleCounters([entryKey, codeKey])
        let byEntries = entries.flatMap { policy in
            counters[entryKey].flatMap { policy.blockedUntil(failures: $0.failures, lastFailureAt: $0.lastFailureAt, now: now) }
        }
        let byCodes = counters[codeKey].flatMap { Self.wrongCodes.blockedUntil(failures: $0.failures, lastFailureAt: $0.lastFailureAt, now: now) }
        return [byEntries, byCodes].compactMap { $0 }.max()
    }

    func recordEntry(database: AppDatabase, now: Date) throws {
        guard let entries else { return }
        try database.recordThrottleFailure([entryKey], now: now, memory: entries.memory)
    }

    func recordWrongCode(database: AppDatabase, now: Date) throws {
        try database.recordThrottleFailure([codeKey], now: now, memory: Self.wrongCodes.memory)
    }
}
