import Foundation
import Hummingbird
import Logging

/// One log line per request: method, route pattern (`/depot/{token}`, never the raw path, which may hold a private
/// token), status and duration. No address, e-mail, query string or header is logged. The same figures go to the
/// metrics (requests by route and status, latency histogram by route).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger
    let metrics: AppMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, route: context.endpointPath, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, route: context.endpointPath, status: status, since: start)
            throw error
        }
    }

    func log(_ request: Request, route: String?, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        metrics.request(method: request.method.rawValue, route: route, status: status, duration: elapsed)
        logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(route ?? "(aucune)"),
                "status": .stringConvertible(status),
                "duration_ms": .string(Self.milliseconds(elapsed)),
            ])
    }

    /// « 3.1 »: milliseconds to a tenth, rounded half up (`String(format:)` cost 2.5 % of the server's time per request).
    static func milliseconds(_ duration: Duration) -> String {
        let tenths = (duration.components.seconds * 10_000 + (duration.components.attoseconds / 10_000_000_000_000 + 5) / 10)
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// A swift-log handler writing one JSON object per line (`CONCOURS_LOG_FORMAT=json`): time, level, label, message
/// and metadata, for journald or a log collector.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        var fields: [String: String] = [
            "time": Self.timestamp(Date()), "level": level.rawValue, "label": label, "message": message.description,
        ]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        write(Self.line(fields))
    }

    /// One JSON object, keys sorted, as `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` writes it, without
    /// making an encoder (and an ISO 8601 formatter) for every line: a line per request.
    static func line(_ fields: [String: String]) -> String {
        var out = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            appendString(key, to: &out)
            out += ":"
            appendString(fields[key] ?? "", to: &out)
        }
        return out + "}"
    }

    private static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `2026-12-04T02:43:11Z`, as `ISO8601DateFormatter` writes it by default (UTC, whole seconds).
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(inDay / 3_600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }
}

/// `text` (swift-log's default lines) or `json` (``JSONLogHandler``).
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json

    /// Installs the handler for the whole process; call once, before any logger is made.
    public func bootstrap() {
        switch self {
        case .text: LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
    }
}
