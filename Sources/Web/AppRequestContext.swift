import Core
import Hummingbird
import NIOCore

/// Per-request state: who is signed in, the CSRF token forms must echo, and who the client is.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, set by ``SessionMiddleware``.
    public var user: User?
    /// The hash of the session cookie's token, when a session is open.
    public var sessionTokenHash: String?
    /// What the CSRF token is made of, set by ``SessionMiddleware``.
    var csrfSource: CSRFSource?
    /// The token that every POST form must carry in `_csrf` (bound to the visitor's CSRF cookie and session); worked out
    /// only when a page shows it or a form is checked, not for every image or cached page.
    public var csrfToken: String { csrfSource?.token ?? "" }
    /// The client's address and scheme, set by ``SecurityHeadersMiddleware``.
    var client: ClientInfo = .unknown
    /// The peer of the connection (a proxy, when there is one).
    let remoteAddress: SocketAddress?
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Form bodies are small; uploads stream and enforce their own limit.
    public var maxUploadSize: Int { 1_000_000 }

    /// A full link to `path` (private links and invitations to copy or send): on the public address when one is set.
    func absoluteURL(path: String) -> String {
        client.origin + path
    }

    /// True when the connection's peer is one of the configured reverse proxies.
    func isFromTrustedProxy(_ proxies: [String]) -> Bool {
        remoteAddress?.ipAddress.map { proxies.contains($0) } ?? false
    }

    /// Asks the HTTP layer to close the connection once the current response is written (it would otherwise read, and
    /// throw away, the rest of a refused body).
    func closeConnectionAfterResponse() {
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
}
