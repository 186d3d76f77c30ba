import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Web

/// Typed page models as templates see them, the HTML escaping, and the cache of signed-out visitors' pages.
struct PageRenderingTests {
    struct Row: Encodable, Sendable {
        let label: String
        let note: String?
        let tags: [String]
    }

    struct Sample: PageModel {
        let note: String
        let empty: String
        let missing: String?
        let count: Int
        let rows: [Row]
        let markup: String
    }

    /// A renderer on a throw-away template folder: the real layout's pragma line, and one page.
    static func renderer(page: String) async throws -> PageRenderer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concours-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("layout"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: HTML}}[{{pageTitle}}]{{$content}}{{/content}}".write(
            to: folder.appendingPathComponent("layout/page.mustache"), atomically: true, encoding: .utf8)
        try page.write(to: folder.appendingPathComponent("sample.mustache"), atomically: true, encoding: .utf8)
        return try await PageRenderer(templatesDirectory: folder.path)
    }

    static let sample = Sample(
        note: "page note", empty: "", missing: nil, count: 0,
        rows: [Row(label: "a", note: nil, tags: []), Row(label: "b", note: "row note", tags: ["x", "y"])], markup: "<b>\"l'été\" & co</b> é")

    static func render(_ body: String) async throws -> String {
        let renderer = try await renderer(page: "{{<layout}}{{$content}}\(body){{/content}}{{/layout}}")
        return renderer.render("sample", layout: LayoutModel(pageTitle: "T", csrf: "", account: nil, flash: nil), model: sample)
    }

    @Test func a_row_without_a_value_never_shows_the_page_value_of_the_same_name() async throws {
        #expect(try await Self.render("{{#rows}}{{label}}={{note}};{{/rows}}") == "[T]a=;b=row note;")
        #expect(try await Self.render("{{#rows}}{{label}}{{#note}}!{{/note}}{{^note}}-{{/note}}{{/rows}}") == "[T]a-b!")
    }

    @Test func empty_text_lists_and_nil_are_false_and_zero_is_printed() async throws {
        #expect(try await Self.render("{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}{{#missing}}M{{/missing}}{{^missing}}m{{/missing}}") == "[T]em")
        #expect(try await Self.render("{{#rows}}{{#tags}}{{.}}{{/tags}}{{^tags}}none{{/tags}},{{/rows}}") == "[T]none,xy,")
        #expect(try await Self.render("{{count}}") == "[T]0")
        #expect(try await Self.render("{{#rows}}{{note}}{{/rows}}|{{note}}") == "[T]row note|page note")
    }

    @Test func variables_are_escaped_like_swift_mustache_and_triple_braces_are_not() async throws {
        #expect(try await Self.render("{{markup}}") == "[T]&lt;b&gt;&quot;l&#39;été&quot; &amp; co&lt;/b&gt; é")
        #expect(try await Self.render("{{{markup}}}") == "[T]<b>\"l'été\" & co</b> é")
        #expect(HTMLEscape.escape("rien à échapper") == "rien à échapper")
        #expect(HTMLEscape.escape("") == "")
        #expect(HTMLEscape.escape("&&") == "&amp;&amp;")
    }

    @Test func signed_out_pages_are_rendered_once_and_carry_each_visitor_s_own_token() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let first = Browser(client)
            let second = Browser(client)
            let home1 = try await first.get("/").body
            let home2 = try await second.get("/").body
            #expect(home1 == home2)
            let form1 = try await first.get("/participer").body
            let form2 = try await second.get("/participer").body
            let token1 = try #require(first.csrfToken)
            let token2 = try #require(second.csrfToken)
            #expect(token1 != token2)
            #expect(form1.replacingOccurrences(of: token1, with: "") == form2.replacingOccurrences(of: token2, with: ""))
            #expect(!form1.contains("\u{1}"))
            // A signed-in organiser sees the account menu, never a cached signed-out page.
            let organiser = Browser(client)
            _ = try await organiser.login()
            let signedIn = try await organiser.get("/").body
            #expect(signedIn.contains("Se déconnecter"))
            #expect(!home1.contains("Se déconnecter"))
            // A change of the edition shows at once.
            let database = try app.database()
            _ = try database.moveEdition(id: 1, to: .closed, actor: "test", now: app.clock.now)
            let closed = try await first.get("/").body
            #expect(closed != home1)
            #expect(closed.contains("Les dépôts sont clos."))
        }
    }
}
