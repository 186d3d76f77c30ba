import Foundation

/// Slows password guessing: after `limit` failures for one address within `window`, sign-in for it is refused until
/// the window has passed. Kept in memory (a restart forgets it, which only helps a legitimate user).
actor LoginThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// When sign-in for this address is blocked, the instant it opens again.
    func blockedUntil(_ key: String, now: Date) -> Date? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return oldest.addingTimeInterval(window)
    }

    func recordFailure(_ key: String, now: Date) {
        failures[key, default: []].append(now)
        if failures.count > 10_000 { failures = failures.filter { now.timeIntervalSince($0.value.last ?? now) < window } }
    }

    func reset(_ key: String) {
        failures[key] = nil
    }
}
