/// A small RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes, any one-byte separator.
public struct CSVReader {
    public let separator: Character

    public init(separator: Character) {
        self.separator = separator
    }

    /// Guesses the separator from the header line: `;` (the national directory), then tab, then `,`.
    public static func guessSeparator(headerLine: Substring) -> Character {
        let candidates: [Character] = [";", "\t", ","]
        return candidates.max { a, b in headerLine.filter { $0 == a }.count < headerLine.filter { $0 == b }.count } ?? ";"
    }

    /// Splits text into records of fields. Blank lines are skipped; a trailing unclosed quote ends the last field.
    public func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == separator {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                record.append(field)
                field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
        }
        return records
    }
}
