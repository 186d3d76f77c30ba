import Core
import Foundation
import Mail

extension AppConfig {
    /// Outgoing mail: the relay, the sender, the rate. With no `host`, messages are written as `.eml` files under
    /// `data/mail/` and shown on the console (the default, and the demo).
    public struct MailSettings: Codable, Sendable, Equatable {
        public var host: String = ""
        /// 0: the usual port of the security (25 for none, 587 for starttls, 465 for tls).
        public var port: Int = 0
        /// `none`, `starttls` or `tls`.
        public var security: String = "starttls"
        public var username: String = ""
        public var password: String = ""
        /// A file holding the password (first line), so that it stays out of the configuration and the environment.
        public var passwordFile: String = ""
        /// Certificate authorities (PEM) to trust for the relay instead of the system's.
        public var caFile: String = ""
        /// The sender; empty: the organisers' contact address of `identite.json`.
        public var from: String = ""
        public var fromName: String = "Concours d’affiches"
        /// Where replies go; empty: the organisers' contact address.
        public var replyTo: String = ""
        /// Messages handed to the relay per second at most.
        public var ratePerSecond: Double = 5
        /// Attempts before a message that keeps failing temporarily is marked failed.
        public var maxAttempts: Int = 8
        /// Seconds to wait for the relay's connection and each reply.
        public var timeoutSeconds: Int = 30

        public init() {}

        public init(from decoder: any Decoder) throws {
            let d = MailSettings()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
            security = try c.decodeIfPresent(String.self, forKey: .security) ?? d.security
            username = try c.decodeIfPresent(String.self, forKey: .username) ?? d.username
            password = try c.decodeIfPresent(String.self, forKey: .password) ?? d.password
            passwordFile = try c.decodeIfPresent(String.self, forKey: .passwordFile) ?? d.passwordFile
            caFile = try c.decodeIfPresent(String.self, forKey: .caFile) ?? d.caFile
            from = try c.decodeIfPresent(String.self, forKey: .from) ?? d.from
            fromName = try c.decodeIfPresent(String.self, forKey: .fromName) ?? d.fromName
            replyTo = try c.decodeIfPresent(String.self, forKey: .replyTo) ?? d.replyTo
            ratePerSecond = try c.decodeIfPresent(Double.self, forKey: .ratePerSecond) ?? d.ratePerSecond
            maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? d.maxAttempts
            timeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? d.timeoutSeconds
        }

        /// True when messages go to a relay rather than to files.
        public var usesRelay: Bool { !host.trimmingCharacters(in: .whitespaces).isEmpty }

        /// Applies `CONCOURS_SMTP_HOST`, `_PORT`, `_SECURITY`, `_USER`, `_PASSWORD`, `_PASSWORD_FILE`, `_CA_FILE`,
        /// `CONCOURS_MAIL_FROM`, `CONCOURS_MAIL_REPLY_TO` and `CONCOURS_MAIL_RATE`.
        mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
            if let value = environment["CONCOURS_SMTP_HOST"] { host = value }
            if let value = environment["CONCOURS_SMTP_PORT"] { port = try AppConfig.integer(value, name: "CONCOURS_SMTP_PORT") }
            if let value = environment["CONCOURS_SMTP_SECURITY"] {
                guard SMTPSettings.Security(rawValue: value.lowercased()) != nil else {
                    throw .invalid("CONCOURS_SMTP_SECURITY doit valoir none, starttls ou tls (reçu « \(value) »)")
                }
                security = value.lowercased()
            }
            if let value = environment["CONCOURS_SMTP_USER"] { username = value }
            if let value = environment["CONCOURS_SMTP_PASSWORD"] { password = value }
            if let value = environment["CONCOURS_SMTP_PASSWORD_FILE"] { passwordFile = value }
            if let value = environment["CONCOURS_SMTP_CA_FILE"] { caFile = value }
            if let value = environment["CONCOURS_MAIL_FROM"] { from = value }
            if let value = environment["CONCOURS_MAIL_REPLY_TO"] { replyTo = value }
            if let value = environment["CONCOURS_MAIL_RATE"] {
                guard let rate = Double(value.replacingOccurrences(of: ",", with: ".")) else {
                    throw .invalid("CONCOURS_MAIL_RATE doit être un nombre de messages par seconde (reçu « \(value) »)")
                }
                ratePerSecond = rate
            }
        }

        func validate() throws(ConfigError) {
            guard let security = SMTPSettings.Security(rawValue: security) else {
                throw .invalid("mail.security doit valoir none, starttls ou tls (reçu « \(self.security) »)")
            }
            _ = security
            guard (0...65535).contains(port) else { throw .invalid("mail.port doit être compris entre 1 et 65535") }
            guard ratePerSecond > 0, ratePerSecond <= 1000 else { throw .invalid("mail.ratePerSecond doit être entre 0 et 1000 (exclu 0)") }
            guard (1...50).contains(maxAttempts) else { throw .invalid("mail.maxAttempts doit être entre 1 et 50") }
            guard (1...600).contains(timeoutSeconds) else { throw .invalid("mail.timeoutSeconds doit être entre 1 et 600") }
            if !from.isEmpty, !Core.MailAddress(from).isValid { throw .invalid("mail.from n’est pas une adresse valide (« \(from) »)") }
            if !replyTo.isEmpty, !Core.MailAddress(replyTo).isValid { throw .invalid("mail.replyTo n’est pas une adresse valide (« \(replyTo) »)") }
            if !passwordFile.isEmpty, FileManager.default.contents(atPath: passwordFile) == nil {
                throw .invalid("fichier du mot de passe SMTP illisible : \(passwordFile)")
            }
        }

        /// The relay's settings, with the password read from its file when one is given.
        func smtpSettings(heloName: String) throws(ConfigError) -> SMTPSettings {
            let security = SMTPSettings.Security(rawValue: security) ?? .starttls
            var secret = password
            if !passwordFile.isEmpty {
                guard let data = FileManager.default.contents(atPath: passwordFile) else { throw .invalid("fichier du mot de passe SMTP illisible : \(passwordFile)") }
                secret = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            }
            let defaultPort: Int
            switch security {
            case .none: defaultPort = 25
            case .starttls: defaultPort = 587
            case .tls: defaultPort = 465
            }
            return SMTPSettings(
                host: host, port: port == 0 ? defaultPort : port, security: security, username: username.isEmpty ? nil : username,
                password: secret.isEmpty ? nil : secret, caFile: caFile.isEmpty ? nil : caFile, heloName: heloName, timeoutSeconds: timeoutSeconds)
        }
    }
}
