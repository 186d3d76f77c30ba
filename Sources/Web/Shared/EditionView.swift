import Core
import Foundation

/// What templates show of an edition, with dates and numbers in French: `{{edition.title}}` in a page model.
struct EditionView: MemoisedTemplateValue {
    struct Category: Encodable, Hashable, Sendable {
        let code: String
        let label: String
        let description: String?
        let descriptionMarkup: Markup?
    }

    struct Criterion: Encodable, Hashable, Sendable {
        let label: String
        let description: String?
        let weight: String
        let scale: String
    }

    struct Prize: Encodable, Hashable, Sendable {
        let label: String
        let labelMarkup: Markup
        let perCategory: Bool
    }

    struct Forum: Encodable, Hashable, Sendable {
        let day: String
        let dayMarkup: Markup
        let theme: String?
    }

    let id: Int64
    let title: String
    let number: Int
    let year: Int
    let theme: String
    let week: String
    let opensAt: String
    let deadline: String
    /// The same texts with their ordinals raised (`8<sup>e</sup> édition`, `1<sup>er</sup> avril`), for `{{{…}}}` in page text;
    /// the plain ones are for page titles and attributes.
    let titleMarkup: Markup
    let weekMarkup: Markup
    let opensAtMarkup: Markup
    let deadlineMarkup: Markup
    let state: String
    let stateLabel: String
    let isOpen: Bool
    let notYetOpen: Bool
    let isClosed: Bool
    let isPublic: Bool
    let categories: [Category]
    let criteria: [Criterion]
    let prizes: [Prize]
    let maxEntries: Int
    let maxEntriesText: String
    let needsAccessCode: Bool
    let forum: Forum?

    init(_ edition: Edition, now: Date) {
        let isOpen = edition.state == .open && now >= edition.submissionOpensAt && now <= edition.submissionDeadline
        let notYetOpen = edition.state == .draft || (edition.state == .open && now < edition.submissionOpensAt)
        let isClosed = edition.state != .draft && (edition.state != .open || now > edition.submissionDeadline)
        let key = MemoKey(edition: edition, isOpen: isOpen, notYetOpen: notYetOpen, isClosed: isClosed)
        if let known = Self.memo.value(for: key) {
            self = known
            return
        }
        self.init(edition, isOpen: isOpen, notYetOpen: notYetOpen, isClosed: isClosed)
        Self.memo.store(self, for: key)
    }

    /// Every page shows the current edition: its French texts are written once per edition and moment of its calendar.
    private struct MemoKey: Hashable, Sendable {
        let edition: Edition
        let isOpen: Bool
        let notYetOpen: Bool
        let isClosed: Bool
    }

    private static let memo = Memo<MemoKey, EditionView>(capacity: 64)

    private init(_ edition: Edition, isOpen: Bool, notYetOpen: Bool, isClosed: Bool) {
        self.isOpen = isOpen
        self.notYetOpen = notYetOpen
        self.isClosed = isClosed
        id = edition.id ?? 0
        title = edition.title
        number = edition.number
        year = edition.year
        theme = FrenchTypography.typed(edition.theme)
        week = ParisTime.weekRange(edition.weekStart, edition.weekEnd)
        opensAt = ParisTime.longDateTime(edition.submissionOpensAt)
        deadline = ParisTime.longDateTime(edition.submissionDeadline)
        titleMarkup = Markup(title)
        weekMarkup = Markup(week)
        opensAtMarkup = Markup(opensAt)
        deadlineMarkup = Markup(deadline)
        state = edition.state.rawValue
        stateLabel = edition.state.label
        isPublic = edition.state == .published || edition.state == .archived
        categories = edition.categories.map {
            Category(code: $0.code, label: $0.label, description: $0.description, descriptionMarkup: Markup($0.description.map(FrenchTypography.typed)))
        }
        criteria = edition.criteria.map {
            Criterion(label: $0.label, description: $0.description.map(FrenchTypography.typed), weight: FrenchTypography.decimal($0.weight), scale: "\($0.scale.min) à \($0.scale.max)")
        }
        prizes = edition.prizes.sorted { $0.rank < $1.rank }.map { Prize(label: $0.label, labelMarkup: Markup($0.label), perCategory: $0.perCategory) }
        maxEntries = edition.maxEntriesPerEstablishmentAndCategory
        maxEntriesText = FrenchTypography.count(edition.maxEntriesPerEstablishmentAndCategory, "affiche", "affiches")
        needsAccessCode = edition.accessCode != nil
        forum = edition.forumDay.map { Forum(day: ParisTime.longDay($0), dayMarkup: Markup(ParisTime.longDay($0)), theme: edition.forumTheme.map(FrenchTypography.typed)) }
    }
}

/// The consent texts a submitter agrees to, as the form shows them and the organisers' entry page recalls them.
struct ConsentWordingView: Encodable, Sendable {
    let imageRights = ConsentWording.imageRights
    let authorsRights = ConsentWording.authorsRights
    let publicGallery = ConsentWording.publicGallery
}
