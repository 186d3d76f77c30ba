import Foundation

/// Reads a ballot's `scores` column, a JSON object of criterion codes to integers as GRDB writes it
/// (`{"creativite":5,"graphisme":4}`), without a JSON decoder: the jury dashboard reads every ballot of an edition, and
/// SQLite's `json_each` (one row per score) or Foundation's decoder cost three times the rest of the query at 10,000
/// ballots. Anything else than that plain shape (escapes, non-integers, nesting) goes to Foundation's decoder.
enum ScoresJSON {
    /// The scores, or the storage error both ballot readers report for a column that is not such an object.
    static func required(_ text: String) throws(StorageError) -> [String: Int] {
        guard let scores = decode(text) else { throw StorageError.database("Les notes d’un bulletin sont illisibles.") }
        return scores
    }

    static func decode(_ text: String) -> [String: Int]? {
        if let fast = plain(text) { return fast }
        return try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))
    }

    /// The plain shape only: `{` then `"key":integer` pairs separated by commas, then `}`, spaces allowed between tokens.
    static func plain(_ text: String) -> [String: Int]? {
        var text = text
        return text.withUTF8 { bytes -> [String: Int]? in
            var i = 0
            let n = bytes.count
            func skipSpaces() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
            skipSpaces()
            guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            // Sized once for its pairs (one colon each; a colon inside a key only over-reserves): grown from empty, the
            // four scores of a ballot cost three reallocations and rehashes, 25,000 ballots per rebuild of the dashboard.
            var pairs = 0
            for byte in bytes where byte == UInt8(ascii: ":") { pairs += 1 }
            var result: [String: Int] = [:]
            result.reserveCapacity(pairs)
            skipSpaces()
            if i < n, bytes[i] == UInt8(ascii: "}") {
                i += 1
                skipSpaces()
                return i == n ? result : nil
            }
            while true {
                skipSpaces()
                guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                let start = i
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    // Escapes and control characters: leave to the full decoder.
                    guard bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 else { return nil }
                    i += 1
                }
                guard i < n else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                skipSpaces()
                guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpaces()
                var negative = false
                if i < n, bytes[i] == UInt8(ascii: "-") {
                    negative = true
                    i += 1
                }
                let digitsStart = i
                var value = 0
                while i < n, (48...57).contains(bytes[i]) {
                    guard i - digitsStart < 18 else { return nil }
                    value = value * 10 + Int(bytes[i] - 48)
                    i += 1
                }
                guard i > digitsStart else { return nil }
                guard result[key] == nil else { return nil }
                result[key] = negative ? -value : value
                skipSpaces()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard bytes[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                skipSpaces()
                return i == n ? result : nil
            }
        }
    }
}
