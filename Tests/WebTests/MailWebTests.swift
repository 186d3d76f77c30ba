import Core
import Foundation
import Logging
import Storage
import TestSupport
import Testing

@testable import Web

/// The outbox end to end: events queue messages in their transaction, the delivery hands them to a real SMTP server
/// (python3-aiosmtpd on loopback) or to files, and the organisers see the relay's answers.
@Suite(.serialized, .enabled(if: SMTPTestServer.isAvailable, "python3-aiosmtpd is not installed (bash .ci/install)"))
struct MailWebTests {
    func makeApp(relay server: SMTPTestServer?, maxPerCategory: Int = 3) throws -> TestApp {
        var app = try TestApp()
        if let server {
            app.config.mail.host = "127.0.0.1"
            app.config.mail.port = server.port
            app.config.mail.security = "none"
            app.config.mail.timeoutSeconds = 20
        }
        app.config.mail.ratePerSecond = 1000
        try SubmissionFixture.seedEstablishments(app)
        try app.seedEdition { $0.maxEntriesPerEstablishmentAndCategory = maxPerCategory }
        return app
    }

    /// A delivery on the app's data folder and clock, as `concours serve` runs it.
    func delivery(_ app: TestApp, lines: LineBox = LineBox()) async throws -> MailDelivery {
        let clock = app.clock
        let services = try await makeServices(app.config, logger: Logger(label: "test"), now: { clock.now })
        return try MailDelivery.make(services: services, logger: Logger(label: "test"), announce: { lines.append($0) })
    }

