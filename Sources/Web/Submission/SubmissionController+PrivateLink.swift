import Core
import Foundation
import Hummingbird
import Storage

/// The private link's page: the receipt, then editing, replacing and withdrawing until the deadline.
extension SubmissionController {
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, edition) = try requireEntry(context)
        return try renderEntry(entry, edition: edition, request: request, context: context)
    }

    func renderEntry(
        _ entry: Entry, edition: Edition, request: Request, context: AppRequestContext, errors: [String: String] = [:],
        form: SubmissionForm? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let token = try context.parameters.require("token")
        guard let establishment = try services.database.establishment(uai: entry.establishment) else { throw WebError.notFound }
        var closedMessage: String?
        do { try SubmissionWindow.check(edition, now: services.now(), grace: grace) } catch { closedMessage = error.message }
        let hints = uploadHints
        let model = SubmissionEntryPage(
            edition: EditionView(edition, now: services.now()), entry: .init(entry, establishment: establishment, edition: edition), token: token,
            privateLink: context.absoluteURL(path: "/depot/\(token)"), isNew: request.uri.queryParameters.get("nouveau") == "1",
            isWithdrawn: entry.status == .withdrawn, isCancelled: entry.status == .cancelled, isInactive: entry.status != .active,
            canChange: closedMessage == nil && entry.status == .active, closedMessage: closedMessage,
            form: SubmissionFormView(form ?? SubmissionForm(entry: entry), edition: edition), errors: FieldErrors(errors), hasErrors: !errors.isEmpty,
            errorSummary: ErrorSummary(
                heading: "Les modifications n’ont pas été enregistrées.", errors: errors,
                fields: errors.keys.sorted { SubmissionFormView.order($0) < SubmissionFormView.order($1) }.map { ($0, "champ-\($0)") }),
            formats: hints.formats, accept: hints.accept, acceptsPDF: hints.acceptsPDF, maxMegabytes: hints.maxMegabytes, minLongEdge: hints.minLongEdge)
        return services.renderer.page(
            "submission/entry", title: ErrorSummary.title("Dépôt \(entry.reference)", hasErrors: !errors.isEmpty), model: model, request: request, context: context, status: status)
    }

    @Sendable func thumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, _) = try requireEntry(context)
        return try await ImageResponse.file(
            path: services.files.path(forRelativePath: entry.poster.thumbnailPath), contentType: "image/jpeg", request: request, context: context
        )
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (entry, edition) = try requireEntry(context)
        try checkChangeable(entry, edition: edition)
        let fields = try await request.form(context)
        var values = FormFields()
        for (name, value) in fields.pairs { values.values[name, default: []].append(value) }
        let form = SubmissionForm(values)
        let checked = try form.check(edition: edition, database: services.database, requireConsents: false, checkEstablishment: false)
        guard checked.errors.isEmpty, let id = entry.id else {
            return try renderEntry(entry, edition: edition, request: request, context: context, errors: checked.errors, form: form, status: .unprocessableContent)
        }
        var changed = entry
        changed.details = form.details
        changed.categoryCode = form.categoryCode
        let link = context.absoluteURL(path: "/depot/\(try context.parameters.require("token"))")
        do {
            try services.database.updateEntry(
                id: id, details: form.details, categoryCode: form.categoryCode, maxPerCategory: edition.maxEntriesPerEstablishmentAndCategory,
                now: services.now(), mail: services.changeMail(changed, edition: edition, change: .details, privateLink: link))
        } catch {
            return try renderEntry(
                entry, edition: edition, request: request, context: context, errors: ["categorie": error.message], form: form, status: .conflict)
        }
        return .seeOther(request.uri.path, flash: "Vos modifications sont enregistrées.")
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (entry, edition) = try requireEntry(context)
        try checkChangeable(entry, edition: edition)
        try checkContentLength(request)
        let received = try await receiver(context).receive(request)
        guard let file = received.file, let id = entry.id else {
            return try renderEntry(entry, edition: edition, request: request, context: context, errors: ["affiche": "Choisissez le nouveau fichier."], status: .unprocessableContent)
        }
        let poster: PosterFile
        do {
            poster = try await intake.store(file)
        } catch {
            return try renderEntry(
                entry, edition: edition, request: request, context: context, errors: ["affiche": message(for: error, context: context)],
                status: .unprocessableContent)
        }
        if poster.hash == entry.poster.hash {
            return .seeOther("/depot/\(try context.parameters.require("token"))", flash: "Ce fichier est déjà celui de votre dépôt : rien n’a changé.")
        }
        let link = context.absoluteURL(path: "/depot/\(try context.parameters.require("token"))")
        do {
            try services.database.replacePoster(
                id: id, poster: poster, now: services.now(), mail: services.changeMail(entry, edition: edition, change: .poster, privateLink: link))
        } catch {
            return try renderEntry(entry, edition: edition, request: request, context: context, errors: ["affiche": error.message], status: .conflict)
        }
        return .seeOther("/depot/\(try context.parameters.require("token"))", flash: "La nouvelle affiche a remplacé l’ancienne.")
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (entry, edition) = try requireEntry(context)
        try checkChangeable(entry, edition: edition)
        let fields = try await request.form(context)
        guard fields["confirmation"] == "oui", let id = entry.id else {
            return try renderEntry(
                entry, edition: edition, request: request, context: context,
                errors: ["confirmation": "Cochez la case pour confirmer le retrait."], status: .unprocessableContent)
        }
        try services.database.withdrawEntry(
            id: id, now: services.now(), mail: services.changeMail(entry, edition: edition, change: .withdrawn, privateLink: nil))
        return .seeOther("/depot/\(try context.parameters.require("token"))", flash: "Votre affiche est retirée du concours.")
    }

}
