import Core

/// Why a storage operation was refused; `message` is French, for users.
public enum StorageError: Error, Sendable {
    case duplicateEdition(year: Int)
    case duplicateEmail(String)
    case notFound(String)
    case lifecycle(LifecycleError)
    case database(String)

    public var message: String {
        switch self {
        case .duplicateEdition(let year): return "Une édition \(year) existe déjà."
        case .duplicateEmail(let email): return "Un compte existe déjà pour \(email)."
        case .notFound(let what): return "Introuvable : \(what)."
        case .lifecycle(let error): return error.message
        case .database: return "Erreur de la base de données."
        }
    }
}