    @Test func receiptArrivesWithItsHeadersAndItsLinkOpensTheEntry() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let app = try makeApp(relay: server)
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            let token = try await SubmissionFixture.submit(browser)
            let entry = try #require(try app.database().entry(tokenHash: Tokens.hash(token)))
            #expect(try app.database().outboxCounts().queued == 1)
            #expect(await try self.delivery(app).deliverDue() == 1)
            let mail = try #require(try await server.waitForMessages(1).first)
            #expect(mail.subject == "Affiche \(entry.reference) bien reçue — Bouger pour réussir")
            #expect(mail.rawSubject.contains("=?UTF-8?B?"))
            #expect(mail.to == "Mme Durand <durand@ac-creteil.fr>")
            #expect(mail.envelopeTo == "durand@ac-creteil.fr")
            #expect(mail.replyTo == "ce.saio-decrochage@ac-creteil.fr")
            #expect(mail.autoSubmitted == "auto-generated")
            #expect(mail.messageId.hasPrefix("<outbox-1.") && mail.messageId.hasSuffix("@ac-creteil.fr>"))
            #expect(mail.contentType == "multipart/alternative")
            #expect(mail.defects == 0 && mail.longestLine <= 78)
            #expect(mail.text.contains("Collège Jean Moulin (Sarcelles)"))
            #expect(mail.html.contains("href=\"http://localhost/depot/\(token)\"") || mail.html.contains("/depot/\(token)\""))
            // The link in the text part opens the entry.
            let path = try #require(mail.text.range(of: "/depot/[A-Za-z0-9_-]+", options: .regularExpression).map { String(mail.text[$0]) })
            #expect(path == "/depot/\(token)")
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains(entry.reference))
            // The row is sent, with the relay's answer, and the journal has it.
            let item = try #require(try app.database().mailItem(id: 1))
            #expect(item.state == .sent)
            #expect(item.lastAnswer?.hasPrefix("250 ") == true)
            #expect(try app.database().auditEvents().contains { $0.action == "courriel envoyé" && $0.details.contains(entry.reference) })

            // Editing through the private link sends a second message.
            let edited = try await browser.post(path, form: SubmissionFixture.fields(title: "Bouger encore"))
            #expect(edited.status == .seeOther)
            #expect(await try self.delivery(app).deliverDue() == 1)
            let second = try await server.waitForMessages(2)
            #expect(second.count == 2)
            #expect(second.last?.subject == "Dépôt \(entry.reference) modifié")
            #expect(second.last?.text.contains("Bouger encore") == true)
        }
    }

    @Test func refusedEntryQueuesNothing() async throws {
        let app = try makeApp(relay: nil, maxPerCategory: 1)
        defer { app.cleanUp() }
        try await app.test { client in
            let browser = Browser(client)
            _ = try await SubmissionFixture.submit(browser)
            // The same school and category again: over the limit, refused, nothing queued.
            try await browser.get("/participer")
            let refused = try await browser.postMultipart(
                "/participer", fields: SubmissionFixture.fields(title: "Autre"), file: SubmissionFixture.file(SubmissionFixture.jpeg(seed: 2)))
            #expect(refused.status == .unprocessableContent)
            #expect(try app.database().outboxCounts().queued == 1)
        }
    }

    @Test func temporaryFailureIsRetriedLaterThenSent() async throws {
        let server = try SMTPTestServer(mode: .tempfail, failures: 1)
        defer { server.stop() }
        let app = try makeApp(relay: server)
        defer { app.cleanUp() }
        try await app.test { client in
            _ = try await SubmissionFixture.submit(Browser(client))
            let delivery = try await self.delivery(app)
            await delivery.deliverDue()
            var item = try #require(try app.database().mailItem(id: 1))
            #expect(item.state == .queued)
            #expect(item.attempts == 1)
            #expect(item.lastAnswer?.hasPrefix("451 ") == true)
            #expect(item.nextAttemptAt == app.clock.now.addingTimeInterval(60))
            // Not due yet: nothing is sent before the delay.
            #expect(await delivery.deliverDue() == 0)
            app.clock.now = app.clock.now.addingTimeInterval(61)
            #expect(await delivery.deliverDue() == 1)
            item = try #require(try app.database().mailItem(id: 1))
            #expect(item.state == .sent)
            #expect(item.attempts == 2)
            let mails = try await server.waitForMessages(1)
            #expect(mails.count == 1)
        }
    }

    @Test func permanentFailureStopsAndShowsOnTheOutboxPage() async throws {
        let server = try SMTPTestServer(mode: .reject)
        defer { server.stop() }
        let app = try makeApp(relay: server)
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            _ = try await SubmissionFixture.submit(Browser(client))
            await try self.delivery(app).deliverDue()
            let item = try #require(try app.database().mailItem(id: 1))
            #expect(item.state == .failed)
            #expect(item.attempts == 1)
            #expect(item.lastAnswer?.contains("550 5.1.1") == true)
            #expect(try app.database().auditEvents().contains { $0.action == "courriel en échec" })
            let organiser = Browser(client)
            _ = try await organiser.login()
            let page = try await organiser.get("/organisation/courriels?etat=failed")
            #expect(page.status == .ok)
            #expect(page.body.contains("550 5.1.1"))
            #expect(page.body.contains("durand@ac-creteil.fr"))
            // Retry puts it back in the queue (POST with the page's CSRF token).
            let retried = try await organiser.post("/organisation/courriels/1/relancer", form: [])
            #expect(retried.status == .seeOther)
            #expect(try app.database().mailItem(id: 1)?.state == .queued)
            let cancelled = try await organiser.post("/organisation/courriels/1/annuler", form: [])
            #expect(cancelled.status == .seeOther)
            #expect(try app.database().mailItem(id: 1)?.state == .cancelled)
            let home = try await organiser.get("/organisation")
            #expect(home.body.contains("/organisation/courriels"))
        }
    }

    @Test func withoutRelayMessagesAreWrittenAsFilesAndShownOnTheConsole() async throws {
        let app = try makeApp(relay: nil)
        defer { app.cleanUp() }
        try await app.test { client in
            let token = try await SubmissionFixture.submit(Browser(client))
            let lines = LineBox()
            #expect(await try self.delivery(app, lines: lines).deliverDue() == 1)
            let names = try FileManager.default.contentsOfDirectory(atPath: app.config.mailDirectory).filter { $0.hasSuffix(".eml") }
            #expect(names.count == 1)
            #expect(names.first?.hasSuffix("-1.eml") == true)
            let file = URL(fileURLWithPath: app.config.mailDirectory).appendingPathComponent(try #require(names.first))
            let mail = try #require(try ReceivedMail.read([file]).first)
            #expect(mail.text.contains("/depot/\(token)"))
            #expect(mail.messageId.hasPrefix("<outbox-1."))
            let line = try #require(lines.lines.first)
            #expect(line.hasPrefix("Courriel écrit : \(file.path) — À : durand@ac-creteil.fr — Objet : Affiche "))
            #expect(try app.database().mailItem(id: 1)?.state == .sent)
        }
    }
}

