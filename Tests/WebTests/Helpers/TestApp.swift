import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import Web

/// A real application on a temporary data folder (SQLite file, file store) with the project's templates.
struct TestApp {
    let directory: URL
    var config: AppConfig
    let clock: TestClock
    /// Lowered by tests of the winners' ZIP refusal.
    var zipLimits = ZipStreamWriter.Limits.format
    /// Lowered by tests of the rank intervals computed in the background.
    var intervalPageLimit = IntervalWait.pageLimit

    static var projectRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    init(now: Date = ParisTime.parse("2022-02-01T10:00")!, directory: URL? = nil) throws {
        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("concours-test-\(UUID().uuidString)")
        var config = AppConfig()
        config.dataDirectory = self.directory.path
        config.assetsDirectory = Self.projectRoot.appendingPathComponent("Assets").path
        config.uploads.minLongEdge = 200
        // A live test's client keeps one connection; on a loaded machine (a whole suite on two cores) it can sit idle
        // for longer than the production default between two requests. Tests of the idle timeout set their own.
        config.idleTimeoutSeconds = 600
        self.config = config
        self.clock = TestClock(now)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// The database behind the app, opened on the same file.
    func database() throws -> AppDatabase { try AppDatabase(path: config.databasePath) }

    /// An entry's identifier on public pages (not its anonymous jury code).
    func publicCode(_ entryId: Int64) throws -> String {
        PublicCode(secret: try database().serverSecret(named: PublicCode.secretName)).code(entryId: entryId)
    }

    /// Stores the shipped 2022 edition in `state` (moving it there through the lifecycle).
    @discardableResult
    func seedEdition(state: EditionState = .open, accessCode: String? = nil, configure: (inout Edition) -> Void = { _ in }) throws -> Edition {
        let data = try Data(contentsOf: Self.projectRoot.appendingPathComponent("Config/editions/2022-8e-edition.json"))
        var edition = try EditionFile.decode(data).edition()
        edition.accessCode = accessCode
        configure(&edition)
        let database = try database()
        var stored = try database.insertEdition(edition)
        let path: [EditionState] = [.open, .closed, .judging, .deliberation, .published, .archived]
        for step in path {
            if stored.state == state { break }
            stored = try database.moveEdition(id: stored.id!, to: step, now: ParisTime.parse("2022-01-15T10:00")!)
        }
        return stored
    }

    /// Creates an organiser with a known password.
    func seedOrganiser(email: String = "orga@ac-creteil.fr", password: String = "motdepasse-solide") throws {
        try database().insertUser(User(email: email, displayName: "Orga", role: .organiser, passwordHash: Passwords.hash(password)))
    }

    /// Runs `body` with a test client on a freshly built application.
    func test<Value>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let clock = self.clock
        var services = try await makeServices(config, logger: Logger(label: "test"), now: { clock.now })
        services.zipLimits = zipLimits
        services.intervalPageLimit = intervalPageLimit
        let app = Application(router: buildRouter(services), logger: Logger(label: "test"))
        return try await app.test(.router, body)
    }

    /// Runs `body` with a client talking to the application over a real loopback socket (peer address 127.0.0.1).
    func testLive<Value>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let clock = self.clock
        var services = try await makeServices(config, logger: Logger(label: "test"), now: { clock.now })
        // Mail tests run the delivery themselves (MailWebTests) or through `concours serve` (MailCLITests).
        services.mailDelivery = nil
        let app = makeApplication(services, address: .hostname("127.0.0.1", port: 0), logger: Logger(label: "test"))
        return try await app.test(.live, body)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date

    init(_ date: Date) {
        self.value = date
    }

    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
