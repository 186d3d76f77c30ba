import Hummingbird

extension Request {
    /// The URL-encoded form of a POST body (forms are small; the context's limit applies).
    mutating func form(_ context: AppRequestContext) async throws -> FormData {
        FormData(String(buffer: try await collectBody(upTo: context.maxUploadSize)))
    }

    /// A full link to `path` on the host the request came to (private links and invitations to copy).
    func absoluteURL(path: String) -> String {
        "http://\(head.authority ?? "localhost")\(path)"
    }
}
