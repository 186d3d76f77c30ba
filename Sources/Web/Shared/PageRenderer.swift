import Core
import Foundation
import Hummingbird
import Mustache

/// Renders Mustache templates from `Assets/Templates` inside the common layout.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template once at start-up.
    public init(templatesDirectory: String) async throws {
        var library = try await MustacheLibrary(directory: templatesDirectory)
        // Closing tags cannot name a sub-folder, so the layout is also registered under a plain name.
        guard let layout = library.getTemplate(named: "layout/page") else { preconditionFailure("missing template layout/page") }
        library.register(layout, named: "layout")
        self.library = library
    }

    /// Renders `template` with `values`, plus what the layout needs (title, account, CSRF token, flash message).
    func page(
        _ template: String, title: String, values: [String: Any] = [:], request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var all = values
        all["pageTitle"] = title
        all["csrf"] = context.csrfToken
        if let user = context.user {
            all["account"] = ["name": user.displayName, "email": user.email, "isOrganiser": user.role == .organiser, "isJuror": user.role == .juror]
        }
        let flash = request.cookies[Flash.cookie].flatMap { Flash.decode($0.value) }
        if let flash { all["flash"] = flash }
        guard let rendered = library.render(Self.pruned(all), withTemplate: template) else {
            preconditionFailure("missing template \(template)")
        }
        // French typography is in the text already (templates, ParisTime, FrenchTypography): the page is sent as rendered.
        let body = rendered
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        if flash != nil {
            response.setCookie(Cookie(name: Flash.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Drops empty strings from nested dictionaries and arrays: swift-mustache treats "" as true in `{{#x}}` sections,
    /// and a missing key renders the same as an empty one in `{{x}}`.
    static func pruned(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            var result: [String: Any] = [:]
            for (key, item) in dictionary {
                if let text = item as? String, text.isEmpty { continue }
                result[key] = pruned(item)
            }
            return result
        case let array as [Any]:
            return array.map(pruned)
        default:
            return value
        }
    }
}
