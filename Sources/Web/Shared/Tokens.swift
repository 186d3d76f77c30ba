import Foundation
import Storage

/// Random tokens for cookies, links and CSRF, and their stored hashes.
public enum Tokens {
    /// A URL-safe random token with `bytes` bytes of entropy.
    public static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(raw).base64URLEncoded
    }

    /// The SHA-256 of a token, in hex: what the database keeps instead of the token.
    static func hash(_ token: String) -> String {
        FileStore.sha256Hex(Data(token.utf8))
    }

    /// Compares two strings in time independent of where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (cookies, links).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
