import Core
import Hummingbird

/// Refuses, before any route or file lookup, request paths that no page uses and that confuse path handling (NUL and
/// control bytes, `//`, backslashes), and, when a public address is configured, requests naming another host.
struct RequestGuardMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let publicAuthority: String?
    let trustedProxies: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if LocalPath.isSuspiciousRequestPath(request.uri.path) {
            throw WebError.badRequest("Cette adresse n’est pas valide.")
        }
        // Health probes come from the load balancer with the bare address as host.
        if let publicAuthority, request.uri.path != HealthController.path, request.uri.path != MetricsController.path {
            let forwardedHost = context.isFromTrustedProxy(trustedProxies) ? request.headers[.xForwardedHost] : nil
            // Host names are compared without ports: a proxy's `Host $host` drops the port of the public address.
            if let sent = forwardedHost ?? request.head.authority, Self.hostName(sent) != Self.hostName(publicAuthority) {
                throw WebError.misdirected
            }
        }
        return try await next(request, context)
    }

    /// The host of `host[:port]` (or `[v6]:port`), lower-cased.
    static func hostName(_ authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let end = lowered.firstIndex(of: "]") { return String(lowered[...end]) }
        return String(lowered.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// `host` and `host:port` compare equal to the configured authority, case-insensitively; a default port is ignored.
    static func sameAuthority(_ sent: String, _ expected: String) -> Bool {
        func plain(_ authority: String) -> String {
            let lowered = authority.lowercased()
            for suffix in [":443", ":80"] where lowered.hasSuffix(suffix) { return String(lowered.dropLast(suffix.count)) }
            return lowered
        }
        return plain(sent) == plain(expected)
    }
}

/// Serves `Static/` through Hummingbird's `FileMiddleware` for file paths only: its directory redirect drops the mount
/// prefix (and once kept NUL bytes), so a path whose last part has no extension is never handed to it.
struct StaticFilesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let files: FileMiddleware<AppRequestContext, LocalFileSystem>
    let prefix = "/static/"

    init(directory: String) {
        files = FileMiddleware(directory, urlBasePath: "/static", searchForIndexHtml: false)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix(prefix), let last = path.split(separator: "/").last, last.contains("."), !last.hasPrefix(".") else {
            return try await next(request, context)
        }
        let response = try await files.handle(request, context: context, next: next)
        // No redirect ever leaves the static mount. A 304 (a browser revalidating its copy) is not a redirect: once
        // taken for one, every revalidated script and style sheet got a 404.
        if response.status.kind == .redirection, response.status != .notModified { throw WebError.notFound }
        return response
    }
}
