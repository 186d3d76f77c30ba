import Core
import Foundation
import Hummingbird
import Storage

/// Organisers change an edition's calendar, access code, limit and jury settings from its page.
extension AdminController {
    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let edition = try services.requireEdition(context)
        let form = try await request.form(context)
        var changed = edition
        var errors: [String: String] = [:]
        if [.draft, .open, .closed].contains(edition.state) {
            if let opens = ParisTime.parse(form.text("ouverture")) { changed.submissionOpensAt = opens } else { errors["ouverture"] = "Date d’ouverture illisible : indiquez le jour et l’heure (heure de Paris)." }
            if let deadline = ParisTime.parse(form.text("limite")) { changed.submissionDeadline = deadline } else { errors["limite"] = "Date limite illisible : indiquez le jour et l’heure (heure de Paris)." }
            let code = form.text("code")
            changed.accessCode = code.isEmpty ? nil : code
            if let max = Int(form.text("max")), (1...20).contains(max) { changed.maxEntriesPerEstablishmentAndCategory = max } else {
                errors["max"] = "Indiquez un nombre de 1 à 20."
            }
        }
        if ![.deliberation, .published, .archived].contains(edition.state) {
            if let quorum = Int(form.text("quorum")), (1...50).contains(quorum) { changed.jury.quorum = quorum } else { errors["quorum"] = "Indiquez un nombre de 1 à 50." }
            let percent = form.text("ecart").replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")
            if let threshold = Double(percent.trimmingCharacters(in: .whitespaces)), (5...100).contains(threshold) {
                changed.jury.disagreementShare = threshold / 100
            } else {
                errors["ecart"] = "Indiquez un pourcentage de l’étendue du barème, de 5 à 100 (ex. 40)."
            }
            if let minimum = Int(form.text("minimum")), (2...100).contains(minimum) { changed.jury.normalisationMinimum = minimum } else {
                errors["minimum"] = "Indiquez un nombre de 2 à 100."
            }
        }
        if errors.isEmpty, let problem = changed.validationProblems().first { errors["limite"] = problem }
        if errors.isEmpty, edition.state == .open, changed.submissionDeadline <= services.now() {
            errors["limite"] = "Les dépôts sont ouverts : la date limite doit rester dans le futur (passez l’édition à « Dépôts clos » pour les fermer)."
        }
        guard errors.isEmpty else {
            return services.renderer.page(
                "admin/edition", title: ErrorSummary.title("\(edition.title) (\(edition.year))", hasErrors: true),
                model: AdminEditionPage(edition, now: services.now(), everPublished: try services.everPublished(edition), form: form, errors: errors), request: request, context: context,
                status: .unprocessableContent)
        }
        try services.database.updateEdition(changed, now: services.now())
        try services.audit(
            context, "paramètres",
            "Édition \(edition.year) : dépôts du \(ParisTime.longDateTime(changed.submissionOpensAt)) au \(ParisTime.longDateTime(changed.submissionDeadline)), "
                + "\(FrenchTypography.count(changed.maxEntriesPerEstablishmentAndCategory, "affiche", "affiches")) par établissement et catégorie, code d’accès \(changed.accessCode == nil ? "aucun" : "défini"), "
                + "quorum \(changed.jury.quorum)", editionId: edition.id)
        return .seeOther("/organisation/editions/\(edition.year)", flash: "Paramètres enregistrés.")
    }
}
