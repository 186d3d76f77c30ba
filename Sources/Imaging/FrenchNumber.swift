/// French number formatting without Foundation locales (whose data may be missing on servers).
enum FrenchNumber {
    /// Thousands separator: narrow no-break space, as recommended by the Imprimerie nationale.
    static let groupSeparator = "\u{202F}"

    /// `30000` → "30 000".
    static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: self.groupSeparator)
    }

    /// A pixel count as megapixels with at most one decimal: `60_000_000` → "60", `12_500_000` → "12,5".
    static func megapixels(_ pixels: Int) -> String {
        let tenths = (pixels + 50_000) / 100_000
        let whole = self.integer(tenths / 10)
        return tenths % 10 == 0 ? whole : "\(whole),\(tenths % 10)"
    }
}
