/// What a new password must be: long enough and not one of the passwords everyone tries first.
public struct PasswordRules: Sendable {
    public static let minimumLength = 12
    /// Lower-cased common passwords.
    let common: Set<String>

    public init(commonPasswords: some Sequence<String>) {
        self.common = Set(commonPasswords.map { $0.lowercased() })
    }

    /// French reason a new password is refused, or nil.
    /// - Parameters:
    ///   - context: words tied to the account (its e-mail address) that the password must not just repeat.
    public func problem(with password: String, context: [String] = []) -> String? {
        if password.count < Self.minimumLength {
            return "Le mot de passe doit comporter au moins \(Self.minimumLength) caractères."
        }
        let lowered = password.lowercased()
        if common.contains(lowered) || common.contains(Self.core(of: lowered)) || Self.isRepetitive(lowered) {
            return "Ce mot de passe fait partie des plus courants : choisissez-en un autre, par exemple trois ou quatre mots sans lien entre eux."
        }
        for word in context where word.count >= 4 && lowered.contains(word.lowercased()) && lowered.count - word.count < 6 {
            return "Le mot de passe ne doit pas reprendre votre adresse e-mail."
        }
        return nil
    }

    /// The password without the digits and punctuation people add at either end (`password123!` → `password`).
    static func core(of lowered: String) -> String {
        let trimmed = lowered.unicodeScalars.drop { !$0.properties.isAlphabetic }.reversed().drop { !$0.properties.isAlphabetic }.reversed()
        var result = String.UnicodeScalarView()
        result.append(contentsOf: trimmed)
        return String(result)
    }

    /// One or two characters repeated (`aaaaaaaaaaaa`, `abababababab`) or a plain run of the keyboard's digits.
    static func isRepetitive(_ lowered: String) -> Bool {
        let characters = Array(lowered)
        if Set(characters).count <= 2 { return true }
        return "01234567890123456789".contains(lowered) || "98765432109876543210".contains(lowered)
    }
}
