/// Which request paths and redirect targets are plain local paths of this site.
public enum LocalPath {
    /// True for `/…` paths that a browser cannot read as another origin: no `//` or `/\` start, no backslash,
    /// no control or white-space characters (browsers drop tabs and line breaks from URLs, so `/\t/evil.example`
    /// would become `//evil.example`), no scheme, and no percent-encoded control bytes, slashes or backslashes
    /// right after the first slash.
    public static func isSafeRedirect(_ target: String) -> Bool {
        let scalars = Array(target.unicodeScalars)
        guard scalars.first == "/", scalars.count <= 2048 else { return false }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return false }
        for scalar in scalars {
            if scalar.value < 0x21 || scalar.value == 0x7F || scalar == "\\" { return false }
            if (0x80...0x9F).contains(scalar.value) || scalar.properties.isWhitespace { return false }
        }
        let lowered = target.lowercased()
        if lowered.hasPrefix("/%2f") || lowered.hasPrefix("/%5c") || lowered.hasPrefix("/%09") { return false }
        return !containsEncodedControl(lowered)
    }

    /// True when a raw request path (as sent, before decoding) holds something no page of the site uses and that
    /// confuses path handling downstream: NUL or other control bytes (raw or percent-encoded), backslashes, or `//`.
    public static func isSuspiciousRequestPath(_ raw: String) -> Bool {
        // Every request asks: a path of plain printable ASCII bytes without `%`, `\` or `//` is settled in one pass over
        // its bytes; anything else gets the full reading.
        var previousWasSlash = false
        for byte in raw.utf8 {
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "\\") else {
                return isSuspiciousRequestPathSlow(raw)
            }
            let isSlash = byte == UInt8(ascii: "/")
            if isSlash && previousWasSlash { return true }
            previousWasSlash = isSlash
        }
        return false
    }

    /// The full reading of ``isSuspiciousRequestPath(_:)``, for paths with escapes, spaces or other bytes.
    static func isSuspiciousRequestPathSlow(_ raw: String) -> Bool {
        let lowered = raw.lowercased()
        if lowered.contains("//") || lowered.contains("\\") || lowered.contains("%5c") { return true }
        for scalar in raw.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F { return true }
        if containsEncodedControl(lowered) { return true }
        // An encoded slash after decoding would give `//` again.
        return lowered.contains("%2f%2f") || lowered.contains("/%2f") || lowered.contains("%2f/")
    }

    /// `%00`–`%1f` and `%7f` anywhere in a lower-cased string.
    static func containsEncodedControl(_ lowered: String) -> Bool {
        let bytes = Array(lowered.utf8)
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                let high = bytes[i + 1]
                let low = bytes[i + 2]
                if high == UInt8(ascii: "0") || high == UInt8(ascii: "1") {
                    if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(low) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(low) { return true }
                }
                if high == UInt8(ascii: "7"), low == UInt8(ascii: "f") { return true }
            }
            i += 1
        }
        return false
    }
}
