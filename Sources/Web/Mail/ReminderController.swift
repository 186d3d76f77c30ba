import Core
import Foundation
import Hummingbird
import Storage

/// The organisers' reminders, one button each: jurors whose ballots are not all submitted (from the jury dashboard),
/// and teachers whose entry still waits (eligibility to check, or consents given under an older wording) before the
/// deadline. A reminder goes at most once a day to each person (the outbox refuses the same day's duplicate).
struct ReminderController {
    let services: Services

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("editions/:year/jury/relance", use: self.remindJurors)
        group.post("editions/:year/depots/relance", use: self.remindTeachers)
    }

    /// `2022-03-14`: the day part of a reminder's dedupe key, in Paris time.
    func day() -> String { String(ParisTime.localISO(services.now()).prefix(10)) }

    @Sendable func remindJurors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let back = "/organisation/editions/\(edition.year)/jury"
        guard edition.state == .judging else {
            return .seeOther(back, flash: "Les relances du jury se font pendant l’évaluation.")
        }
        let board = try await JuryDashboard.load(edition: edition, database: services.database, intervals: .never)
        let dashboard = context.absoluteURL(path: "/jury")
        let today = day()
        let messages = board.jurors.compactMap { line -> MailMessage? in
            let remaining = line.assigned - line.submitted
            guard remaining > 0, !line.user.disabled, let id = line.user.id else { return nil }
            var message = MailTexts.juryReminder(
                to: MailAddress(line.user.email, name: line.user.displayName), remaining: remaining, total: line.assigned,
                dashboard: dashboard, editionId: edition.id)
            message.dedupeKey = "relance-jury:\(edition.year):\(id):\(today)"
            return message
        }
        let queued = try services.database.enqueueMail(messages, now: services.now())
        try services.audit(context, "relance", "Relance du jury \(edition.year) : \(queued) courriel(s) mis en file", editionId: edition.id)
        return .seeOther(back, flash: Self.flash(queued: queued, asked: messages.count, noun: ("juré", "jurés")))
    }

    @Sendable func remindTeachers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let edition = try services.requireEdition(context)
        let back = "/organisation/editions/\(edition.year)/depots"
        guard edition.state == .open, edition.submissionDeadline > services.now() else {
            return .seeOther(back, flash: "Les relances des enseignants se font pendant les dépôts, avant la date limite.")
        }
        let listings = try services.database.entries(editionId: edition.id ?? 0, filter: EntryFilter(status: .active))
        let lostLink = context.absoluteURL(path: LostLinkController.path)
        let today = day()
        let messages = listings.filter { Self.waiting($0.entry) }.compactMap { listing -> MailMessage? in
            guard let id = listing.entry.id, listing.entry.personalDataErasedAt == nil else { return nil }
            var message = MailTexts.teacherReminder(
                EntryFacts(entry: listing.entry, edition: edition, establishment: listing.establishment), lostLinkPage: lostLink)
            message.dedupeKey = "relance-depot:\(id):\(today)"
            return message
        }
        let queued = try services.database.enqueueMail(messages, now: services.now())
        try services.audit(context, "relance", "Relance des enseignants \(edition.year) : \(queued) courriel(s) mis en file", editionId: edition.id)
        return .seeOther(back, flash: Self.flash(queued: queued, asked: messages.count, noun: ("dépôt", "dépôts")))
    }

    /// An entry whose teacher has something to do: not checked yet, or consents recorded under an older wording.
    static func waiting(_ entry: Entry) -> Bool {
        entry.eligibility == .pending || entry.consent.wordingVersion != ConsentWording.version
    }

    static func flash(queued: Int, asked: Int, noun: (String, String)) -> String {
        if asked == 0 { return "Personne à relancer\u{00A0}: aucun \(noun.0) en attente." }
        let sent = "\(FrenchTypography.count(queued, "relance mise", "relances mises")) en file d’envoi"
        let skipped = asked - queued
        return skipped > 0
            ? "\(sent)\u{00A0}; \(FrenchTypography.count(skipped, "relance déjà envoyée", "relances déjà envoyées")) aujourd’hui."
            : "\(sent) (\(FrenchTypography.count(asked, noun.0, noun.1)))."
    }
}
