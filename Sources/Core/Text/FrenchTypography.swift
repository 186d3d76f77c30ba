/// French typography applied when a text is made (never by rewriting a finished page): no-break spaces inside « »
/// and in times, so that no line starts with » or a lone « h ». The service's own texts carry the no-break space (U+00A0)
/// in their literals already (`&nbsp;` in templates); this is for texts people type.
public enum FrenchTypography {
    public static let noBreakSpace: Character = "\u{00A0}"

    /// The text with the spaces after « and before » made non-breaking (for text people type: titles, statements).
    public static func guillemets(_ text: String) -> String {
        guard text.contains("«") || text.contains("»") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previous: Character?
        var pendingSpace = false
        for character in text {
            if pendingSpace {
                // A run of spaces before » becomes one no-break space; elsewhere the space stays as typed.
                if character == "»" { result.append(noBreakSpace) } else if character != " " { result.append(" ") } else { continue }
                pendingSpace = false
            }
            if character == " " {
                if previous == "«" { result.append(noBreakSpace) } else { pendingSpace = true }
            } else {
                result.append(character)
            }
            previous = character
        }
        if pendingSpace { result.append(" ") }
        return result
    }
}

extension FrenchTypography {
    /// « 1 affiche », « 2 affiches », « 0 affiche » (French singular up to 1), the number tied to its noun by a no-break space.
    public static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(value))\(noBreakSpace)\(abs(value) > 1 ? plural : singular)"
    }

    /// `1`, `1,5`, `0,25`: decimal comma, at most two decimals, no trailing zeros.
    public static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        var fraction = abs(hundredths) % 100
        guard fraction != 0 else { return "\(sign)\(grouped(whole))" }
        var digits = 2
        if fraction % 10 == 0 { fraction /= 10; digits = 1 }
        let padded = digits == 2 && fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(sign)\(grouped(whole)),\(padded)"
    }

    /// `5 000`: thousands separated by a narrow no-break space (U+202F), as French typography has it.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        guard digits.count > 3 else { return value < 0 ? "-\(digits)" : digits }
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append("\u{202F}") }
            result.append(digit)
        }
        return value < 0 ? "-\(result)" : result
    }

    /// « 1er », « 2e », « 1re » (feminine): the ordinal abbreviations of the Imprimerie nationale.
    public static func ordinal(_ value: Int, feminine: Bool = false) -> String {
        value == 1 ? (feminine ? "1re" : "1er") : "\(value)e"
    }

    /// Text people type (titles, statements), as French typography has it: no-break spaces inside « » and the space
    /// typed before `: ; ! ?` made non-breaking (a missing space is left alone: it may be a URL or a time).
    public static func typed(_ text: String) -> String {
        let spaced = guillemets(text)
        guard spaced.contains(" :") || spaced.contains(" ;") || spaced.contains(" !") || spaced.contains(" ?") else { return spaced }
        var result = ""
        result.reserveCapacity(spaced.utf8.count)
        var pendingSpace = false
        for character in spaced {
            if pendingSpace {
                result.append(":;!?".contains(character) ? noBreakSpace : " ")
                pendingSpace = false
            }
            if character == " " { pendingSpace = true } else { result.append(character) }
        }
        if pendingSpace { result.append(" ") }
        return result
    }

    /// A piece of French text: plain text, or an ordinal whose suffix is raised (« 1<sup>er</sup> », « 8<sup>e</sup> »).
    public enum Piece: Equatable, Sendable {
        case text(String)
        case ordinal(number: String, suffix: String)
    }

    /// The text cut around its ordinal abbreviations (1er, 1re, 2e, 8e, 2es, 1ers…), so that a page can raise their
    /// suffixes; plain-text contexts (titles of pages, menus, CSV, e-mails) keep the text as it is.
    public static func pieces(_ text: String) -> [Piece] {
        guard text.contains(where: \.isNumber) else { return [.text(text)] }
        // A hand-written scanner: a regular expression here was compiled at each call on Linux and cost 90 % of the
        // submission form's time (its règlement has many ordinals).
        let characters = Array(text)
        var pieces: [Piece] = []
        var plainStart = 0
        var index = 0
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber,
                index == 0 || !isWordCharacter(characters[index - 1])
            else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            // The longest suffix that ends the word.
            var matched: String?
            for suffix in ordinalSuffixes {
                let letters = Array(suffix)
                guard end + letters.count <= characters.count, Array(characters[end..<end + letters.count]) == letters else { continue }
                let after = end + letters.count
                if after == characters.count || !isWordCharacter(characters[after]) {
                    matched = suffix
                    break
                }
            }
            guard let suffix = matched else {
                index = end
                continue
            }
            if index > plainStart { pieces.append(.text(String(characters[plainStart..<index]))) }
            pieces.append(.ordinal(number: String(characters[index..<end]), suffix: suffix))
            index = end + suffix.count
            plainStart = index
        }
        if plainStart < characters.count { pieces.append(.text(String(characters[plainStart...]))) }
        return pieces
    }

    /// Ordinal suffixes, longest first where one is the start of another.
    static let ordinalSuffixes = ["ers", "er", "res", "re", "es", "e"]

    /// « texte » with no-break spaces inside the guillemets.
    public static func quoted(_ text: String) -> String {
        "«\(noBreakSpace)\(text)\(noBreakSpace)»"
    }
}
