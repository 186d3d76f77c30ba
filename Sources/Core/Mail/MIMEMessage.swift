import Foundation

/// Renders a ``MailMessage`` as an RFC 5322 message: RFC 2047 UTF-8 headers, multipart/alternative with a text and an HTML
/// part in quoted-printable, CRLF line endings, no line over 78 characters.
public struct MIMEMessage: Sendable {
    public var from: MailAddress
    public var replyTo: MailAddress?
    /// `<outbox-12.3f9a…@ac-creteil.fr>`, the same on every attempt so that a resend is recognisable.
    public var messageID: String
    public var date: Date
    /// The multipart boundary; random per message (tests pass a fixed one).
    public var boundary: String

    public init(from: MailAddress, replyTo: MailAddress?, messageID: String, date: Date, boundary: String) {
        self.from = from
        self.replyTo = replyTo
        self.messageID = messageID
        self.date = date
        self.boundary = boundary
    }

    /// The whole message, ready for SMTP `DATA` (before dot-stuffing).
    public func render(_ message: MailMessage) -> String {
        var headers: [String] = []
        headers.append(Self.header("From", Self.address(from)))
        headers.append(Self.header("To", Self.address(message.to)))
        if let replyTo { headers.append(Self.header("Reply-To", Self.address(replyTo))) }
        headers.append(Self.header("Subject", Self.encodedWords(message.subject)))
        headers.append("Date: \(Self.rfc5322Date(date))")
        headers.append("Message-ID: \(messageID)")
        headers.append("MIME-Version: 1.0")
        headers.append("Auto-Submitted: auto-generated")
        headers.append("X-Auto-Response-Suppress: All")
        headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        var lines = headers
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        lines.append("--\(boundary)")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines.append(Self.quotedPrintable(message.text))
        lines.append("--\(boundary)")
        lines.append("Content-Type: text/html; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines.append(Self.quotedPrintable(message.html))
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Headers

    /// `Name: value`, the value's words folded onto continuation lines so that no line passes 78 characters.
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var current = "\(name):"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if current.count + 1 + word.count > 78, current.count > name.count + 1 {
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// The text as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at most 39 bytes each
    /// (64 characters: a word fits on a folded line), never cutting a character.
    public static func encodedWords(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        if printable, !text.contains("=?"), !text.isEmpty { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(Self.bWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(Self.bWord(chunk)) }
        return words.joined(separator: " ")
    }

    static func bWord(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Data(bytes).base64EncodedString())?=" }

    /// `Name <address>`, the name encoded when it is not plain ASCII (a plain one is quoted when it has specials).
    public static func address(_ address: MailAddress) -> String {
        let name = address.name.trimmingCharacters(in: .whitespaces).filter { $0 != "\r" && $0 != "\n" }
        guard !name.isEmpty else { return address.address }
        let ascii = name.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        if ascii, !name.contains("=?") {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address.address)>"
        }
        return "\(encodedWords(name)) <\(address.address)>"
    }

    /// `Wed, 02 Dec 2026 16:25:00 +0000` (RFC 5322 §3.3), in UTC.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    // MARK: - Bodies

    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 text: CRLF line breaks, soft breaks keep lines at 76 characters or fewer,
    /// trailing spaces and `=` encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var output: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                if byte == UInt8(ascii: "=") || byte < 32 && byte != 9 || byte > 126 || (isLast && (byte == 32 || byte == 9)) {
                    token = String(format: "=%02X", byte)
                } else {
                    token = String(UnicodeScalar(byte))
                }
                // Room for the token and a soft break's `=` on this line.
                if current.count + token.count > (isLast ? 76 : 75) {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }
}
