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
