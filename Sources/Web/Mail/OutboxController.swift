import Core
import Foundation
import Hummingbird
import Storage

/// `/organisation/courriels`: what the service sent, what waits and what failed, with the relay's answer; retry and cancel.
struct OutboxController {
    let services: Services
    static let path = "/organisation/courriels"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("courriels", use: self.list)
        group.post("courriels/:id/relancer", use: self.retry)
        group.post("courriels/:id/annuler", use: self.cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let kindText = query.get("type") ?? ""
        let stateText = query.get("etat") ?? ""
        let kind = MailKind(rawValue: kindText)
        let state = OutboxState(rawValue: stateText)
        let list = try await services.database.outboxList(kind: kind, state: state) { total in Paging(request: request, total: total) }
        let model = OutboxPage(
            list: list, kind: kind, state: state,
            pagination: PaginationView(
                list.paging, path: Self.path, parameters: [("type", kind?.rawValue ?? ""), ("etat", state?.rawValue ?? "")], noun: ("courriel", "courriels")),
            relay: services.config.mail.usesRelay
                ? "Relais SMTP : \(services.config.mail.host) (\(services.config.mail.security))"
                : "Aucun relais SMTP configuré : les courriels sont écrits dans \(services.config.mailDirectory).")
        return services.renderer.page("admin/outbox", title: "Courriels", model: model, request: request, context: context)
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            try services.database.retryMail(id: id, actor: context.user?.email ?? "?", now: services.now())
            return .seeOther(Self.path, flash: "Le courriel n° \(id) est de nouveau en attente d’envoi.")
        } catch {
            return .seeOther(Self.path, flash: error.message)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            try services.database.cancelMail(id: id, actor: context.user?.email ?? "?", now: services.now())
            return .seeOther(Self.path, flash: "Le courriel n° \(id) ne sera pas envoyé.")
        } catch {
            return .seeOther(Self.path, flash: error.message)
        }
    }
}

/// `admin/outbox`: counts, filters, one page of messages.
struct OutboxPage: PageModel {
    struct Count: Encodable, Sendable {
        let label: String
        let value: String
    }

    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    struct Row: Encodable, Sendable {
        let id: Int64
        let createdAt: String
        let kind: String
        let recipient: String
        let subject: String
        let state: String
        let attempts: Int
        let answer: String
        let messageId: String
        let canRetry: Bool
        let canCancel: Bool
        let isFailed: Bool
    }

    let counts: [Count]
    let kinds: [Choice]
    let states: [Choice]
    let rows: [Row]
    let hasRows: Bool
    let pagination: PaginationView
    let relay: String

    init(list: OutboxList, kind: MailKind?, state: OutboxState?, pagination: PaginationView, relay: String) {
        counts = [
            Count(label: OutboxState.queued.label, value: FrenchTypography.grouped(list.counts.queued)),
            Count(label: OutboxState.sent.label, value: FrenchTypography.grouped(list.counts.sent)),
            Count(label: OutboxState.failed.label, value: FrenchTypography.grouped(list.counts.failed)),
            Count(label: OutboxState.cancelled.label, value: FrenchTypography.grouped(list.counts.cancelled)),
        ]
        kinds = MailKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0 == kind) }
        states = OutboxState.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0 == state) }
        rows = list.items.map { item in
            Row(
                id: item.id, createdAt: ParisTime.dateTime(item.createdAt), kind: item.message.kind.label, recipient: item.message.to.address,
                subject: item.message.subject, state: item.state.label, attempts: item.attempts, answer: item.lastAnswer ?? "",
                messageId: item.messageId, canRetry: item.state == .failed || item.state == .cancelled,
                canCancel: item.state == .queued || item.state == .failed, isFailed: item.state == .failed)
        }
        hasRows = !rows.isEmpty
        self.pagination = pagination
        self.relay = relay
    }
}
