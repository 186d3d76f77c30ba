import Foundation

/// A French establishment identifier (*Unité administrative immatriculée*): seven digits and a check letter.
///
/// The letter is `ABCDEFGHJKLMNPRSTUVWXYZ`[number mod 23], where number is the seven digits read as an integer.
public struct UAI: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The normalised code, e.g. `0951099D`.
    public let code: String

    static let checkLetters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
    static let checkBytes = Array("ABCDEFGHJKLMNPRSTUVWXYZ".utf8)

    /// Validates and normalises a code (surrounding spaces are dropped, the letter is upper-cased).
    /// - Parameters:
    ///   - raw: the code as typed or read from a file.
    public init(_ raw: String) throws(UAIError) {
        // Fast path for a code already normalised (as stored): seven ASCII digits and the right capital letter.
        let bytes = raw.utf8
        if bytes.count == 8 {
            var number = 0
            var digits = 0
            var last: UInt8 = 0
            for (position, byte) in bytes.enumerated() {
                if position < 7 {
                    guard (48...57).contains(byte) else { break }
                    number = number * 10 + Int(byte - 48)
                    digits += 1
                } else {
                    last = byte
                }
            }
            if digits == 7, last == UAI.checkBytes[number % 23] {
                self.code = raw
                return
            }
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard !trimmed.isEmpty else { throw .empty }
        let chars = Array(trimmed)
        guard chars.count == 8 else { throw .wrongLength(trimmed) }
        let digits = chars.prefix(7)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(String(digits)) else {
            throw .notDigits(trimmed)
        }
        let expected = UAI.checkLetters[number % 23]
        guard chars[7] == expected else { throw .wrongLetter(trimmed, expected: expected) }
        self.code = trimmed
    }

    /// The check letter that goes with seven digits.
    public static func checkLetter(for digits: String) -> Character? {
        guard digits.count == 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        return checkLetters[n % 23]
    }

    /// The département number encoded in the first three digits (`095` → `95`, `077` → `77`, `974` → `974`).
    public var departementHint: String {
        let prefix = String(code.prefix(3))
        return prefix.hasPrefix("0") ? String(prefix.dropFirst()) : prefix
    }

    public var description: String { code }
    public static func < (lhs: UAI, rhs: UAI) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try UAI(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// Why a UAI code was refused; `message` is shown to users.
public enum UAIError: Error, Equatable, Sendable {
    case empty
    case wrongLength(String)
    case notDigits(String)
    case wrongLetter(String, expected: Character)

    /// A French message for users.
    public var message: String {
        switch self {
        case .empty:
            return "Le code UAI est vide."
        case .wrongLength(let code):
            return "Le code UAI « \(code) » doit comporter 7 chiffres suivis d’une lettre (ex. 0951099D)."
        case .notDigits(let code):
            return "Le code UAI « \(code) » doit commencer par 7 chiffres (ex. 0951099D)."
        case .wrongLetter(let code, let expected):
            return "Le code UAI « \(code) » est invalide : la lettre de contrôle attendue est « \(expected) »."
        }
    }
}
