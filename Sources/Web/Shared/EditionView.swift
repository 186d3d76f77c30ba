import Core
import Foundation

/// What templates show of an edition, with dates in French.
struct EditionView {
    let edition: Edition
    let now: Date

    init(_ edition: Edition, now: Date) {
        self.edition = edition
        self.now = now
    }

    var values: [String: Any] {
        var values: [String: Any] = [
            "id": edition.id ?? 0,
            "title": edition.title,
            "number": edition.number,
            "year": edition.year,
            "theme": edition.theme,
            "week": ParisTime.weekRange(edition.weekStart, edition.weekEnd),
            "opensAt": ParisTime.longDateTime(edition.submissionOpensAt),
            "deadline": ParisTime.longDateTime(edition.submissionDeadline),
            "state": edition.state.rawValue,
            "stateLabel": edition.state.label,
            "isOpen": edition.state == .open && now >= edition.submissionOpensAt && now <= edition.submissionDeadline,
            "notYetOpen": edition.state == .draft || (edition.state == .open && now < edition.submissionOpensAt),
            "isClosed": edition.state != .draft && (edition.state != .open || now > edition.submissionDeadline),
            "categories": edition.categories.map { ["code": $0.code, "label": $0.label, "description": $0.description ?? ""] },
            "criteria": edition.criteria.map {
                ["label": $0.label, "description": $0.description ?? "", "weight": Self.number($0.weight), "scale": "\($0.scale.min) à \($0.scale.max)"]
            },
            "prizes": edition.prizes.sorted { $0.rank < $1.rank }.map { ["label": $0.label, "perCategory": $0.perCategory] },
            "maxEntries": edition.maxEntriesPerEstablishmentAndCategory,
            "maxEntriesText": Self.count(edition.maxEntriesPerEstablishmentAndCategory, "affiche", "affiches"),
            "needsAccessCode": edition.accessCode != nil,
            "isPublic": edition.state == .published || edition.state == .archived,
        ]
        if let forum = edition.forumDay {
            values["forum"] = ["day": ParisTime.longDay(forum), "theme": edition.forumTheme ?? ""]
        }
        return values
    }

    /// « 1 affiche », « 2 affiches ».
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value > 1 ? plural : singular)"
    }

    /// `1`, `1,5` — French decimal comma, no trailing zeros.
    static func number(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.2f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
            .replacingOccurrences(of: ".", with: ",")
    }
}
