/// A message's body as paragraphs and links, written once and rendered both as plain text and as simple HTML.
public struct MailBody: Sendable {
    public enum Block: Sendable {
        case paragraph(String)
        /// A labelled fact: « Référence : 2022-ABCD ».
        case fact(label: String, value: String)
        /// A link shown as a button in HTML and as the bare address in text (copyable).
        case link(label: String, url: String)
    }

    public var blocks: [Block] = []

    public init() {}

    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public mutating func fact(_ label: String, _ value: String) { blocks.append(.fact(label: label, value: value)) }
    public mutating func link(_ label: String, _ url: String) { blocks.append(.link(label: label, url: url)) }

    /// The text part: paragraphs separated by blank lines, consecutive facts grouped.
    public var text: String {
        var out: [String] = []
        var previousWasFact = false
        for block in blocks {
            switch block {
            case .paragraph(let text):
                out.append(text)
                previousWasFact = false
            case .fact(let label, let value):
                let line = "\(label)\u{00A0}: \(value)"
                if previousWasFact, let last = out.popLast() { out.append(last + "\n" + line) } else { out.append(line) }
                previousWasFact = true
            case .link(let label, let url):
                out.append("\(label)\u{00A0}:\n\(url)")
                previousWasFact = false
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// The HTML part: no images, no scripts, no tracking; only the links the text has.
    public func html(title: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>\(Self.escape(title))</title></head>\n"
        out += "<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\">\n"
        var inList = false
        for block in blocks {
            if case .fact = block {} else if inList {
                out += "</ul>\n"
                inList = false
            }
            switch block {
            case .paragraph(let text):
                out += "<p>\(Self.escape(text).replacingOccurrences(of: "\n", with: "<br>"))</p>\n"
            case .fact(let label, let value):
                if !inList {
                    out += "<ul>\n"
                    inList = true
                }
                out += "<li><strong>\(Self.escape(label))</strong>\u{00A0}: \(Self.escape(value))</li>\n"
            case .link(let label, let url):
                out += "<p><a href=\"\(Self.escape(url))\">\(Self.escape(label))</a><br><small>\(Self.escape(url))</small></p>\n"
            }
        }
        if inList { out += "</ul>\n" }
        return out + "</body>\n</html>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
