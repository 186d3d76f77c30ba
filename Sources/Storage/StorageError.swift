import Core

/// Why a storage operation was refused; `message` is French, for users.
public enum StorageError: Error, Sendable {
    case duplicateEdition(year: Int)
    case duplicateEmail(String)
    case notFound(String)
    case lifecycle(LifecycleError)
    case database(String)
    /// The establishment already has the maximum number of entries in that category.
    case entryLimitReached(max: Int)
    /// The same file was already sent for this edition; the reference is given only to the same establishment.
    case duplicatePoster(reference: String?)
    /// The invitation link is unknown, used or expired.
    case invitationInvalid
    /// A uniqueness rule was broken; the text says which, in French.
    case conflict(String)

    public var message: String {
        switch self {
        case .duplicateEdition(let year): return "Une édition \(year) existe déjà."
        case .duplicateEmail(let email): return "Un compte existe déjà pour \(email)."
        case .notFound(let what): return "Introuvable : \(what)."
        case .lifecycle(let error): return error.message
        case .database: return "Erreur de la base de données."
        case .entryLimitReached(let max):
            return "Votre établissement a déjà déposé \(FrenchTypography.count(max, "affiche", "affiches")) dans cette catégorie, le maximum pour cette édition. Vous pouvez remplacer ou retirer une affiche déjà déposée depuis son lien privé."
        case .duplicatePoster(let reference?):
            return "Ce fichier a déjà été déposé pour votre établissement (dépôt \(reference)). Utilisez le lien privé de ce dépôt pour le modifier."
        case .conflict(let text): return text
        case .invitationInvalid:
            return "Ce lien d’invitation n’est plus valable (déjà utilisé ou expiré). Demandez un nouveau lien à l’équipe organisatrice."
        case .duplicatePoster(nil):
            return "Ce fichier a déjà été déposé pour cette édition. Si c’est une erreur, contactez l’équipe organisatrice."
        }
    }
}
