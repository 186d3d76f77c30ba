import Hummingbird

/// Errors shown to users as an HTML page with the right status; messages are French.
public enum WebError: Error, HTTPResponseError, Sendable {
    case notFound
    case csrf
    case unauthenticated
    case forbidden
    case badRequest(String)
    case conflict(String)
    case payloadTooLarge(String)
    case unsupportedMedia(String)
    case unprocessable(String)
    case gone(String)
    /// Submissions are shut (before opening or after the deadline).
    case closed(String)
    /// Too many attempts: wait, as the message says.
    case tooManyRequests(String)
    /// The request names a host that is not the service's public address.
    case misdirected

    public var status: HTTPResponse.Status {
        switch self {
        case .notFound: return .notFound
        case .csrf: return .forbidden
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .badRequest: return .badRequest
        case .conflict: return .conflict
        case .payloadTooLarge: return .contentTooLarge
        case .unsupportedMedia: return .unsupportedMediaType
        case .unprocessable: return .unprocessableContent
        case .gone: return .gone
        case .closed: return .forbidden
        case .tooManyRequests: return .tooManyRequests
        case .misdirected: return .misdirectedRequest
        }
    }

    /// The French text for the page.
    public var message: String {
        switch self {
        case .notFound: return "Cette page n’existe pas."
        case .csrf: return "Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez."
        case .unauthenticated: return "Connectez-vous pour accéder à cette page."
        case .forbidden: return "Vous n’avez pas accès à cette page."
        case .misdirected: return "Cette adresse n’est pas celle du service du concours."
        case .badRequest(let text), .conflict(let text), .payloadTooLarge(let text), .unsupportedMedia(let text),
            .unprocessable(let text), .gone(let text), .closed(let text), .tooManyRequests(let text):
            return text
        }
    }

    /// A plain-text response, used when the error page itself cannot be rendered.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
