import Foundation
import Hummingbird
import Logging

/// Turns errors into a French HTML page that keeps the real status; unexpected errors are logged and become a 500.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            if case .unauthenticated = error, request.method == .get {
                let target = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                return Response.seeOther("/connexion?suite=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
            }
            return render(status: error.status, message: error.message, request: request, context: context)
        } catch let error as HTTPError {
            let message: String
            switch error.status {
            case .notFound: message = WebError.notFound.message
            case .contentTooLarge: message = "La requête est trop volumineuse."
            default: message = error.body ?? "La requête n’a pas pu être traitée."
            }
            return render(status: error.status, message: message, request: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return render(
                status: .internalServerError, message: "Une erreur inattendue est survenue. L’équipe organisatrice a été prévenue dans le journal du service.",
                request: request, context: context)
        }
    }

    func render(status: HTTPResponse.Status, message: String, request: Request, context: Context) -> Response {
        renderer.page(
            "layout/error", title: "Erreur \(status.code)", model: ErrorPage(status: status.code, message: message), request: request,
            context: context, status: status)
    }
}

/// The error page: the real status code and what went wrong, in French.
struct ErrorPage: PageModel {
    let status: Int
    let message: String
}
