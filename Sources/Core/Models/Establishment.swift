import Foundation

/// A school or scheme that can take part, imported from the national directory.
public struct Establishment: Hashable, Sendable, Codable {
    public var uai: UAI
    public var name: String
    public var type: EstablishmentType
    public var commune: String
    /// Département number without leading zero for metropolitan ones: `77`, `93`, `94`, `2A`, `974`.
    public var departement: String
    /// District or network (e.g. a FOQUALE network), when known.
    public var district: String?

    public init(uai: UAI, name: String, type: EstablishmentType, commune: String, departement: String, district: String? = nil) {
        self.uai = uai
        self.name = name
        self.type = type
        self.commune = commune
        self.departement = departement
        self.district = district
    }

    /// Normalises a département code as found in directories (`077` → `77`, `2a` → `2A`).
    public static func normaliseDepartement(_ raw: String) -> String {
        var code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        while code.count > 2, code.hasPrefix("0") { code.removeFirst() }
        return code
    }
}

/// The kind of establishment, as the national directory names it.
public enum EstablishmentType: String, Codable, Sendable, CaseIterable {
    case college
    case lycee
    case lyceeProfessionnel
    case erea
    case cio
    case ecole
    case dispositif
    case other

    /// The French label shown to users.
    public var label: String {
        switch self {
        case .college: return "Collège"
        case .lycee: return "Lycée"
        case .lyceeProfessionnel: return "Lycée professionnel"
        case .erea: return "EREA"
        case .cio: return "CIO"
        case .ecole: return "École"
        case .dispositif: return "Dispositif"
        case .other: return "Autre"
        }
    }

    /// Maps the directory's `type_etablissement` (or a short code) to a type.
    public static func fromDirectory(_ raw: String) -> EstablishmentType {
        let folded = raw.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
        if let exact = EstablishmentType(rawValue: raw) { return exact }
        switch folded {
        case "college", "clg": return .college
        case "lycee", "lyc", "lgt", "lycee general", "lycee general et technologique", "lycee polyvalent", "lpo": return .lycee
        case "lp", "lycee professionnel", "lycee pro": return .lyceeProfessionnel
        case "erea", "etablissement regional d'enseignement adapte": return .erea
        case "cio", "information et orientation", "centre d'information et d'orientation": return .cio
        case "ecole", "ecole elementaire", "ecole maternelle", "ecole primaire": return .ecole
        case "relais", "mlds", "upe2a", "ulis", "micro-lycee", "micro lycee", "dispositif": return .dispositif
        default:
            if folded.hasPrefix("lycee pro") { return .lyceeProfessionnel }
            if folded.hasPrefix("lycee") { return .lycee }
            if folded.hasPrefix("college") { return .college }
            if folded.hasPrefix("ecole") { return .ecole }
            if folded.contains("orientation") { return .cio }
            return .other
        }
    }
}
