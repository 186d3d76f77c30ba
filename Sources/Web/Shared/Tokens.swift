import Foundation
import Storage

/// Random tokens for cookies, links and CSRF, and their stored hashes.
public enum Tokens {
    /// A URL-safe random token with `bytes` bytes of entropy.
    public static func random(bytes: Int = 32) -> String {
        // Eight bytes per call of the system generator (one `getrandom` each), not one call per byte.
        var generator = SystemRandomNumberGenerator()
        var raw: [UInt8] = []
        raw.reserveCapacity(bytes + 7)
        while raw.count < bytes {
            withUnsafeBytes(of: generator.next() as UInt64) { raw.append(contentsOf: $0) }
        }
        return Base64URL.encode(raw.prefix(bytes))
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

/// Base64 with the URL-safe alphabet and no padding (cookies, links), written directly from the bytes.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int((chunk >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let rest = input.count - index
        if rest > 0 {
            let chunk = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
            output.append(alphabet[Int((chunk >> 18) & 63)])
            output.append(alphabet[Int((chunk >> 12) & 63)])
            if rest == 2 { output.append(alphabet[Int((chunk >> 6) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (cookies, links).
    var base64URLEncoded: String { Base64URL.encode(self) }
}
