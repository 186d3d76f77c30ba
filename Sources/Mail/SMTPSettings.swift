import Foundation

/// How to reach the relay.
public struct SMTPSettings: Sendable, Equatable {
    /// `none`: plain (loopback, tests); `starttls`: plain then upgraded (port 587); `tls`: TLS from the first byte (port 465).
    public enum Security: String, Sendable, CaseIterable, Codable {
        case none
        case starttls
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// A PEM file of certificate authorities to trust instead of the system's (a relay with a private CA, tests).
    public var caFile: String?
    /// The name given in `EHLO`.
    public var heloName: String
    /// Seconds to wait for the connection and for each reply.
    public var timeoutSeconds: Int

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, caFile: String? = nil,
        heloName: String = "localhost", timeoutSeconds: Int = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Why a message was not accepted. `temporary` is worth trying again later; `permanent` is not.
public enum SMTPError: Error, Sendable, Equatable {
    /// A 4xx reply: `451 4.3.0 Try again later`.
    case temporary(String)
    /// A 5xx reply: `550 5.1.1 No such user`.
    case permanent(String)
    /// No connection, the connection dropped, or the relay did not answer in time.
    case connection(String)
    /// The TLS handshake failed (certificate not trusted, wrong name, no common protocol).
    case tls(String)

    public var isPermanent: Bool {
        if case .permanent = self { return true }
        return false
    }

    /// What the organisers see on the outbox page.
    public var answer: String {
        switch self {
        case .temporary(let reply), .permanent(let reply): return reply
        case .connection(let reason): return "Connexion : \(reason)"
        case .tls(let reason): return "TLS : \(reason)"
        }
    }
}
