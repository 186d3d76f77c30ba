import Core
import Foundation
import Hummingbird
import Imaging
import Logging
import Storage

/// The public submission: the form, the receipt and the private page where an entry is edited, replaced or withdrawn.
struct SubmissionController {
    let services: Services
    let intake: PosterIntake
    let pending: PendingUploads

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("participer", use: self.form)
        router.post("participer", use: self.submit)
        router.get("etablissements/recherche", use: self.searchEstablishments)
        router.get("depot/:token", use: self.show)
        router.get("depot/:token/vignette", use: self.thumbnail)
        router.post("depot/:token", use: self.edit)
        router.post("depot/:token/affiche", use: self.replace)
        router.post("depot/:token/retrait", use: self.withdraw)
    }

    var grace: TimeInterval { TimeInterval(services.config.gracePeriodMinutes * 60) }

    // MARK: - New entry

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stamp = try services.database.changeStamp()
        guard let edition = try services.database.currentEdition() else { throw WebError.notFound }
        let memo = services.pageKey(
            request, context: context, stamp: stamp, edition: edition, also: "|" + (closedMessage(edition, now: services.now()) ?? ""))
        if let kept = services.renderer.memoised(memo, context: context) { return kept }
        return try renderForm(SubmissionForm(), checked: nil, edition: edition, request: request, context: context, memo: memo)
    }

    /// Why the form cannot be sent now (before the opening, after the deadline and its grace), or nil.
    func closedMessage(_ edition: Edition, now: Date) -> String? {
        do {
            try SubmissionWindow.check(edition, now: now, grace: grace)
            return nil
        } catch {
            return error.message
        }
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let edition = try services.database.currentEdition(), let editionID = edition.id else { throw WebError.notFound }
        try checkWindow(edition)
        try checkContentLength(request)
        let now = services.now()
        let limits = SubmissionLimits(config: services.config, client: context.client.address)
        if let until = try limits.blockedUntil(database: services.database, now: now) {
            throw WebError.tooManyRequests(
                "Trop de dépôts ou d’essais depuis ce poste en peu de temps : réessayez dans \(ThrottlePolicy.frenchWait(until.timeIntervalSince(now))).")
        }
        let received = try await receiver(context).receive(request)
        var form = SubmissionForm(received.form)
        let rules = ContestRules.standard(for: edition, identity: services.identity)
        var checked = try form.check(edition: edition, database: services.database, rules: rules)
        if checked.errors["code"] != nil, !form.accessCode.isEmpty { try limits.recordWrongCode(database: services.database, now: now) }
        var poster: PosterFile?
        // What the metrics count when this answer is not a receipt (the first problem met).
        var refusal: UploadRefusal?
        if let file = received.file {
            if let duplicate = try services.database.duplicateProblem(editionId: editionID, hash: file.hash, establishment: checked.establishment?.uai) {
                // The same bytes were already sent: no need to decode them again.
                try? FileManager.default.removeItem(at: file.temporaryURL)
                checked.errors["affiche"] = duplicate.message
                refusal = .duplicate
            } else {
                do {
                    poster = try await intake.store(file)
                } catch {
                    checked.errors["affiche"] = message(for: error, context: context)
                    refusal = error.refusal
                }
            }
        } else if !form.pendingToken.isEmpty, let kept = await pending.take(form.pendingToken, now: now) {
            poster = kept
        } else {
            checked.errors["affiche"] = form.pendingToken.isEmpty ? "Choisissez le fichier de l’affiche." : "Le fichier conservé a expiré : choisissez-le à nouveau."
            refusal = .missingFile
        }
        if refusal == nil, !checked.errors.isEmpty { refusal = .form }
        var keepFile = true
        if checked.errors.isEmpty, let poster, let establishment = checked.establishment {
            let token = Tokens.random()
            var generator = SystemRandomNumberGenerator()
            let entry = Entry(
                editionId: editionID, reference: ReferenceCode.make(year: edition.year, using: &generator), establishment: establishment.uai,
                categoryCode: form.categoryCode, details: form.details,
                consent: form.consent(rules: rules, at: now),
                poster: poster, createdAt: now, updatedAt: now)
            do {
                let receipt = MailTexts.receipt(
                    EntryFacts(entry: entry, edition: edition, establishment: establishment), privateLink: context.absoluteURL(path: "/depot/\(token)"))
                let stored = try services.database.insertEntry(
                    entry, tokenHash: Tokens.hash(token), maxPerCategory: edition.maxEntriesPerEstablishmentAndCategory, acceptedRules: rules,
                    mail: [receipt], now: now)
                context.logger.notice("entry \(stored.reference) received for \(establishment.uai) (\(poster.byteCount) bytes)")
                do { try limits.recordEntry(database: services.database, now: now) } catch {
                    context.logger.warning("could not count the entry against the client's limit: \(error)")
                }
                services.metrics.upload(.accepted)
                return .seeOther("/depot/\(token)?nouveau=1")
            } catch {
                refusal = error.isDuplicate ? .duplicate : .quota
                checked.errors[error.isDuplicate ? "affiche" : "categorie"] = error.message
                // A refused duplicate is not kept for the next try.
                if error.isDuplicate { keepFile = false }
            }
        }
        if let poster, keepFile { form.pendingToken = await pending.keep(poster, now: now) } else { form.pendingToken = "" }
        services.metrics.upload(.refused(refusal ?? .form))
        return try renderForm(form, checked: checked, edition: edition, rules: rules, request: request, context: context, status: .unprocessableContent)
    }

    func renderForm(
        _ form: SubmissionForm, checked: SubmissionForm.Checked?, edition: Edition, rules: ContestRules? = nil, request: Request,
        context: AppRequestContext, status: HTTPResponse.Status = .ok, memo: PageMemo.Key? = nil
    ) throws -> Response {
        let now = services.now()
        let rules = rules ?? ContestRules.standard(for: edition, identity: services.identity)
        let model = SubmissionFormPage(
            edition: EditionView(edition, now: now), closedMessage: closedMessage(edition, now: now),
            form: SubmissionFormView(form, edition: edition, rulesVersion: rules.version), checked: checked, hints: uploadHints,
            rules: SubmissionFormPage.Rules(version: rules.version, link: LegalController.rulesPath(edition.year), articles: rules.articles))
        return services.renderer.page(
            "submission/form",
            title: ErrorSummary.title("Déposer une affiche — \(edition.title)", hasErrors: !(checked?.errors.isEmpty ?? true)), model: model, request: request, context: context, status: status,
            memo: memo)
    }

    var uploadHints: UploadHints {
        UploadHints(
            formats: intake.acceptedFormatsText, accept: intake.acceptAttribute, acceptsPDF: intake.acceptsPDF, maxMegabytes: SubmissionMessages.megabytes(services.config.uploads.maxBytes),
            minLongEdge: services.config.uploads.minLongEdge)
    }

    // MARK: - Establishment search (for the form's suggestions)

    @Sendable func searchEstablishments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= AppDatabase.maxSearchLength else {
            throw WebError.badRequest("La recherche est trop longue (\(AppDatabase.maxSearchLength) caractères au plus).")
        }
        let found = query.count < 2 ? [] : try services.database.searchEstablishments(query, limit: 15)
        let items = found.map { ["uai": $0.uai.code, "label": "\($0.name) — \($0.commune) (\($0.uai.code))"] }
        let data = try JSONSerialization.data(withJSONObject: items)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Helpers

    func receiver(_ context: AppRequestContext) -> UploadReceiver {
        UploadReceiver(fileField: "affiche", maxFileBytes: services.config.uploads.maxBytes, expectedCSRF: context.csrfToken, store: services.files)
    }

    func checkWindow(_ edition: Edition) throws {
        do {
            try SubmissionWindow.check(edition, now: services.now(), grace: grace)
        } catch {
            throw WebError.closed(error.message)
        }
    }

    func checkChangeable(_ entry: Entry, edition: Edition) throws {
        try checkWindow(edition)
        switch entry.status {
        case .active: return
        case .withdrawn: throw WebError.conflict("Cette affiche a été retirée : elle ne peut plus être modifiée.")
        case .cancelled: throw WebError.conflict("Ce dépôt a été annulé par l’équipe organisatrice : il ne peut plus être modifié.")
        }
    }

    /// Refuses early, before reading the body, when the announced size is already too large.
    func checkContentLength(_ request: Request) throws {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > services.config.uploads.maxBytes + UploadReceiver.maxFieldsTotal {
            throw WebError.payloadTooLarge(SubmissionMessages.tooLarge(maxBytes: services.config.uploads.maxBytes))
        }
    }

    func requireEntry(_ context: AppRequestContext) throws -> (Entry, Edition) {
        let token = try context.parameters.require("token")
        guard token.count >= 20, let entry = try services.database.entry(tokenHash: Tokens.hash(token)),
            let edition = try services.database.edition(id: entry.editionId)
        else { throw WebError.notFound }
        return (entry, edition)
    }

    func message(for error: IntakeError, context: AppRequestContext) -> String {
        if let message = error.userMessage { return message }
        if case .failed(let detail) = error { context.logger.error("poster intake failed: \(detail)") }
        return "Le fichier n’a pas pu être enregistré à cause d’une erreur du service. Réessayez dans quelques minutes."
    }
}

extension StorageError {
    var isDuplicate: Bool {
        if case .duplicatePoster = self { return true }
        return false
    }
}
