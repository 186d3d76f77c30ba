import Core
import Foundation
import Hummingbird
import Storage

/// An edition's statistics for organisers, as a page of charts and as CSV; in every step of the edition.
struct StatisticsController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("editions/:year/statistiques", use: self.show)
        group.get("editions/:year/statistiques.csv", use: self.csv)
    }

    /// The figures of `edition`, read and computed on a Dispatch thread (a whole-edition read).
    func statistics(_ edition: Edition) async throws -> EditionStatistics {
        let (database, now) = (services.database, services.now())
        return try await offloaded {
            EditionStatistics(edition: edition, input: try database.statisticsInput(editionId: edition.id ?? 0), now: now)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let model = StatisticsPage(try await statistics(edition), edition: edition, now: services.now())
        return services.renderer.page(
            "admin/statistics", title: "Statistiques — \(edition.year)", model: model, request: request, context: context)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let data = StatisticsCSV.data(try await statistics(edition), edition: edition)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"concours-\(edition.year)-statistiques.csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
