import Foundation

/// When entries may be sent, changed or withdrawn.
public enum SubmissionWindow {
    /// Throws the French reason when submissions are not accepted at `now`.
    /// - Parameters:
    ///   - grace: seconds after the deadline still accepted (slow uploads on the last evening).
    public static func check(_ edition: Edition, now: Date, grace: TimeInterval = 0) throws(SubmissionWindowError) {
        switch edition.state {
        case .draft:
            throw .notOpenYet(opensAt: edition.submissionOpensAt)
        case .open:
            if now < edition.submissionOpensAt { throw .notOpenYet(opensAt: edition.submissionOpensAt) }
            if now > edition.submissionDeadline.addingTimeInterval(grace) { throw .closed(deadline: edition.submissionDeadline) }
        default:
            throw .closed(deadline: edition.submissionDeadline)
        }
    }

    public static func isOpen(_ edition: Edition, now: Date, grace: TimeInterval = 0) -> Bool {
        (try? check(edition, now: now, grace: grace)) != nil
    }
}

/// Why the submission window is shut.
public enum SubmissionWindowError: Error, Equatable, Sendable {
    case notOpenYet(opensAt: Date)
    case closed(deadline: Date)

    public var message: String {
        switch self {
        case .notOpenYet(let opensAt):
            return "Les dépôts ne sont pas encore ouverts : ils ouvrent le \(ParisTime.longDateTime(opensAt)) (heure de Paris)."
        case .closed(let deadline):
            return "Les dépôts sont clos depuis le \(ParisTime.longDateTime(deadline)) (heure de Paris) : il n’est plus possible de déposer, modifier ou retirer une affiche."
        }
    }
}

/// Checks what a submitter typed; each problem is keyed by the form field it belongs to.
public enum EntryValidation {
    public static let titleMax = 120
    public static let statementMax = 1200
    public static let classLabelMax = 60
    public static let nameMax = 100

    /// French problems by field name (`titre`, `intention`, `classe`, `eleves`, `enseignant`, `email`).
    public static func problems(_ details: EntryDetails, studentCountText: String) -> [String: String] {
        var problems: [String: String] = [:]
        let title = details.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems["titre"] = "Donnez un titre à l’affiche." }
        if title.count > titleMax { problems["titre"] = "Le titre ne doit pas dépasser \(titleMax) caractères." }
        let statement = details.statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if statement.isEmpty { problems["intention"] = "Décrivez en quelques lignes l’intention de l’affiche." }
        if statement.count > statementMax { problems["intention"] = "La note d’intention ne doit pas dépasser \(statementMax) caractères." }
        let classLabel = details.classLabel.trimmingCharacters(in: .whitespacesAndNewlines)
        if classLabel.isEmpty { problems["classe"] = "Indiquez la classe ou le groupe qui a réalisé l’affiche." }
        if classLabel.count > classLabelMax { problems["classe"] = "La classe ne doit pas dépasser \(classLabelMax) caractères." }
        if Int(studentCountText.trimmingCharacters(in: .whitespaces)) == nil || !(1...200).contains(details.studentCount) {
            problems["eleves"] = "Indiquez un nombre d’élèves entre 1 et 200."
        }
        let teacher = details.teacherName.trimmingCharacters(in: .whitespacesAndNewlines)
        if teacher.isEmpty { problems["enseignant"] = "Indiquez le nom de l’enseignant ou de l’encadrant référent." }
        if teacher.count > nameMax { problems["enseignant"] = "Le nom ne doit pas dépasser \(nameMax) caractères." }
        if User.normaliseEmail(details.teacherEmail) == nil { problems["email"] = "Indiquez une adresse e-mail valide (ex. prenom.nom@ac-creteil.fr)." }
        return problems
    }
}

/// Random receipt references: the year and six characters from an alphabet without look-alikes.
public enum ReferenceCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make(year: Int, using generator: inout some RandomNumberGenerator) -> String {
        let body = String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "\(year)-\(body)"
    }
}
