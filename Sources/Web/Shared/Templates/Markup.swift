import Core

/// HTML the service writes itself from plain French text, for a template to print with `{{{…}}}`: the text is escaped
/// and only the ordinals' suffixes are marked up (`1<sup>er</sup> prix`, `8<sup>e</sup> édition`). There is no way to
/// wrap other HTML, so a triple-brace variable of this type is as safe as an escaped `{{variable}}`.
struct Markup: Encodable, Sendable, Hashable {
    let html: String

    init(_ text: String) {
        var html = ""
        for piece in FrenchTypography.pieces(text) {
            switch piece {
            case .text(let plain): html += HTMLEscape.escape(plain)
            case .ordinal(let number, let suffix): html += "\(number)<sup>\(suffix)</sup>"
            }
        }
        self.html = html
    }

    init?(_ text: String?) {
        guard let text else { return nil }
        self.init(text)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }
}
