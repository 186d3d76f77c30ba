import Core
import Foundation
import Hummingbird
import Mustache
import Storage

/// Renders Mustache templates from `Assets/Templates` inside the common layout.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Pages as signed-out visitors see them, with the place of the CSRF token kept open.
    let cache = RenderedPageCache()
    /// Pages of signed-in users (a juror's scoring page, an organiser's lists), keyed by their account too, kept apart
    /// so that many jurors' pages never push the public ones out.
    let accountCache = RenderedPageCache()
    /// Whole pages by address, account and state of the database (see ``memoKey(request:context:stamp:moment:)``).
    let memo = PageMemo()
    /// Stands for the visitor's CSRF token in cached pages: random, so no text anyone types can contain it.
    let csrfMarker = "\u{1}csrf-\(Tokens.random(bytes: 16))\u{1}"
    /// The publisher's identity, in every page's header, footer and title.
    let identity: SiteIdentity
    private let identityView: LayoutModel.Identity

    /// Loads every template once at start-up.
    public init(templatesDirectory: String, identity: SiteIdentity = SiteIdentity()) async throws {
        self.identity = identity
        identityView = LayoutModel.Identity(identity)
        // The layout selects this escaping with `{{% CONTENT_TYPE: HTML}}`; templates are parsed after it is registered.
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
        var library = try await MustacheLibrary(directory: templatesDirectory)
        // Closing tags cannot name a sub-folder, so the layout is also registered under a plain name.
        guard let layout = library.getTemplate(named: "layout/page") else { preconditionFailure("missing template layout/page") }
        library.register(layout, named: "layout")
        self.library = library
    }

    /// Renders `template` with its typed `model`, inside the layout (title, account, CSRF token, flash message).
    ///
    /// A page without a flash message is a pure function of the template, the title, the model and the signed-in account:
    /// it is rendered once and kept (the visitor's CSRF token is spliced in), so a palmarès sent to every school costs one
    /// rendering, and a juror going back and forth between posters renders each once until something changes.
    /// - Parameter memo: the page's key in ``memo`` (from ``memoKey(request:context:stamp:moment:)``): a page rendered
    ///   with status 200 is kept under it.
    func page(
        _ template: String, title: String, model: some PageModel = NoContent(), request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, memo memoKey: PageMemo.Key? = nil
    ) -> Response {
        let flash = request.cookies[Flash.cookie].flatMap { Flash.decode($0.value) }
        let encoded = Self.encode(model)
        guard let flash else {
            // A page is a pure function of the template, the title, the model and the account: rendered once and kept,
            // with the visitor's CSRF token spliced in.
            let account = context.user.map(LayoutModel.Account.init)
            let key = RenderedPageCache.Key(template: template, title: title, model: encoded, account: account)
            let parts = (account == nil ? cache : accountCache).parts(for: key) {
                let layout = LayoutModel(pageTitle: title, csrf: csrfMarker, account: account, flash: nil)
                return render(template, layout: layout, encoded: encoded, modelType: type(of: model)).components(separatedBy: csrfMarker)
            }
            if let memoKey, status == .ok { memo.store(parts, for: memoKey) }
            return Self.response(parts, status: status, context: context)
        }
        // With a flash message: rendered for this request only, and the message's cookie cleared.
        let layout = LayoutModel(pageTitle: title, csrf: context.csrfToken, account: context.user.map(LayoutModel.Account.init), flash: flash)
        var response = Self.response([render(template, layout: layout, encoded: encoded, modelType: type(of: model))], status: status, context: context)
        response.setCookie(Cookie(name: Flash.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    /// The key of this request's page in ``memo``, or nil when it may not be kept: not a GET, a flash message to show,
    /// or a database without a file (nothing tells when it changes).
    /// - Parameters:
    ///   - stamp: the database's ``AppDatabase/changeStamp()``, read before anything the page shows (a page built from
    ///     newer data than its stamp is harmless; one built from older data would be kept too long).
    ///   - moment: what of the clock the page shows (``EditionView/moment(_:now:)``, a closed-window message).
    func memoKey(request: Request, context: AppRequestContext, stamp: ChangeStamp?, moment: String) -> PageMemo.Key? {
        guard request.method == .get, request.cookies[Flash.cookie] == nil, let stamp else { return nil }
        return PageMemo.Key(
            uri: request.uri.description, authority: request.head.authority, stamp: stamp, userID: context.user?.id,
            account: context.user.map(LayoutModel.Account.init), moment: moment)
    }

    /// The page kept under `key`, with this visitor's CSRF token; nil when none is.
    func memoised(_ key: PageMemo.Key?, context: AppRequestContext) -> Response? {
        guard let key, let parts = memo.parts(for: key) else { return nil }
        return Self.response(parts, status: .ok, context: context)
    }

    /// A rendered page's parts around the CSRF token, joined with this visitor's token, as the response.
    private static func response(_ parts: [String], status: HTTPResponse.Status, context: AppRequestContext) -> Response {
        // Signed only when the page has a form.
        let body = joined(parts, separator: parts.count > 1 ? context.csrfToken : "")
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// The HTML of `template` for `model` inside the layout `layout`: what `page` sends, and what the static export writes.
    func render(_ template: String, layout: LayoutModel, model: some PageModel) -> String {
        render(template, layout: layout, encoded: Self.encode(model), modelType: type(of: model))
    }

    private func render(_ template: String, layout: LayoutModel, encoded: TemplateValue, modelType: Any.Type) -> String {
        guard case .object(var fields) = encoded else { preconditionFailure("page model \(modelType) is not a struct") }
        var layout = layout
        layout.identity = identityView
        guard case .object(let layoutFields) = Self.encode(layout) else { preconditionFailure("layout model") }
        for (key, value) in layoutFields {
            precondition(fields[key] == nil, "page model \(modelType) shadows the layout's \(key)")
            fields[key] = value
        }
        guard let rendered = library.render(TemplateValue.object(fields), withTemplate: template) else {
            preconditionFailure("missing template \(template)")
        }
        // French typography is in the text already (templates, ParisTime, FrenchTypography): the page is sent as rendered.
        return rendered
    }

    private static func joined(_ parts: [String], separator: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } + max(0, parts.count - 1) * separator.utf8.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { buffer.writeString(separator) }
            buffer.writeString(part)
        }
        return buffer
    }

    private static func encode(_ model: some Encodable) -> TemplateValue {
        do {
            return try TemplateEncoder.encode(model)
        } catch {
            preconditionFailure("page model \(type(of: model)) cannot be encoded: \(error)")
        }
    }
}
