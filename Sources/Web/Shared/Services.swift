import Core
import Foundation
import Storage
import HummingbirdBcrypt

/// App-wide services handed to controllers.
public struct Services: Sendable {
    public let config: AppConfig
    public let database: AppDatabase
    public let files: FileStore
    let renderer: PageRenderer
    let intake: PosterIntake
    let pendingUploads = PendingUploads()
    let loginThrottle = LoginThrottle()
    /// The current instant; tests move it to check deadlines.
    public let now: @Sendable () -> Date
    /// How large the winners' ZIP may grow; tests lower it.
    var zipLimits = ZipStreamWriter.Limits.format
}

/// Password hashing with bcrypt, off the request's hot path only as much as bcrypt's cost allows.
public enum Passwords {
    public static let cost: UInt8 = 11

    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// French reason a new password is refused, or nil.
    public static func problem(with password: String) -> String? {
        if password.count < 10 { return "Le mot de passe doit comporter au moins 10 caractères." }
        return nil
    }
}
