import Core
import Foundation

/// The service's settings: defaults in code, then `Config/concours.json`, then `CONCOURS_*` environment variables, then CLI flags.
public struct AppConfig: Codable, Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Folder holding `concours.sqlite` and the `files/` store.
    public var dataDirectory: String = "data"
    /// Folder with `Templates/` and `Static/`; found automatically when empty.
    public var assetsDirectory: String = ""
    public var timeZone: String = "Europe/Paris"
    public var uploads: Uploads = Uploads()
    public var images: Images = Images()
    /// Minutes after the deadline during which uploads are still accepted (slow connections on the last evening).
    public var gracePeriodMinutes: Int = 0
    public var sessionLifetimeHours: Int = 12
    /// Sets the `Secure` flag on cookies. Unset: on when `publicURL` is `https://…` (see ``usesSecureCookies``).
    public var secureCookies: Bool?
    /// The address people use, `https://concours.ac-creteil.fr` (no path). When set, every absolute link (private links,
    /// invitations) is built from it and requests naming another host are refused; when empty, links use the request's host.
    public var publicURL: String = ""
    /// Addresses of reverse proxies (nginx) whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies: [String] = []
    /// `Strict-Transport-Security` max-age in seconds, sent on HTTPS requests; 0 sends none.
    public var hstsMaxAge: Int = 31_536_000
    /// Seconds a connection may stay silent (slow or stalled clients are closed).
    public var idleTimeoutSeconds: Int = 30
    /// How many new entries one client (address) may send per hour; 0 means no limit.
    public var submissionsPerClientPerHour: Int = 30
    /// The list of common passwords that new passwords may not be (one a line); relative paths start at the project.
    public var commonPasswordsFile: String = "Config/common-passwords.txt"
    /// The publisher's identity and the facts of the legal pages (see `SiteIdentity`); relative paths start at the project.
    public var identityFile: String = "Config/identite.json"
    /// Months after publication before teacher names and e-mails, and the originals of non-awarded entries, are deleted.
    public var retention: RetentionPolicy = RetentionPolicy()
    /// Thresholds of `/sante`.
    public var monitoring: Monitoring = Monitoring()
    /// Outgoing mail (see `MailSettings`).
    public var mail: MailSettings = MailSettings()

    public struct Uploads: Codable, Sendable, Equatable {
        public var maxBytes: Int = 25_000_000
        public var maxPixels: Int = 60_000_000
        public var minLongEdge: Int = 1200
        public init() {}
    }

    public struct Monitoring: Codable, Sendable, Equatable {
        /// `/sante` answers 503 when the data folder's disk has less free space than this.
        public var minimumFreeDiskMB: Int = 1000
        /// When set, `/metrics` answers whoever sends `Authorization: Bearer <token>`; otherwise only direct loopback
        /// clients (no forwarding header) are answered.
        public var metricsToken: String?
        public init() {}
    }

    public struct Images: Codable, Sendable, Equatable {
        public var thumbnailLongEdge: Int = 400
        public var previewLongEdge: Int = 1600
        public var jpegQuality: Int = 85
        /// How many images decode at once; 0 means the number of cores.
        public var concurrentDecodes: Int = 0
        /// Estimated memory (MB) that concurrent decodes may hold together; a larger image decodes alone.
        public var decodeMemoryMB: Int = 192
        public init() {}
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let defaults = AppConfig()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
        dataDirectory = try c.decodeIfPresent(String.self, forKey: .dataDirectory) ?? defaults.dataDirectory
        assetsDirectory = try c.decodeIfPresent(String.self, forKey: .assetsDirectory) ?? defaults.assetsDirectory
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? defaults.timeZone
        uploads = try c.decodeIfPresent(Uploads.self, forKey: .uploads) ?? defaults.uploads
        images = try c.decodeIfPresent(Images.self, forKey: .images) ?? defaults.images
        gracePeriodMinutes = try c.decodeIfPresent(Int.self, forKey: .gracePeriodMinutes) ?? defaults.gracePeriodMinutes
        sessionLifetimeHours = try c.decodeIfPresent(Int.self, forKey: .sessionLifetimeHours) ?? defaults.sessionLifetimeHours
        secureCookies = try c.decodeIfPresent(Bool.self, forKey: .secureCookies)
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL) ?? defaults.publicURL
        trustedProxies = try c.decodeIfPresent([String].self, forKey: .trustedProxies) ?? defaults.trustedProxies
        hstsMaxAge = try c.decodeIfPresent(Int.self, forKey: .hstsMaxAge) ?? defaults.hstsMaxAge
        idleTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .idleTimeoutSeconds) ?? defaults.idleTimeoutSeconds
        submissionsPerClientPerHour =
            try c.decodeIfPresent(Int.self, forKey: .submissionsPerClientPerHour) ?? defaults.submissionsPerClientPerHour
        commonPasswordsFile = try c.decodeIfPresent(String.self, forKey: .commonPasswordsFile) ?? defaults.commonPasswordsFile
        identityFile = try c.decodeIfPresent(String.self, forKey: .identityFile) ?? defaults.identityFile
        retention = try c.decodeIfPresent(RetentionPolicy.self, forKey: .retention) ?? defaults.retention
        monitoring = try c.decodeIfPresent(Monitoring.self, forKey: .monitoring) ?? defaults.monitoring
        mail = try c.decodeIfPresent(MailSettings.self, forKey: .mail) ?? defaults.mail
    }

    /// Whether cookies carry `Secure`: as set, else when the public address is HTTPS.
    public var usesSecureCookies: Bool { secureCookies ?? publicURL.lowercased().hasPrefix("https://") }

    /// The public address without a trailing slash (empty when not set).
    public var publicBase: String {
        var base = publicURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// `host[:port]` of the public address, lower-cased (nil when not set).
    public var publicAuthority: String? {
        guard !publicBase.isEmpty, let components = URLComponents(string: publicBase), let host = components.host else { return nil }
        return (components.port.map { "\(host):\($0)" } ?? host).lowercased()
    }

    /// Reads a JSON configuration file over the defaults.
    public static func load(file path: String) throws(ConfigError) -> AppConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        do {
            return try JSONDecoder().decode(AppConfig.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalid("« \(context.codingPath.map(\.stringValue).joined(separator: ".")) » n’a pas le bon type dans \(path)")
        } catch {
            throw .invalid("\(path) n’est pas un JSON valide")
        }
    }

    /// Applies `CONCOURS_HOST`, `CONCOURS_PORT`, `CONCOURS_DATA_DIR`, `CONCOURS_ASSETS_DIR`, `CONCOURS_MAX_UPLOAD_BYTES`,
    /// `CONCOURS_GRACE_MINUTES`, `CONCOURS_SECURE_COOKIES`, `CONCOURS_PUBLIC_URL`, `CONCOURS_TRUSTED_PROXIES` (comma-separated)
    /// `CONCOURS_SUBMISSIONS_PER_HOUR`, `CONCOURS_HSTS_MAX_AGE` and `CONCOURS_METRICS_TOKEN` (or `CONCOURS_METRICS_TOKEN_FILE`).
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
        if let host = environment["CONCOURS_HOST"] { self.host = host }
        if let value = environment["CONCOURS_PORT"] { port = try Self.integer(value, name: "CONCOURS_PORT") }
        if let dir = environment["CONCOURS_DATA_DIR"] { dataDirectory = dir }
        if let dir = environment["CONCOURS_ASSETS_DIR"] { assetsDirectory = dir }
        if let value = environment["CONCOURS_MAX_UPLOAD_BYTES"] { uploads.maxBytes = try Self.integer(value, name: "CONCOURS_MAX_UPLOAD_BYTES") }
        if let value = environment["CONCOURS_GRACE_MINUTES"] { gracePeriodMinutes = try Self.integer(value, name: "CONCOURS_GRACE_MINUTES") }
        if let value = environment["CONCOURS_SECURE_COOKIES"] { secureCookies = ["1", "true", "yes", "oui"].contains(value.lowercased()) }
        if let value = environment["CONCOURS_PUBLIC_URL"] { publicURL = value }
        if let value = environment["CONCOURS_TRUSTED_PROXIES"] {
            trustedProxies = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let value = environment["CONCOURS_SUBMISSIONS_PER_HOUR"] {
            submissionsPerClientPerHour = try Self.integer(value, name: "CONCOURS_SUBMISSIONS_PER_HOUR")
        }
        if let value = environment["CONCOURS_HSTS_MAX_AGE"] { hstsMaxAge = try Self.integer(value, name: "CONCOURS_HSTS_MAX_AGE") }
        if let value = environment["CONCOURS_METRICS_TOKEN"] { monitoring.metricsToken = value }
        if let path = environment["CONCOURS_METRICS_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .invalid("CONCOURS_METRICS_TOKEN_FILE : fichier illisible (\(path))")
            }
            monitoring.metricsToken = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try mail.applyEnvironment(environment)
    }

    static func integer(_ text: String, name: String) throws(ConfigError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw .invalid("\(name) doit être un nombre entier (reçu « \(text) »)") }
        return value
    }

    /// Problems that prevent starting, in French.
    public func validate() throws(ConfigError) {
        guard (1...65535).contains(port) else { throw .invalid("le port doit être compris entre 1 et 65535 (reçu \(port))") }
        guard !host.isEmpty else { throw .invalid("l’adresse d’écoute (host) est vide") }
        guard !dataDirectory.isEmpty else { throw .invalid("le dossier de données est vide") }
        guard TimeZone(identifier: timeZone) != nil else { throw .invalid("fuseau horaire inconnu : \(timeZone)") }
        guard uploads.maxBytes >= 100_000 else { throw .invalid("uploads.maxBytes doit valoir au moins 100000 octets") }
        guard uploads.maxPixels >= 1_000_000 else { throw .invalid("uploads.maxPixels doit valoir au moins 1000000") }
        guard uploads.minLongEdge >= 1 else { throw .invalid("uploads.minLongEdge doit être positif") }
        guard (50...4000).contains(images.thumbnailLongEdge), (200...8000).contains(images.previewLongEdge) else {
            throw .invalid("tailles de vignette/aperçu hors limites (vignette 50–4000, aperçu 200–8000)")
        }
        guard (10...100).contains(images.jpegQuality) else { throw .invalid("images.jpegQuality doit être entre 10 et 100") }
        guard images.decodeMemoryMB >= 32 else { throw .invalid("images.decodeMemoryMB doit valoir au moins 32") }
        guard gracePeriodMinutes >= 0 else { throw .invalid("gracePeriodMinutes ne peut pas être négatif") }
        guard sessionLifetimeHours >= 1 else { throw .invalid("sessionLifetimeHours doit valoir au moins 1") }
        if !publicBase.isEmpty {
            guard let components = URLComponents(string: publicBase), let scheme = components.scheme?.lowercased(),
                scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty, components.path.isEmpty,
                components.query == nil, components.fragment == nil, components.user == nil
            else {
                throw .invalid("publicURL doit être une adresse comme https://concours.ac-exemple.fr, sans chemin (reçu « \(publicURL) »)")
            }
        }
        for proxy in trustedProxies where !ClientAddress.isIPAddress(proxy) {
            throw .invalid("trustedProxies n’accepte que des adresses IP (reçu « \(proxy) »)")
        }
        guard hstsMaxAge >= 0 else { throw .invalid("hstsMaxAge ne peut pas être négatif") }
        guard (5...3600).contains(idleTimeoutSeconds) else { throw .invalid("idleTimeoutSeconds doit être entre 5 et 3600") }
        guard submissionsPerClientPerHour >= 0 else { throw .invalid("submissionsPerClientPerHour ne peut pas être négatif") }
        if let problem = retention.validationProblems().first { throw .invalid(problem) }
        guard monitoring.minimumFreeDiskMB >= 0 else { throw .invalid("monitoring.minimumFreeDiskMB ne peut pas être négatif") }
        if let token = monitoring.metricsToken, token.count < 16 {
            throw .invalid("monitoring.metricsToken doit compter au moins 16 caractères (ou ne pas être défini)")
        }
        try mail.validate()
    }

    public var databasePath: String { (dataDirectory as NSString).appendingPathComponent("concours.sqlite") }
    public var filesDirectory: String { (dataDirectory as NSString).appendingPathComponent("files") }
    /// Where messages are written when no relay is configured.
    public var mailDirectory: String { (dataDirectory as NSString).appendingPathComponent("mail") }
}

/// Why the configuration cannot be used.
public enum ConfigError: Error, Equatable, Sendable {
    case unreadable(String)
    case invalid(String)

    public var message: String {
        switch self {
        case .unreadable(let path): return "Configuration illisible : \(path)"
        case .invalid(let reason): return "Configuration invalide : \(reason)."
        }
    }
}
