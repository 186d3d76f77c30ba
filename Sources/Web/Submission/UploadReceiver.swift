import Crypto
import Foundation
import Hummingbird
import Storage

/// Reads a multipart submission as it streams: text fields into memory (bounded), the poster into a temporary file
/// while hashing it, refusing the body as soon as it is too large or the CSRF token is wrong.
struct UploadReceiver {
    /// The received poster: a temporary file under the store's `tmp/`, its SHA-256 and size.
    struct ReceivedFile {
        var temporaryURL: URL
        var hash: String
        var byteCount: Int
        var originalName: String
    }

    struct Result {
        var form: FormFields
        var file: ReceivedFile?
    }

    let fileField: String
    let maxFileBytes: Int
    let expectedCSRF: String
    let store: FileStore

    static let maxFieldBytes = 16_384
    static let maxFieldsTotal = 128 * 1024

    /// Consumes the whole body. On any error the temporary file is removed before throwing.
    func receive(_ request: Request) async throws -> Result {
        guard let contentType = request.headers[.contentType], let boundary = MultipartParser.boundary(fromContentType: contentType) else {
            throw WebError.badRequest("Le formulaire doit être envoyé en multipart/form-data.")
        }
        var parser = MultipartParser(boundary: boundary)
        var state = ReceiveState(receiver: self)
        do {
            for try await chunk in request.body {
                try parser.feed(chunk) { event in try state.handle(event) }
                if parser.isDone { break }
            }
            do {
                try parser.finish()
            } catch {
                throw WebError.badRequest("Le formulaire est arrivé incomplet. Vérifiez votre connexion et recommencez.")
            }
            if !state.csrfChecked { try state.checkCSRF() }
            return try state.result()
        } catch let error as MultipartError {
            state.discard()
            _ = error
            throw WebError.badRequest("Le formulaire envoyé est mal formé.")
        } catch {
            state.discard()
            throw error
        }
    }
}

/// Text fields of a multipart form.
struct FormFields {
    var values: [String: [String]] = [:]

    subscript(_ name: String) -> String? { values[name]?.first }
    func text(_ name: String) -> String { (self[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    func has(_ name: String) -> Bool { values[name] != nil }
}

/// The mutable side of ``UploadReceiver`` while a body streams.
private struct ReceiveState {
    let receiver: UploadReceiver
    var form = FormFields()
    var fieldsBytes = 0
    var current: MultipartParser.PartHeaders?
    var currentText: [UInt8] = []
    var handle: FileHandle?
    var tempURL: URL?
    var hasher = SHA256()
    var fileBytes = 0
    var fileName = ""
    var fileDone = false
    var csrfChecked = false

    init(receiver: UploadReceiver) {
        self.receiver = receiver
    }

    mutating func handle(_ event: MultipartParser.Event) throws {
        switch event {
        case .begin(let headers):
            current = headers
            currentText = []
            if headers.filename != nil {
                guard headers.name == receiver.fileField, !fileDone, handle == nil else {
                    throw WebError.badRequest("Un seul fichier peut être envoyé.")
                }
                // The token must have arrived before any file byte is accepted.
                try checkCSRF()
                let url = try receiver.store.newTemporaryURL()
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw WebError.badRequest("Écriture impossible.") }
                tempURL = url
                handle = try FileHandle(forWritingTo: url)
                fileName = headers.filename ?? ""
            }
        case .body(let bytes):
            if let handle {
                fileBytes += bytes.count
                if fileBytes > receiver.maxFileBytes {
                    throw WebError.payloadTooLarge(SubmissionMessages.tooLarge(maxBytes: receiver.maxFileBytes))
                }
                hasher.update(bufferPointer: bytes)
                try handle.write(contentsOf: Data(bytes))
            } else {
                fieldsBytes += bytes.count
                currentText.append(contentsOf: bytes)
                if currentText.count > UploadReceiver.maxFieldBytes || fieldsBytes > UploadReceiver.maxFieldsTotal {
                    throw WebError.payloadTooLarge("Un des champs du formulaire est trop long.")
                }
            }
        case .end:
            if let handle {
                try handle.synchronize()
                try handle.close()
                self.handle = nil
                fileDone = true
            } else if let current {
                form.values[current.name, default: []].append(String(decoding: currentText, as: UTF8.self))
            }
            current = nil
        }
    }

    mutating func checkCSRF() throws {
        guard let sent = form["_csrf"], !receiver.expectedCSRF.isEmpty, Tokens.constantTimeEqual(sent, receiver.expectedCSRF) else {
            throw WebError.csrf
        }
        csrfChecked = true
    }

    mutating func result() throws -> UploadReceiver.Result {
        guard fileDone, let tempURL, fileBytes > 0 || !fileName.isEmpty else {
            // A file input left empty sends an empty part with no file name: that is "no file".
            // An empty file that was chosen goes on, to be refused as empty.
            discard()
            return UploadReceiver.Result(form: form, file: nil)
        }
        let digest = FileStore.hex(hasher.finalize())
        return UploadReceiver.Result(
            form: form, file: .init(temporaryURL: tempURL, hash: digest, byteCount: fileBytes, originalName: fileName))
    }

    mutating func discard() {
        try? handle?.close()
        handle = nil
        if let tempURL { try? FileManager.default.removeItem(at: tempURL) }
        tempURL = nil
    }
}

/// French messages shared by the submission pages.
enum SubmissionMessages {
    static func tooLarge(maxBytes: Int) -> String {
        "Le fichier dépasse la taille maximale de \(megabytes(maxBytes)) Mo. Réduisez-le (export en JPEG qualité 85 par exemple) et recommencez."
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_000_000
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
