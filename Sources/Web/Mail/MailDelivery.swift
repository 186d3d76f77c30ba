import Core
import Foundation
import Logging
import Mail
import ServiceLifecycle
import Storage

/// Sends the outbox inside `concours serve`: oldest due message first, at most `ratePerSecond`, temporary failures retried
/// with growing delays, permanent ones (5xx) stopped with the relay's reason. A message is marked sent only after the relay's
/// `250` to `DATA`: a crash in between sends it again, with the same Message-ID.
public final class MailDelivery: Service, Sendable {
    let database: AppDatabase
    let transport: any MailTransport
    let from: MailAddress
    let replyTo: MailAddress?
    let ratePerSecond: Double
    let maxAttempts: Int
    let logger: Logger
    let now: @Sendable () -> Date
    /// How long an idle loop sleeps before looking at the outbox again.
    let pollInterval: Duration

    /// Delays before the 2nd, 3rd… attempts after a temporary failure; the last one repeats.
    static let retryDelays: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600]

    init(
        database: AppDatabase, transport: any MailTransport, from: MailAddress, replyTo: MailAddress?, ratePerSecond: Double, maxAttempts: Int,
        logger: Logger, now: @escaping @Sendable () -> Date, pollInterval: Duration = .milliseconds(500)
    ) {
        self.database = database
        self.transport = transport
        self.from = from
        self.replyTo = replyTo
        self.ratePerSecond = ratePerSecond
        self.maxAttempts = maxAttempts
        self.logger = logger
        self.now = now
        self.pollInterval = pollInterval
    }

    /// The delivery the configuration asks for: the relay when a host is set, files under `data/mail/` otherwise.
    static func make(services: Services, logger: Logger, announce: @escaping @Sendable (String) -> Void) throws -> MailDelivery {
        let config = services.config
        let settings = config.mail
        let identity = services.identity
        let from = MailAddress(settings.from.isEmpty ? identity.contactEmail : settings.from, name: settings.fromName)
        let replyTo = MailAddress(settings.replyTo.isEmpty ? identity.contactEmail : settings.replyTo)
        let transport: any MailTransport
        if settings.usesRelay {
            let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
            do {
                transport = RelayTransport(client: try SMTPClient(settings: try settings.smtpSettings(heloName: domain)))
            } catch let error as SMTPError {
                throw ConfigError.invalid("relais SMTP : \(error.answer)")
            }
        } else {
            transport = FileDropTransport(directory: config.mailDirectory, announce: announce)
        }
        return MailDelivery(
            database: services.database, transport: transport, from: from, replyTo: replyTo, ratePerSecond: settings.ratePerSecond,
            maxAttempts: settings.maxAttempts, logger: logger, now: services.now)
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let sent = await self.deliverDue()
                if sent == 0 { try? await Task.sleep(for: self.pollInterval) }
            }
        }
    }

    /// Sends every message due now, at the configured rate; returns how many were attempted.
    @discardableResult
    func deliverDue(batch: Int = 100) async -> Int {
        let due: [OutboxItem]
        do {
            due = try await database.dueMail(now: now(), limit: batch)
        } catch {
            logger.error("outbox unreadable: \(error)")
            return 0
        }
        let interval = 1 / ratePerSecond
        var last: ContinuousClock.Instant?
        for item in due {
            if Task.isCancelled { break }
            if let last {
                let wait = Duration.seconds(interval) - (ContinuousClock.now - last)
                if wait > .zero { try? await Task.sleep(for: wait) }
            }
            last = ContinuousClock.now
            await deliver(item)
        }
        return due.count
    }

    /// The Message-ID header of a row: its stored left part at the sender's domain.
    func messageID(_ item: OutboxItem) -> String {
        "<\(item.messageId)@\(from.address.split(separator: "@").last.map(String.init) ?? "localhost")>"
    }

    func render(_ item: OutboxItem) -> String {
        MIMEMessage(from: from, replyTo: replyTo, messageID: messageID(item), date: item.createdAt, boundary: "=_concours_\(item.messageId)")
            .render(item.message)
    }

    func deliver(_ item: OutboxItem) async {
        do {
            let answer = try await transport.deliver(item, data: render(item), from: from.address)
            try await database.markMailSent(id: item.id, answer: answer, now: now())
            logger.info("mail \(item.id) (\(item.message.kind.rawValue)) accepted: \(answer)")
        } catch let error as SMTPError {
            let attempts = item.attempts + 1
            let retryAt: Date? =
                error.isPermanent || attempts >= maxAttempts
                ? nil : now().addingTimeInterval(Self.retryDelays[min(attempts - 1, Self.retryDelays.count - 1)])
            let answer = retryAt == nil && !error.isPermanent ? "\(error.answer) (abandon après \(attempts) essais)" : error.answer
            logger.warning("mail \(item.id) not delivered (attempt \(attempts)): \(answer)")
            do { try await database.markMailAttemptFailed(id: item.id, answer: answer, retryAt: retryAt, now: now()) } catch {
                logger.error("could not record the failure of mail \(item.id): \(error)")
            }
        } catch {
            logger.error("could not record mail \(item.id) as sent: \(error)")
        }
    }
}
