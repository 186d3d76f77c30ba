import Core
import Hummingbird

extension Paging {
    /// Reads `?page=` and `?par=` from the request.
    init(request: Request, total: Int, defaultSize: Int = Paging.defaultSize) {
        let query = request.uri.queryParameters
        self.init(page: query.get("page"), size: query.get("par"), total: total, defaultSize: defaultSize)
    }
}

/// What `layout/pagination` shows under a long list: « 51 à 100 sur 5 000 », page links, a page-size choice.
/// Links keep the list's other query parameters (filters, sort order).
struct PaginationView: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let number: String
        let href: String?
        let isCurrent: Bool
        let isGap: Bool
    }

    struct SizeChoice: Encodable, Sendable {
        let value: Int
        let isSelected: Bool
    }

    struct Hidden: Encodable, Sendable {
        let name: String
        let value: String
    }

    /// « 51 à 100 sur 5 000 affiches ».
    let summary: String
    let isPaged: Bool
    let previous: String?
    let next: String?
    let links: [Link]
    let sizes: [SizeChoice]
    /// The list's other parameters, kept by the page-size form.
    let hidden: [Hidden]
    let path: String

    /// - Parameters:
    ///   - path: the list's path, e.g. `/organisation/depots`.
    ///   - parameters: the list's other query parameters in a stable order (empty values are left out of links).
    ///   - noun: singular and plural of what is counted.
    init(_ paging: Paging, path: String, parameters: [(String, String)], noun: (String, String)) {
        let kept = parameters.filter { !$0.1.isEmpty }
        func href(_ page: Int) -> String {
            var items = kept
            if paging.size != Paging.defaultSize { items.append(("par", String(paging.size))) }
            if page > 1 { items.append(("page", String(page))) }
            guard !items.isEmpty else { return path }
            return path + "?" + items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        let totalText = FrenchTypography.count(paging.total, noun.0, noun.1)
        summary = paging.total == 0 ? "Aucun résultat"
            : paging.pageCount == 1 ? totalText
            : "\(FrenchTypography.grouped(paging.firstShown)) à \(FrenchTypography.grouped(paging.lastShown)) sur \(totalText)"
        isPaged = paging.pageCount > 1
        previous = paging.page > 1 ? href(paging.page - 1) : nil
        next = paging.page < paging.pageCount ? href(paging.page + 1) : nil
        links = paging.window.map { number in
            guard let number else { return Link(number: "…", href: nil, isCurrent: false, isGap: true) }
            return Link(number: String(number), href: number == paging.page ? nil : href(number), isCurrent: number == paging.page, isGap: false)
        }
        sizes = Paging.sizes.map { SizeChoice(value: $0, isSelected: $0 == paging.size) }
        hidden = kept.map { Hidden(name: $0.0, value: $0.1) }
        self.path = path
    }

    /// Percent-encodes a query component (everything but unreserved characters).
    static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
