import Foundation

/// Growing delays after repeated failures: the first `freeAttempts` failures cost nothing, then each further one
/// doubles the wait before the next attempt, up to `maximumDelay`. Failures older than `memory` are forgotten.
public struct ThrottlePolicy: Sendable, Equatable {
    public var freeAttempts: Int
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var memory: TimeInterval

    public init(freeAttempts: Int, firstDelay: TimeInterval, maximumDelay: TimeInterval, memory: TimeInterval = 24 * 3600) {
        self.freeAttempts = freeAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.memory = memory
    }

    /// The wait imposed after `failures` failures.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts - 1, 40)
        return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
    }

    /// When the next attempt is allowed, or nil when it is allowed now.
    public func blockedUntil(failures: Int, lastFailureAt: Date, now: Date) -> Date? {
        guard now.timeIntervalSince(lastFailureAt) < memory else { return nil }
        let until = lastFailureAt.addingTimeInterval(delay(afterFailures: failures))
        return until > now ? until : nil
    }

    /// One address tried from one client: a typing error or two costs nothing, a guessing run soon waits minutes.
    public static let addressAndClient = ThrottlePolicy(freeAttempts: 3, firstDelay: 2, maximumDelay: 15 * 60)
    /// One client across every address (password spraying).
    public static let client = ThrottlePolicy(freeAttempts: 20, firstDelay: 2, maximumDelay: 15 * 60)
    /// A browser where the account already signed in: its owner's own typing errors.
    public static let knownDevice = ThrottlePolicy(freeAttempts: 5, firstDelay: 1, maximumDelay: 5 * 60)

    /// A wait in French: « 8 secondes », « 2 minutes ».
    public static func frenchWait(_ seconds: TimeInterval) -> String {
        let whole = max(1, Int(seconds.rounded(.up)))
        if whole < 60 { return whole == 1 ? "1 seconde" : "\(whole) secondes" }
        let minutes = (whole + 59) / 60
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
