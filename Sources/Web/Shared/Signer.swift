import Crypto
import Foundation

/// HMAC-SHA256 signatures with the server's secret (kept in the database, so that they survive a restart).
struct Signer: Sendable {
    private let key: SymmetricKey

    init(secret: Data) {
        key = SymmetricKey(data: secret)
    }

    /// The signature of `parts`, joined unambiguously, in base64url.
    func sign(_ parts: String...) -> String { mac(parts) }

    /// True when `signature` is that of `parts`, compared in constant time.
    func verify(_ signature: String, _ parts: String...) -> Bool {
        Tokens.constantTimeEqual(signature, mac(parts))
    }

    private func mac(_ parts: [String]) -> String {
        let message = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)).base64URLEncoded
    }
}
