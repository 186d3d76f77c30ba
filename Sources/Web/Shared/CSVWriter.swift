import Foundation

/// One cell of a CSV the service writes.
enum CSVCell: Sendable, Equatable {
    /// Anything users typed or data holds (titles, names, e-mails, reasons, labels): neutralised if a spreadsheet would
    /// read it as a formula.
    case text(String)
    /// A number the service computed (`12`, `4,25`, `-0,35`), written as is so that spreadsheets keep it a number.
    /// A value that is not a plain number is treated as text.
    case number(String)
}

/// Every CSV the service writes: `;`-separated UTF-8 with a BOM and CRLF line ends, as French Excel opens it.
struct CSVWriter {
    private var text = "\u{FEFF}"

    mutating func append(_ row: [CSVCell]) {
        text += row.map(Self.field).joined(separator: ";") + "\r\n"
    }

    var data: Data { Data(text.utf8) }

    /// One field, neutralised and quoted.
    static func field(_ cell: CSVCell) -> String {
        switch cell {
        case .text(let value): return quoted(neutralised(value))
        case .number(let value): return quoted(isPlainNumber(value) ? value : neutralised(value))
        }
    }

    /// First characters that make Excel or LibreOffice evaluate a cell (OWASP, CSV injection).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// OWASP's rule: a leading `'` makes the spreadsheet show the cell as text.
    static func neutralised(_ value: String) -> String {
        // Scalars, not characters: "\r\n" or "=" plus a combining mark is one Character but still starts a formula.
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// Quotes a field when it holds `;`, a quote or a line break, so that it stays one field; quotes are doubled.
    static func quoted(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-`, digits, then at most one decimal comma or point followed by digits; the empty cell counts as a number.
    static func isPlainNumber(_ value: String) -> Bool {
        if value.isEmpty { return true }
        let unsigned = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        let parts = unsigned.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        }
        return parts.count <= 2 && parts.allSatisfy { part in !part.isEmpty && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }
}
