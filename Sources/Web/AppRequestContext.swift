import Core
import Hummingbird

/// Per-request state: who is signed in, and the CSRF token forms must echo.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, set by ``SessionMiddleware``.
    public var user: User?
    /// The hash of the session cookie's token, when a session is open.
    public var sessionTokenHash: String?
    /// The token that every POST form must carry in `_csrf` (double-submit cookie).
    public var csrfToken: String = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Form bodies are small; uploads stream and enforce their own limit.
    public var maxUploadSize: Int { 1_000_000 }
}
