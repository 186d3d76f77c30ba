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
    readAhead(services, logger: logger)
    return makeApplication(services, address: .hostname(config.host, port: config.port), logger: logger)
}

/// Builds, in the background while the service starts, the jury dashboard of each edition being judged or deliberated,
/// as its first page would (the deliberation board is made from it on each view): its eligible entries are read from the
/// file (5,000 of them on a large edition) and kept until an entry or an establishment changes, the dashboard is kept
/// until something it reads changes (migration 019), and the code and memory that first build touches are warm. In a service just restarted, that first
/// page cost half as much again as the same page after a write; a page asked for meanwhile builds its own.
func readAhead(_ services: Services, logger: Logger) {
    Task(priority: .utility) {
        let started = ContinuousClock.now
        do {
            let (entries, editions) = try await readAhead(services.database)
            if editions > 0 {
                logger.info("read ahead: \(entries) eligible entries of \(editions) edition(s) being judged in \(started.duration(to: .now))")
            }
        } catch {
            logger.warning("read ahead failed: \(error)")
        }
    }
}

/// The dashboards of every edition being judged or deliberated, built and kept; how many eligible entries they read.
func readAhead(_ database: AppDatabase) async throws -> (entries: Int, editions: Int) {
    let judged = try database.editions().filter { $0.state == .judging || $0.state == .deliberation }
    var entries = 0
    for edition in judged {
        entries += try await JuryDashboard.load(edition: edition, database: database, intervals: .never).entries.count
    }
    return (entries, judged.count)
}

/// The HTTP server for these services: silent connections are closed after `idleTimeoutSeconds`.
func makeApplication(_ services: Services, address: BindAddress, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services),
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(services.config.idleTimeoutSeconds)))),
        configuration: .init(address: address, serverName: "concours"),
        services: services.mailDelivery.map { [$0] } ?? [],
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
    let identity = try SiteIdentity.load(for: config)
    let renderer = try await PageRenderer(templatesDirectory: (assets as NSString).appendingPathComponent("Templates"), identity: identity)
    // Files a retention purge released but had not deleted yet (the process stopped after its commit).
    let released = database.deletePendingFiles(files: files)
    if released > 0 { logger.notice("deleted \(released) original file(s) released by a retention purge") }
    let swept = try files.removeUnreferenced(keeping: database.referencedFilePaths())
    if swept > 0 { logger.notice("removed \(swept) stored file(s) no entry refers to") }
    Imaging.setWarningHandler { message in logger.warning("libgd: \(message)") }
    let decodes = config.images.concurrentDecodes > 0 ? config.images.concurrentDecodes : ProcessInfo.processInfo.activeProcessorCount
    let metrics = AppMetrics()
    let gate = DecodeGate(limit: decodes, memoryBudget: config.images.decodeMemoryMB << 20) { waited, ran in
        metrics.decoded(waited: waited, ran: ran)
    }
    let intake = PosterIntake(files: files, gate: gate, config: config)
    let signer = Signer(secret: try database.serverSecret(named: "signing"))
    if config.publicBase.isEmpty {
        logger.notice("publicURL n’est pas défini : les liens envoyés (liens privés, invitations) reprennent l’en-tête Host de chaque requête")
    }
    var services = Services(
        config: config, database: database, files: files, renderer: renderer, intake: intake, signer: signer,
        passwordRules: try Passwords.rules(for: config), now: now, metrics: metrics)
    services.mailDelivery = try MailDelivery.make(services: services, logger: Logger(label: "concours.mail"), announce: announceOnConsole)
    if config.mail.usesRelay {
        logger.notice("courriels envoyés au relais \(config.mail.host) (\(config.mail.security))")
    } else {
        logger.notice("aucun relais SMTP (mail.host) : les courriels sont écrits dans \(config.mailDirectory)")
    }
    return services
}

/// Writes a line straight to standard output (the file-drop delivery's « Courriel écrit : … »).
@Sendable func announceOnConsole(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The router with every controller mounted.
func buildRouter(_ services: Services) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let assets = (try? AssetLocator.assetsDirectory(for: services.config)) ?? "Assets"
    let config = services.config
    router.add(middleware: RequestLogMiddleware(logger: Logger(label: "concours.requests"), metrics: services.metrics))
    router.add(middleware: SecurityHeadersMiddleware(config: config))
    router.add(middleware: SessionMiddleware(database: services.database, signer: services.signer, now: services.now))
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer))
    // Inside the error page middleware, so that refusals and unknown paths get the French page with the real status.
    router.add(middleware: RequestGuardMiddleware(publicAuthority: config.publicAuthority, trustedProxies: config.trustedProxies))
    router.add(middleware: StaticFilesMiddleware(directory: (assets as NSString).appendingPathComponent("Static")))
    router.add(middleware: CSRFMiddleware(publicAuthority: config.publicAuthority))
    PublicController(services: services).addRoutes(to: router)
    HealthController(checks: HealthController.standardChecks(services), now: services.now).addRoutes(to: router)
    MetricsController(services: services).addRoutes(to: router)
    AuthController(services: services).addRoutes(to: router)
    SubmissionController(services: services, intake: services.intake, pending: services.pendingUploads).addRoutes(to: router)
    LostLinkController(services: services).addRoutes(to: router)
    let organisers = router.group("organisation").add(middleware: RequireRole(.organiser))
    AdminController(services: services).addRoutes(to: organisers)
    AdminEntriesController(services: services).addRoutes(to: organisers)
    AdminJuryController(services: services).addRoutes(to: organisers)
    JuryRoundsController(services: services).addRoutes(to: organisers)
    PersonalDataController(services: services).addRoutes(to: organisers)
    DeliberationController(services: services).addRoutes(to: organisers)
    StatisticsController(services: services).addRoutes(to: organisers)
    OutboxController(services: services).addRoutes(to: organisers)
    ReminderController(services: services).addRoutes(to: organisers)
    ResultsController(services: services).addRoutes(to: router)
    LegalController(services: services).addRoutes(to: router)
    InvitationController(services: services).addRoutes(to: router)
    JuryController(services: services).addRoutes(to: router.group("jury").add(middleware: RequireRole(.juror)))
    return router
}
