import Foundation

/// The rules for moving an edition from one state to another.
public enum EditionLifecycle {
    /// After a publication (`everPublished`), judging is no longer offered (see ``check(_:to:now:everPublished:)``).
    public static func allowedMoves(from state: EditionState, everPublished: Bool) -> [EditionState] {
        allowedMoves(from: state).filter { !everPublished || $0 != .judging }
    }

    /// The moves organisers may make from a state, in the order they are offered, before any publication.
    public static func allowedMoves(from state: EditionState) -> [EditionState] {
        switch state {
        case .draft: return [.open]
        case .open: return [.closed]
        case .closed: return [.judging, .open]
        case .judging: return [.deliberation, .closed]
        case .deliberation: return [.published, .judging]
        case .published: return [.archived, .deliberation]
        case .archived: return [.published]
        }
    }

    /// Checks a move and throws the French reason when it is refused.
    /// - Parameters:
    ///   - edition: the edition as it is now.
    ///   - target: the wanted state.
    ///   - now: the current instant (deadline checks).
    ///   - everPublished: whether the results were ever published. Once they were, judging never reopens: the public
    ///     palmarès showed which poster won what, and jurors could re-score with that knowledge. The palmarès itself can
    ///     still be corrected (published → deliberation → published).
    public static func check(_ edition: Edition, to target: EditionState, now: Date, everPublished: Bool = false) throws(LifecycleError) {
        let from = edition.state
        guard from != target else { throw .sameState(target) }
        guard allowedMoves(from: from).contains(target) else { throw .notAllowed(from: from, to: target) }
        if everPublished && target == .judging { throw .judgingClosedAfterPublication }
        switch (from, target) {
        case (.draft, .open):
            let problems = edition.validationProblems()
            guard problems.isEmpty else { throw .invalidEdition(problems) }
            guard edition.submissionDeadline > now else { throw .deadlinePassed }
        case (.closed, .open):
            guard edition.submissionDeadline > now else { throw .deadlinePassed }
        default:
            break
        }
    }

    /// Returns the edition moved to `target`, or throws the reason it cannot move.
    public static func move(_ edition: Edition, to target: EditionState, now: Date, everPublished: Bool = false) throws(LifecycleError) -> Edition {
        try check(edition, to: target, now: now, everPublished: everPublished)
        var moved = edition
        moved.state = target
        return moved
    }
}

/// Why a lifecycle move was refused.
public enum LifecycleError: Error, Equatable, Sendable {
    case sameState(EditionState)
    case notAllowed(from: EditionState, to: EditionState)
    case invalidEdition([String])
    case deadlinePassed
    case finalState(EditionState)
    case judgingClosedAfterPublication

    /// A French message for organisers.
    public var message: String {
        switch self {
        case .sameState(let state):
            return "L’édition est déjà à l’étape « \(state.label) »."
        case .notAllowed(let from, let to):
            let allowed = EditionLifecycle.allowedMoves(from: from).map { "« \($0.label) »" }.joined(separator: " ou ")
            return "Impossible de passer de « \(from.label) » à « \(to.label) » : depuis cette étape, seul le passage à \(allowed) est possible."
        case .invalidEdition(let problems):
            return "L’édition ne peut pas ouvrir : " + problems.joined(separator: " ")
        case .deadlinePassed:
            return "La date limite de dépôt est déjà passée : repoussez-la avant d’ouvrir les dépôts."
        case .finalState(let state):
            return "L’étape « \(state.label) » est la dernière."
        case .judgingClosedAfterPublication:
            return "Les résultats ont déjà été publiés\u{00A0}: l’évaluation ne peut plus rouvrir, car le jury connaîtrait le palmarès. "
                + "Le palmarès peut encore être corrigé à l’étape «\u{00A0}Délibération\u{00A0}»."
        }
    }
}
