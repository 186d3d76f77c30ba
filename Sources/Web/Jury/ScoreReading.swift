import Core

/// The scoring method a ranking page (jury dashboard, deliberation, its CSV) reads the ballots with, carried in the URL
/// and in every form as `classement=`: empty for the calibrated method (the default), `brut` for the raw mean, `normalise`
/// for the per-juror z-score. `normalisation=1`, the dashboard's former switch, still means the z-score.
enum ScoreReading {
    static let parameter = "classement"

    static func method(_ value: (String) -> String?) -> ScoringMethod {
        switch value(parameter) {
        case "brut": return .rawMean
        case "normalise": return .zScore
        default: return value("normalisation") == "1" ? .zScore : .calibrated
        }
    }

    static func code(_ method: ScoringMethod) -> String {
        switch method {
        case .calibrated: return ""
        case .rawMean: return "brut"
        case .zScore: return "normalise"
        }
    }

    /// « Calibrée », « Moyenne brute », « Centrée réduite »: short labels for the links between readings.
    static func shortLabel(_ method: ScoringMethod) -> String {
        switch method {
        case .calibrated: return "Calibrée (par défaut)"
        case .rawMean: return "Moyenne brute"
        case .zScore: return "Centrée réduite par juré"
        }
    }

    /// What the score is, in a sentence for the page.
    static func explanation(_ method: ScoringMethod, minimum: Int) -> String {
        switch method {
        case .calibrated:
            return "Note calibrée\u{00A0}: chaque juré reçoit un décalage (et une pente) estimé sur toutes ses notes, et compte d’autant moins que ses notes sont irrégulières\u{00A0}; c’est la méthode par défaut, qui corrige les jurés plus sévères ou plus indulgents même quand ils n’ont pas vu les mêmes affiches."
        case .rawMean:
            return "Moyenne brute\u{00A0}: moyenne, sur les jurés qui l’ont notée, de leur moyenne pondérée des critères (une note manquante ne pénalise pas). Elle avantage les affiches tombées sur des jurés indulgents."
        case .zScore:
            return "Note centrée réduite\u{00A0}: les notes de chaque juré ayant au moins \(minimum) notations sont centrées-réduites puis remises à l’échelle du barème\u{00A0}; les autres restent brutes. Elle trompe quand un juré n’a vu que de bonnes (ou de faibles) affiches."
        }
    }

    struct Link: Encodable, Sendable {
        let label: String
        let href: String
        let isCurrent: Bool
    }

    /// One link per method, the current one marked; `kept` are the page's other parameters (round…).
    static func links(path: String, current: ScoringMethod, kept: [(String, String)] = []) -> [Link] {
        ScoringMethod.allCases.sorted { order($0) < order($1) }.map { method in
            let items = ([(parameter, code(method))] + kept).filter { !$0.1.isEmpty }
            let href = path + (items.isEmpty ? "" : "?" + items.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
            return Link(label: shortLabel(method), href: href, isCurrent: method == current)
        }
    }

    private static func order(_ method: ScoringMethod) -> Int {
        switch method {
        case .calibrated: return 0
        case .rawMean: return 1
        case .zScore: return 2
        }
    }
}
