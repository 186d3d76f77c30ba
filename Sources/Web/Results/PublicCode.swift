import Crypto
import Foundation

/// The identifier of an entry on public pages (palmarès, gallery, static export), unrelated to the anonymous code the
/// jury saw: once results are out, a juror cannot map the codes they scored to schools through the public URLs.
///
/// It is an HMAC of the entry's id under a server secret of its own (`public-codes`), so it is stable (links keep
/// working, the static export matches the live pages) and cannot be computed or reversed without the secret.
struct PublicCode: Sendable {
    static let secretName = "public-codes"
    /// Lower-case letters and digits without look-alikes (no i, l, o, 0, 1).
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    static let length = 10
    let key: SymmetricKey

    init(secret: Data) {
        key = SymmetricKey(data: secret)
    }

    func code(entryId: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("entree-publique:\(entryId)".utf8), using: key)
        var value = Data(mac).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var characters: [Character] = []
        for _ in 0..<Self.length {
            characters.append(Self.alphabet[Int(value % UInt64(Self.alphabet.count))])
            value /= UInt64(Self.alphabet.count)
        }
        return String(characters)
    }
}
