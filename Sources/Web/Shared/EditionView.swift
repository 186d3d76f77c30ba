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
        let (isOpen, notYetOpen, isClosed) = Self.flags(edition, now: now)
        let key = MemoKey(edition: edition, isOpen: isOpen, notYetOpen: notYetOpen, isClosed: isClosed)
        if let known = Self.memo.value(for: key) {
            self = known
            return
        }
        self.init(edition, isOpen: isOpen, notYetOpen: notYetOpen, isClosed: isClosed)
        Self.memo.store(self, for: key)
    }

    /// Where `now` stands in the edition's calendar: what of the clock the view shows.
    static func flags(_ edition: Edition, now: Date) -> (isOpen: Bool, notYetOpen: Bool, isClosed: Bool) {
        let isOpen = edition.state == .open && now >= edition.submissionOpensAt && now <= edition.submissionDeadline
        let notYetOpen = edition.state == .draft || (edition.state == .open && now < edition.submissionOpensAt)
        let isClosed = edition.state != .draft && (edition.state != .open || now > edition.submissionDeadline)
        return (isOpen, notYetOpen, isClosed)
    }

    /// The same as a short text, for the key of a kept page (``PageMemo``).
    static func moment(_ edition: Edition, now: Date) -> String {
        let flags = Self.flags(edition, now: now)
        return "\(edition.id ?? 0):\(flags.isOpen ? 1 : 0)\(flags.notYetOpen ? 1 : 0)\(flags.isClosed ? 1 : 0)"
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

/// The declarations a submitter makes, as the form shows them now.
struct ConsentWordingView: Encodable, Sendable {
    let version: String
    let authorsRights: String
    let authorsRightsTerms: [String]
    let imageRights: String
    let publicGallery: String
    let original: String
    let thirdPartyNone: String
    let thirdPartyListed: String
    let noIdentifyingMarks: String
    let personRecognisable: String
    let nobodyRecognisable: String

    init(_ texts: ConsentWording.Texts = ConsentWording.texts(version: ConsentWording.version)) {
        version = texts.version
        authorsRights = texts.authorsRights
        authorsRightsTerms = texts.authorsRightsTerms
        imageRights = texts.imageRights
        publicGallery = texts.publicGallery
        original = texts.original
        thirdPartyNone = texts.thirdPartyNone
        thirdPartyListed = texts.thirdPartyListed
        noIdentifyingMarks = texts.noIdentifyingMarks
        personRecognisable = texts.personRecognisable
        nobodyRecognisable = texts.nobodyRecognisable
    }
}

/// What an entry's submitter declared and accepted, each line with the exact text of its version: the organisers'
/// entry page and the private page show it (partial `layout/consent-record`).
struct ConsentRecordView: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        /// « Attesté », « Non accordé »…: said in words, the mark only repeats it.
        let state: String
        let mark: String
        let text: String
        let terms: [String]
        let hasTerms: Bool

        init(state: String, mark: String, text: String, terms: [String]) {
            self.state = state
            self.mark = mark
            self.text = text
            self.terms = terms
            hasTerms = !terms.isEmpty
        }
    }

    let lines: [Line]
    let thirdPartyElements: String?
    let version: String
    /// « mardi 1<sup>er</sup> février 2022 à 10 h 00 ».
    let recordedAt: Markup
    let rulesVersion: String?
    let rulesLink: String?

    init(_ consent: Consent, year: Int) {
        let texts = ConsentWording.texts(version: consent.wordingVersion)
        func line(_ given: Bool, yes: String, no: String, _ text: String, terms: [String] = []) -> Line {
            Line(state: given ? yes : no, mark: given ? "✔" : "✘", text: text, terms: terms)
        }
        var lines: [Line] = []
        if let recognisable = consent.personRecognisable {
            lines.append(line(consent.original, yes: "Attesté", no: "Non attesté", texts.original))
            lines.append(line(consent.noIdentifyingMarks, yes: "Attesté", no: "Non attesté", texts.noIdentifyingMarks))
            let listed = !consent.thirdPartyElements.isEmpty
            lines.append(Line(state: "Déclaré", mark: "✔", text: listed ? texts.thirdPartyListed : texts.thirdPartyNone, terms: []))
            lines.append(Line(state: "Déclaré", mark: "✔", text: recognisable ? texts.personRecognisable : texts.nobodyRecognisable, terms: []))
            if recognisable { lines.append(line(consent.imageRights, yes: "Attesté", no: "Non attesté", texts.imageRights)) }
        } else {
            lines.append(line(consent.imageRights, yes: "Attesté", no: "Non attesté", texts.imageRights))
        }
        lines.append(line(consent.authorsRights, yes: "Accordé", no: "Non accordé", texts.authorsRights, terms: texts.authorsRightsTerms))
        lines.append(
            Line(
                state: consent.publicGallery ? "Accepté" : "Non accepté", mark: consent.publicGallery ? "✔" : "—", text: texts.publicGallery,
                terms: []))
        self.lines = lines
        thirdPartyElements = consent.thirdPartyElements.isEmpty ? nil : consent.thirdPartyElements
        version = consent.wordingVersion
        recordedAt = Markup(ParisTime.longDateTime(consent.recordedAt))
        rulesVersion = consent.rulesVersion
        rulesLink = consent.rulesVersion.map { LegalController.rulesPath(year, version: $0) }
    }
}
