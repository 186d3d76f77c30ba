import Foundation
import Hummingbird
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// One line of `/sante`: a name, whether it passes, and what was measured.
public struct HealthResult: Encodable, Sendable, Equatable {
    public let name: String
    public let ok: Bool
    public let detail: String

    public init(name: String, ok: Bool, detail: String) {
        self.name = name
        self.ok = ok
        self.detail = detail
    }
}

/// A check `/sante` runs on every call; one failing check turns the answer into 503. New checks (the mail outbox
/// backlog) are added to ``HealthController/standardChecks(_:)``.
public protocol HealthCheck: Sendable {
    func run(now: Date) async -> HealthResult
}

/// The database accepts a real, committed write.
struct DatabaseWritableCheck: HealthCheck {
    let database: AppDatabase

    func run(now: Date) async -> HealthResult {
        do {
            let seconds = try database.probeWrite(now: now)
            return HealthResult(name: "base", ok: true, detail: "écriture en \(Int((seconds * 1000).rounded())) ms")
        } catch {
            return HealthResult(name: "base", ok: false, detail: "écriture impossible : \(error)")
        }
    }
}

/// The data folder's file system has at least `minimumMB` free for unprivileged writers.
struct FreeDiskCheck: HealthCheck {
    let path: String
    let minimumMB: Int

    func run(now: Date) async -> HealthResult {
        guard let free = Self.freeBytes(path) else {
            return HealthResult(name: "disque", ok: false, detail: "espace libre illisible pour \(path)")
        }
        let freeMB = Int(free / 1_000_000)
        return HealthResult(name: "disque", ok: freeMB >= minimumMB, detail: "\(freeMB) Mo libres (minimum \(minimumMB) Mo)")
    }

    static func freeBytes(_ path: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}

/// The outbox is moving: no message queued for more than 15 minutes. Failed messages are counted but do not fail the
/// check (one wrong address must not take the server out of a load balancer); they are on the outbox page.
struct OutboxBacklogCheck: HealthCheck {
    let database: AppDatabase
    static let staleAfter: TimeInterval = 15 * 60

    func run(now: Date) async -> HealthResult {
        do {
            let backlog = try database.outboxBacklog(staleBefore: now.addingTimeInterval(-Self.staleAfter))
            return HealthResult(
                name: "courriels", ok: backlog.stale == 0,
                detail: "\(backlog.stale) en attente depuis plus de 15 min, \(backlog.failed) en échec")
        } catch {
            return HealthResult(name: "courriels", ok: false, detail: "file des courriels illisible : \(error)")
        }
    }
}

/// `GET /sante`: for load balancers and monitoring. 200 when every check passes, 503 otherwise; JSON, never cached.
/// It names no person and no private link, and answers whatever `Host` is sent (probes use the bare address).
struct HealthController {
    static let path = "/sante"
    let checks: [any HealthCheck]
    let now: @Sendable () -> Date

    static func standardChecks(_ services: Services) -> [any HealthCheck] {
        [
            DatabaseWritableCheck(database: services.database),
            FreeDiskCheck(path: services.config.dataDirectory, minimumMB: services.config.monitoring.minimumFreeDiskMB),
            OutboxBacklogCheck(database: services.database),
        ]
    }

    struct Report: Encodable {
        let status: String
        let version: String
        let checks: [HealthResult]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path), use: self.health)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let instant = now()
        var results: [HealthResult] = []
        for check in checks { results.append(await check.run(now: instant)) }
        let ok = results.allSatisfy(\.ok)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Report(status: ok ? "ok" : "erreur", version: AppVersion.current, checks: results))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: ok ? .ok : .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
