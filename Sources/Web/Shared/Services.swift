import Core
import Foundation
import HummingbirdBcrypt
import Storage

/// App-wide services handed to controllers.
public struct Services: Sendable {
    public let config: AppConfig
    public let database: AppDatabase
    public let files: FileStore
    let renderer: PageRenderer
    let intake: PosterIntake
    let pendingUploads = PendingUploads()
    /// Signs CSRF tokens and device cookies with the server's secret.
    let signer: Signer
    let passwordRules: PasswordRules
    var loginThrottle: LoginThrottle { LoginThrottle(database: database) }
    /// The current instant; tests move it to check deadlines.
    public let now: @Sendable () -> Date
    /// Prometheus metrics (`/metrics`).
    var metrics = AppMetrics()
    /// Sends the outbox (run as a service of the application; tests call it directly).
    var mailDelivery: MailDelivery?
    /// How large the winners' ZIP may grow; tests lower it.
    var zipLimits = ZipStreamWriter.Limits.format
    /// The rank intervals computed so far, and the counted ballots up to which a page waits for them (tests lower it to
    /// see them computed in the background).
    let rankIntervals = RankIntervals()
    var intervalPageLimit = IntervalWait.pageLimit
    /// Pages: wait for the intervals of a small edition only. Exports: always wait.
    var pageIntervals: IntervalWait { .upTo(ballots: intervalPageLimit, rankIntervals) }
    var exportIntervals: IntervalWait { .always(rankIntervals) }
}

/// Password hashing with bcrypt, and the rules new passwords follow.
public enum Passwords {
    public static let cost: UInt8 = 11

    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A hash of a random password, checked when an address is unknown so that the answer takes as long as for a known
    /// one (addresses cannot be told apart by timing).
    static let dummyHash = Bcrypt.hash(Tokens.random(), cost: cost)

    /// Checks a password against the dummy hash: the time of a real check, always false.
    static func verifyDummy(_ password: String) -> Bool {
        _ = Bcrypt.verify(password, hash: dummyHash)
        return false
    }

    /// `hash` and `verify` off the threads that serve requests (bcrypt takes about 0.1 s at this cost: inline, each
    /// sign-in would hold up every connection of its event loop meanwhile).
    static func offloadedHash(_ password: String) async throws -> String {
        try await offloaded { hash(password) }
    }

    static func offloadedVerify(_ password: String, hash: String?) async throws -> Bool {
        try await offloaded { hash.map { verify(password, hash: $0) } ?? verifyDummy(password) }
    }

    /// The rules with the configured list of common passwords (one a line).
    public static func rules(for config: AppConfig) throws(ConfigError) -> PasswordRules {
        let path = try AssetLocator.projectFile(config.commonPasswordsFile, config: config)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("liste de mots de passe courants introuvable : \(path) (commonPasswordsFile)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        return PasswordRules(commonPasswords: lines)
    }
}
