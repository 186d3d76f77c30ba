import Core
import Foundation
import Storage

/// Slows password guessing without locking the owner out. Failures are counted, in SQLite (a restart forgets
/// nothing), per (address, client) and per client, each with growing delays (``ThrottlePolicy``): someone guessing
/// from one client slows himself, not the account's owner on another. A browser where the account already signed in
/// carries a signed device cookie; attempts from it count only against that browser, so even an attacker behind the
/// same network address cannot keep the owner out.
struct LoginThrottle: Sendable {
    let database: AppDatabase

    /// The counters an attempt is judged by, and those a success clears.
    struct Keys {
        var keys: [ThrottleKey]
        var resetOnSuccess: [String]
    }

    static func keys(email: String, client: String, knownDevice: String?) -> Keys {
        if let knownDevice {
            let key = "device:\(knownDevice)"
            return Keys(keys: [ThrottleKey(key, .knownDevice)], resetOnSuccess: [key])
        }
        let pair = "pair:\(email)|\(client)"
        return Keys(keys: [ThrottleKey(pair, .addressAndClient), ThrottleKey("client:\(client)", .client)], resetOnSuccess: [pair])
    }

    /// When the next attempt is allowed, or nil when it is allowed now.
    func blockedUntil(_ keys: Keys, now: Date) throws -> Date? {
        try database.throttledUntil(keys.keys, now: now)
    }

    func recordFailure(_ keys: Keys, now: Date) throws {
        try database.recordThrottleFailure(keys.keys, now: now)
    }

    func recordSuccess(_ keys: Keys) throws {
        try database.clearThrottle(keys.resetOnSuccess)
    }
}

/// A long-lived cookie that a browser gets when an account signs in from it: `nonce.signature`, the signature binding
/// the nonce to the account's address.
enum DeviceCookie {
    static let name = "concours_appareil"
    static let lifetime = 365 * 24 * 3600

    static func make(email: String, signer: Signer) -> String {
        let nonce = Tokens.random(bytes: 16)
        return nonce + "." + signer.sign("device", email, nonce)
    }

    /// The nonce of a cookie issued to this address, or nil.
    static func nonce(_ value: String?, email: String, signer: Signer) -> String? {
        guard let value, value.count < 200 else { return nil }
        let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, signer.verify(parts[1], "device", email, parts[0]) else { return nil }
        return parts[0]
    }
}
