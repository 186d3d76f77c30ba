import Foundation
import Hummingbird
import Storage

/// `GET /metrics`: Prometheus text format. Answered to a client sending the configured bearer token, or, when no token
/// is set, only to a direct loopback client (a request forwarded by a proxy is refused even from 127.0.0.1). Others get
/// the ordinary 404 page: the route's existence is not advertised.
struct MetricsController {
    static let path = "/metrics"
    let services: Services

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path), use: self.metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard Self.allowed(request, client: context.client, token: services.config.monitoring.metricsToken) else { throw WebError.notFound }
        let counts = try await services.database.operationalCounts()
        services.metrics.refresh(
            decodeActive: services.intake.gate.activeCount, decodeWaiting: services.intake.gate.waitingCount, counts: counts)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: services.metrics.exposition())))
    }

    static func allowed(_ request: Request, client: ClientInfo, token: String?) -> Bool {
        if let token {
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
            return Tokens.constantTimeEqual(String(header.dropFirst("Bearer ".count)), token)
        }
        let forwarded = request.headers[.xForwardedFor] != nil || request.headers[.forwarded] != nil
        return !forwarded && ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(client.address)
    }
}
