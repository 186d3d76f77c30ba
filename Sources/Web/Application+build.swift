import Core
import Foundation
import Hummingbird
import Imaging
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
    let swept = try files.removeUnreferenced(keeping: database.referencedFilePaths())
    if swept > 0 { logger.notice("removed \(swept) stored file(s) no entry refers to") }
    Imaging.setWarningHandler { message in logger.warning("libgd: \(message)") }
    let decodes = config.images.concurrentDecodes > 0 ? config.images.concurrentDecodes : ProcessInfo.processInfo.activeProcessorCount
    let intake = PosterIntake(files: files, gate: DecodeGate(limit: decodes, memoryBudget: config.images.decodeMemoryMB << 20), config: config)
    return Services(config: config, database: database, files: files, renderer: renderer, intake: intake, now: now)
}

/// The router with every controller mounted.
func buildRouter(_ services: Services) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let assets = (try? AssetLocator.assetsDirectory(for: services.config)) ?? "Assets"
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(database: services.database, secureCookies: services.config.secureCookies, now: services.now))
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer))
    // Inside the error page middleware: a path that is neither a route nor a file gets the French 404 page.
    router.add(middleware: FileMiddleware((assets as NSString).appendingPathComponent("Static"), urlBasePath: "/static", searchForIndexHtml: false))
    router.add(middleware: CSRFMiddleware())
    PublicController(services: services).addRoutes(to: router)
    AuthController(services: services).addRoutes(to: router)
    SubmissionController(services: services, intake: services.intake, pending: services.pendingUploads).addRoutes(to: router)
    let organisers = router.group("organisation").add(middleware: RequireRole(.organiser))
    AdminController(services: services).addRoutes(to: organisers)
    AdminEntriesController(services: services).addRoutes(to: organisers)
    AdminJuryController(services: services).addRoutes(to: organisers)
    DeliberationController(services: services).addRoutes(to: organisers)
    ResultsController(services: services).addRoutes(to: router)
    InvitationController(services: services).addRoutes(to: router)
    JuryController(services: services).addRoutes(to: router.group("jury").add(middleware: RequireRole(.juror)))
    return router
}
