import Core
import Foundation
import Hummingbird
import Logging
import Storage

/// Builds the whole web application from a configuration: database, file store, templates, controllers.
/// - Parameters:
///   - config: validated settings.
///   - now: the clock (tests pass a fixed one).
public func buildApplication(
    _ config: AppConfig, logger: Logger = Logger(label: "concours"), now: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    let services = try await makeServices(config, logger: logger, now: now)
    let router = buildRouter(services)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "concours"),
        logger: logger
    )
}

/// Opens storage and loads templates; cleans leftovers of interrupted uploads.
public func makeServices(_ config: AppConfig, logger: Logger, now: @escaping @Sendable () -> Date) async throws -> Services {
    try config.validate()
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    let database = try AppDatabase(path: config.databasePath)
    let files = try FileStore(root: URL(fileURLWithPath: config.filesDirectory))
    let cleaned = files.cleanTemporaries()
    if cleaned > 0 { logger.notice("removed \(cleaned) unfinished temporary file(s)") }
    try database.purgeExpiredSessions(now: now())
    let assets = try AssetLocator.assetsDirectory(for: config)
    let renderer = try await PageRenderer(templatesDirectory: (assets as NSString).appendingPathComponent("Templates"))
    return Services(config: config, database: database, files: files, renderer: renderer, now: now)
}

/// The router with every controller mounted.
func buildRouter(_ services: Services) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let assets = (try? AssetLocator.assetsDirectory(for: services.config)) ?? "Assets"
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: FileMiddleware((assets as NSString).appendingPathComponent("Static"), urlBasePath: "/static", searchForIndexHtml: false))
    router.add(middleware: SessionMiddleware(database: services.database, secureCookies: services.config.secureCookies, now: services.now))
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer))
    router.add(middleware: CSRFMiddleware())
    PublicController(services: services).addRoutes(to: router)
    AuthController(services: services).addRoutes(to: router)
    AdminController(services: services).addRoutes(to: router.group("organisation").add(middleware: RequireRole(.organiser)))
    return router
}