/// Console lines collected by a test.
final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

@Suite struct LostLinkWebTests {
    @Test func lostLinkSendsFreshLinksSameAnswerForUnknownAndIsThrottled() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try SubmissionFixture.seedEstablishments(app)
        try app.seedEdition()
        try await app.test { client in
            let browser = Browser(client)
            let oldToken = try await SubmissionFixture.submit(browser)
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/lien-perdu\""))
            _ = try await browser.get("/lien-perdu")
            let known = try await browser.post("/lien-perdu", form: [("email", "DURAND@ac-creteil.fr")])
            #expect(known.status == .ok)
            _ = try await browser.get("/lien-perdu")
            let unknown = try await browser.post("/lien-perdu", form: [("email", "personne@ac-creteil.fr")])
            #expect(unknown.status == .ok)
            // The same words either way.
            #expect(known.body.contains("un courriel vient de lui être envoyé"))
            #expect(unknown.body.contains("un courriel vient de lui être envoyé"))
            let items = try await app.database().outboxList(kind: .lostLink, state: nil) { Paging(page: nil, size: nil, total: $0) }.items
            #expect(items.count == 1)
            let message = try #require(items.first?.message)
            #expect(message.to.address == "durand@ac-creteil.fr")
            let path = try #require(message.text.range(of: "/depot/[A-Za-z0-9_-]+", options: .regularExpression).map { String(message.text[$0]) })
            #expect(try await browser.get(path).status == .ok)
            // The old link no longer opens the entry.
            #expect(try await browser.get("/depot/\(oldToken)").status == .notFound)
            // The same address again soon: refused with a wait, nothing more queued.
            for _ in 0..<2 {
                _ = try await browser.get("/lien-perdu")
                _ = try await browser.post("/lien-perdu", form: [("email", "durand@ac-creteil.fr")])
            }
            _ = try await browser.get("/lien-perdu")
            let throttled = try await browser.post("/lien-perdu", form: [("email", "durand@ac-creteil.fr")])
            #expect(throttled.status == .tooManyRequests)
            let invalid = try await browser.post("/lien-perdu", form: [("email", "pas une adresse")])
            #expect(invalid.status == .unprocessableContent)
        }
    }
}

@Suite struct MailConfigTests {
    @Test func environmentOverridesAndRefusesAnUnknownSecurityInFrench() throws {
        var config = AppConfig()
        try config.applyEnvironment([
            "CONCOURS_SMTP_HOST": "smtp.ac-creteil.fr", "CONCOURS_SMTP_PORT": "2525", "CONCOURS_SMTP_SECURITY": "TLS", "CONCOURS_SMTP_USER": "concours",
            "CONCOURS_MAIL_FROM": "concours@ac-creteil.fr", "CONCOURS_MAIL_REPLY_TO": "orga@ac-creteil.fr",
        ])
        #expect(config.mail.host == "smtp.ac-creteil.fr" && config.mail.port == 2525 && config.mail.security == "tls")
        #expect(config.mail.from == "concours@ac-creteil.fr" && config.mail.replyTo == "orga@ac-creteil.fr" && config.mail.username == "concours")
        #expect(throws: ConfigError.invalid("CONCOURS_SMTP_SECURITY doit valoir none, starttls ou tls (reçu « ssl »)")) {
            try config.applyEnvironment(["CONCOURS_SMTP_SECURITY": "ssl"])
        }
        // The password can come from a file (its first line).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-password-\(UUID().uuidString)")
        try Data("s3cret\nignored\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try config.applyEnvironment(["CONCOURS_SMTP_PASSWORD_FILE": file.path])
        try config.validate()
        #expect(try config.mail.smtpSettings(heloName: "x").password == "s3cret")
        config.mail.from = "pas une adresse"
        #expect(throws: ConfigError.self) { try config.validate() }
    }
}
