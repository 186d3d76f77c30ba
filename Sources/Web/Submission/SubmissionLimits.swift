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

    var entryKey: ThrottleKey? { entries.map { ThrottleKey("submit:\(client)", $0) } }
    var codeKey: ThrottleKey { ThrottleKey("code:\(client)", Self.wrongCodes) }

    func blockedUntil(database: AppDatabase, now: Date) throws -> Date? {
        try database.throttledUntil([entryKey, codeKey].compactMap { $0 }, now: now)
    }

    func recordEntry(database: AppDatabase, now: Date) throws {
        guard let entryKey else { return }
        try database.recordThrottleFailure([entryKey], now: now)
    }

    func recordWrongCode(database: AppDatabase, now: Date) throws {
        try database.recordThrottleFailure([codeKey], now: now)
    }
}
