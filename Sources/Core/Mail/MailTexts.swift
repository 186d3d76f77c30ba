import Foundation

/// What the messages about one entry say about it.
public struct EntryFacts: Sendable, Hashable {
    public var entryId: Int64?
    public var editionId: Int64?
    public var reference: String
    public var title: String
    public var category: String
    public var establishment: String
    public var teacher: MailAddress
    public var deadline: Date
    public var editionTitle: String
    public var year: Int

    public init(
        entryId: Int64?, editionId: Int64?, reference: String, title: String, category: String, establishment: String, teacher: MailAddress,
        deadline: Date, editionTitle: String, year: Int
    ) {
        self.entryId = entryId
        self.editionId = editionId
        self.reference = reference
        self.title = title
        self.category = category
        self.establishment = establishment
        self.teacher = teacher
        self.deadline = deadline
        self.editionTitle = editionTitle
        self.year = year
    }

    public init(entry: Entry, edition: Edition, establishment: Establishment) {
        entryId = entry.id
        editionId = edition.id ?? entry.editionId
        reference = entry.reference
        title = entry.details.title
        category = edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode
        self.establishment = "\(establishment.name) (\(establishment.commune))"
        teacher = MailAddress(entry.details.teacherEmail, name: entry.details.teacherName)
        deadline = edition.submissionDeadline
        editionTitle = "\(edition.title) (\(edition.year))"
        year = edition.year
    }
}

