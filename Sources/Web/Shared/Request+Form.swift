import Hummingbird
import NIOCore

extension Request {
    /// The URL-encoded form of a POST body (forms are small; the context's limit applies). Any other content type is
    /// refused (415), never read as a form.
    mutating func form(_ context: AppRequestContext) async throws -> FormData {
        guard Self.isURLEncodedForm(headers[.contentType]) else { throw WebError.unsupportedMedia(FormMessages.wrongType) }
        do {
            return FormData(String(buffer: try await collectBody(upTo: context.maxUploadSize)))
        } catch is NIOTooManyBytesError {
            throw WebError.payloadTooLarge(FormMessages.tooLarge)
        }
    }

    /// `application/x-www-form-urlencoded`, with or without parameters.
    static func isURLEncodedForm(_ contentType: String?) -> Bool {
        mediaType(contentType) == "application/x-www-form-urlencoded"
    }

    /// `multipart/form-data`, with its parameters.
    static func isMultipartForm(_ contentType: String?) -> Bool {
        mediaType(contentType) == "multipart/form-data"
    }

    /// The lower-cased type and subtype of a `Content-Type` value.
    static func mediaType(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        return contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}

/// French messages about form bodies.
enum FormMessages {
    static let wrongType = "Ce formulaire doit être envoyé par la page du site (type de contenu inattendu)."
    static let tooLarge = "Le formulaire envoyé est trop volumineux."
}
