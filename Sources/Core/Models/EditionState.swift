/// Where an edition stands in its yearly life.
///
/// `draft → open → closed → judging → deliberation → published → archived`; the allowed moves are in ``EditionLifecycle``.
public enum EditionState: String, Codable, Sendable, CaseIterable {
    case draft
    case open
    case closed
    case judging
    case deliberation
    case published
    case archived

    /// The French label shown to users.
    public var label: String {
        switch self {
        case .draft: return "Brouillon"
        case .open: return "Dépôts ouverts"
        case .closed: return "Dépôts clos"
        case .judging: return "Évaluation du jury"
        case .deliberation: return "Délibération"
        case .published: return "Résultats publiés"
        case .archived: return "Archivée"
        }
    }

    /// The next state in the normal order, if any.
    public var next: EditionState? {
        guard let index = EditionState.allCases.firstIndex(of: self), index + 1 < EditionState.allCases.count else { return nil }
        return EditionState.allCases[index + 1]
    }
}