/// Every message the service sends, in French, short, each saying what to do next. Pure: the caller gives the absolute links.
public enum MailTexts {
    /// The receipt of a new entry, with its private link.
    public static func receipt(_ entry: EntryFacts, privateLink: String) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        body.paragraph("Votre affiche est bien déposée au concours\u{00A0}: \(entry.editionTitle).")
        facts(entry, into: &body)
        body.link("Votre lien privé (gardez ce courriel)", privateLink)
        body.paragraph(
            "Ce lien permet, jusqu’au \(ParisTime.longDateTime(entry.deadline)), de corriger les informations, de remplacer le fichier ou de retirer l’affiche. "
                + "Ne le transmettez qu’aux collègues qui suivent ce dépôt.")
        body.paragraph("Rien d’autre à faire\u{00A0}: l’équipe organisatrice vérifie la recevabilité et vous écrit si quelque chose manque.")
        return message(.receipt, to: entry, subject: "Affiche \(entry.reference) bien reçue — \(entry.title)", body: body)
    }

    /// What changed on the entry through its private link (or the organisers' cancellation).
    public enum Change: Sendable {
        case details
        case poster
        case withdrawn
        case cancelled(reason: String)
    }

    public static func changed(_ entry: EntryFacts, change: Change, privateLink: String?) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        let subject: String
        switch change {
        case .details:
            body.paragraph("Les informations de votre dépôt ont été modifiées.")
            subject = "Dépôt \(entry.reference) modifié"
        case .poster:
            body.paragraph("Le fichier de votre affiche a été remplacé\u{00A0}: c’est le nouveau fichier qui sera jugé.")
            subject = "Dépôt \(entry.reference)\u{00A0}: affiche remplacée"
        case .withdrawn:
            body.paragraph("Votre affiche a été retirée du concours, à votre demande. Elle ne sera pas jugée.")
            subject = "Dépôt \(entry.reference) retiré"
        case .cancelled(let reason):
            body.paragraph("L’équipe organisatrice a annulé ce dépôt. Motif\u{00A0}: \(reason)")
            subject = "Dépôt \(entry.reference) annulé"
        }
        facts(entry, into: &body)
        switch change {
        case .details, .poster:
            if let privateLink { body.link("Votre lien privé", privateLink) }
            body.paragraph("Si vous n’êtes pas à l’origine de ce changement, répondez à ce courriel pour prévenir l’équipe organisatrice.")
        case .withdrawn:
            body.paragraph("Vous pouvez déposer une nouvelle affiche jusqu’au \(ParisTime.longDateTime(entry.deadline)). Si ce retrait est une erreur, répondez à ce courriel.")
        case .cancelled:
            body.paragraph("Pour toute question, répondez à ce courriel.")
        }
        return message(.entryChanged, to: entry, subject: subject, body: body)
    }

    /// The organisers' decision « non recevable », with their reason and how to fix it before the deadline.
    public static func ineligible(_ entry: EntryFacts, reason: String, lostLinkPage: String?, now: Date) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        body.paragraph("L’équipe organisatrice a jugé votre dépôt non recevable pour l’instant. Motif\u{00A0}: \(reason)")
        facts(entry, into: &body)
        if now <= entry.deadline {
            body.paragraph(
                "Vous pouvez corriger le dépôt jusqu’au \(ParisTime.longDateTime(entry.deadline)) avec le lien privé reçu lors du dépôt. "
                    + (lostLinkPage == nil ? "Si vous ne l’avez plus, répondez à ce courriel." : "Si vous ne l’avez plus, demandez-en un nouveau\u{00A0}:"))
            if let lostLinkPage { body.link("J’ai perdu mon lien", lostLinkPage) }
        } else {
            body.paragraph("La date limite des dépôts est passée. Pour toute question, répondez à ce courriel.")
        }
        return message(.ineligible, to: entry, subject: "Dépôt \(entry.reference) non recevable — à corriger", body: body)
    }

    /// A juror's invitation (or its re-issue), with the single-use link and its expiry.
    public static func invitation(to juror: MailAddress, link: String, expiresAt: Date, reissued: Bool) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour \(juror.name),")
        body.paragraph(
            reissued
                ? "Voici un nouveau lien d’invitation au jury du concours d’affiches. Les liens envoyés auparavant ne fonctionnent plus."
                : "Vous êtes invité(e) à faire partie du jury du concours d’affiches.")
        body.link("Choisir votre mot de passe", link)
        body.paragraph(
            "Ce lien ne sert qu’une fois et expire le \(ParisTime.longDateTime(expiresAt)). Vous y déclarerez aussi les établissements auxquels vous êtes lié(e).")
        return MailMessage(
            kind: .invitation, to: juror, subject: reissued ? "Nouveau lien d’invitation au jury" : "Invitation au jury du concours d’affiches",
            text: body.text, html: body.html(title: "Invitation au jury"))
    }

    /// A reminder to a juror whose ballots are not all finished.
    public static func juryReminder(to juror: MailAddress, remaining: Int, total: Int, dashboard: String, editionId: Int64?) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour \(juror.name),")
        body.paragraph(
            "Il vous reste \(FrenchTypography.count(remaining, "affiche", "affiches")) à évaluer sur \(FrenchTypography.grouped(total)). "
                + "Merci de terminer vos évaluations pour que le jury puisse délibérer.")
        body.link("Reprendre l’évaluation", dashboard)
        return MailMessage(
            kind: .juryReminder, to: juror, subject: "Rappel\u{00A0}: \(FrenchTypography.count(remaining, "affiche", "affiches")) à évaluer",
            text: body.text, html: body.html(title: "Rappel au jury"), editionId: editionId)
    }

    /// A reminder to a teacher whose entry is still waiting (pending check, or consents to confirm).
    public static func teacherReminder(_ entry: EntryFacts, lostLinkPage: String) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        body.paragraph(
            "Votre dépôt n’est pas encore complet\u{00A0}: vérifiez les autorisations (droit à l’image, droits d’auteur) et les informations avant le \(ParisTime.longDateTime(entry.deadline)).")
        facts(entry, into: &body)
        body.paragraph("Ouvrez le lien privé reçu lors du dépôt. Si vous ne l’avez plus, demandez-en un nouveau\u{00A0}:")
        body.link("J’ai perdu mon lien", lostLinkPage)
        return message(.teacherReminder, to: entry, subject: "Rappel\u{00A0}: dépôt \(entry.reference) à compléter", body: body)
    }

    /// The results on publication: the prize if any, thanks otherwise, and the palmarès.
    public static func results(_ entry: EntryFacts, prize: String?, palmares: String) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        if let prize {
            body.paragraph("Félicitations\u{00A0}! L’affiche «\u{00A0}\(entry.title)\u{00A0}» a reçu le prix suivant\u{00A0}: \(prize).")
            body.paragraph("L’équipe organisatrice vous écrira pour la remise des prix\u{00A0}; vous pouvez déjà annoncer la nouvelle aux élèves.")
        } else {
            body.paragraph(
                "Les résultats du concours sont publiés. L’affiche «\u{00A0}\(entry.title)\u{00A0}» n’est pas primée cette année\u{00A0}: merci, à vous et à vos élèves, pour votre participation.")
        }
        facts(entry, into: &body)
        body.link("Voir le palmarès", palmares)
        var message = message(.results, to: entry, subject: prize == nil ? "Résultats du concours d’affiches \(entry.year)" : "Votre affiche est primée — \(entry.year)", body: body)
        message.dedupeKey = entry.entryId.map { "results:\($0)" }
        return message
    }

    /// One message to an address listing the fresh private links of its entries (« J’ai perdu mon lien »).
    public static func lostLinks(to address: MailAddress, links: [(EntryFacts, String)], editionId: Int64?) -> MailMessage {
        var body = MailBody()
        body.paragraph("Bonjour,")
        body.paragraph(
            "Vous avez demandé vos liens privés. Voici un nouveau lien pour chaque dépôt fait avec cette adresse\u{00A0}; les liens précédents ne fonctionnent plus.")
        for (entry, link) in links {
            body.link("\(entry.reference) — \(entry.title) (\(entry.category))", link)
        }
        body.paragraph("Si vous n’avez rien demandé, vous pouvez ignorer ce courriel\u{00A0}: seuls ces nouveaux liens donnent accès aux dépôts.")
        return MailMessage(
            kind: .lostLink, to: address, subject: "Vos liens privés — concours d’affiches", text: body.text, html: body.html(title: "Vos liens privés"),
            editionId: editionId)
    }

    // MARK: - Helpers

    static func facts(_ entry: EntryFacts, into body: inout MailBody) {
        body.fact("Référence", entry.reference)
        body.fact("Titre", entry.title)
        body.fact("Catégorie", entry.category)
        body.fact("Établissement", entry.establishment)
        body.fact("Date limite des dépôts", ParisTime.longDateTime(entry.deadline))
    }

    static func message(_ kind: MailKind, to entry: EntryFacts, subject: String, body: MailBody) -> MailMessage {
        MailMessage(
            kind: kind, to: entry.teacher, subject: subject, text: body.text, html: body.html(title: subject), editionId: entry.editionId,
            entryId: entry.entryId)
    }
}
