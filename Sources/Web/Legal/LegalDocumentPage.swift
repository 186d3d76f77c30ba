import Core
import Foundation

/// A legal or reference page (mentions légales, données personnelles, accessibilité, règlement, model forms): a heading
/// and titled sections of paragraphs, lists and blanks to fill in, all already-typeset French text.
struct LegalDocumentPage: PageModel {
    /// A list item: text, optionally followed by a link.
    /// A list item: text, optionally followed by a link. Texts are `Markup`: escaped, ordinals raised (8<sup>e</sup>).
    struct Item: Encodable, Sendable {
        let text: Markup
        let link: Link?

        init(_ text: String, link: Link? = nil) {
            self.text = Markup(text)
            self.link = link
        }
    }

    struct Link: Encodable, Sendable {
        let label: String
        let href: String
    }

    struct Section: Encodable, Sendable {
        /// The anchor of the section (`#responsable`), for the table of contents.
        let id: String
        let title: String
        let titleMarkup: Markup
        let paragraphs: [Markup]
        let items: [Item]
        /// Paragraphs after the list.
        let after: [Markup]
        /// Labels of lines to fill in by hand on a printed form (« Nom et prénom de l’élève »).
        let blanks: [String]

        let hasItems: Bool
        let hasBlanks: Bool

        init(id: String, title: String, paragraphs: [String] = [], items: [Item] = [], after: [String] = [], blanks: [String] = []) {
            self.id = id
            self.title = title
            titleMarkup = Markup(title)
            self.paragraphs = paragraphs.map(Markup.init)
            self.items = items
            self.after = after.map(Markup.init)
            self.blanks = blanks
            hasItems = !items.isEmpty
            hasBlanks = !blanks.isEmpty
        }
    }

    static let template = "legal/document"

    /// The page title (plain text); `headingMarkup` is the breadcrumb's last step and the `h1`.
    let heading: String
    let headingMarkup: Markup
    let lead: Markup?
    /// « Version 2022-… », « Mise à jour : … ».
    let meta: [Markup]
    let sections: [Section]
    let hasContents: Bool
    /// A printable form: the page says how to print it and leaves room to sign.
    let isPrintable: Bool
    /// Other versions of the same document (the règlement's accepted versions).
    let versions: [Link]
    /// Pages to go to next (the model forms from the règlement, the form from the model forms).
    let related: [Link]
    let hasVersions: Bool
    let hasRelated: Bool

    init(
        heading: String, lead: String? = nil, meta: [String] = [], sections: [Section], isPrintable: Bool = false, versions: [Link] = [],
        related: [Link] = []
    ) {
        self.heading = heading
        headingMarkup = Markup(heading)
        self.lead = Markup(lead)
        self.meta = meta.map(Markup.init)
        self.sections = sections
        hasContents = sections.count > 3 && !isPrintable
        self.isPrintable = isPrintable
        self.versions = versions
        self.related = related
        hasVersions = !versions.isEmpty
        hasRelated = !related.isEmpty
    }
}
