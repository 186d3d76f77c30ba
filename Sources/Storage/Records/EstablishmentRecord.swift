import Core
import Foundation
import GRDB

/// A row of `establishment`; `searchText` folds name, commune and UAI for the submission form's search.
struct EstablishmentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "establishment"

    var uai: String
    var name: String
    var type: String
    var commune: String
    var departement: String
    var district: String?
    var searchText: String
    var updatedAt: Date

    enum Columns {
        static let uai = Column(CodingKeys.uai)
        static let name = Column(CodingKeys.name)
        static let departement = Column(CodingKeys.departement)
        static let searchText = Column(CodingKeys.searchText)
    }

    init(_ establishment: Establishment, updatedAt: Date) {
        self.uai = establishment.uai.code
        self.name = establishment.name
        self.type = establishment.type.rawValue
        self.commune = establishment.commune
        self.departement = establishment.departement
        self.district = establishment.district
        self.searchText = Self.fold("\(establishment.uai.code) \(establishment.name) \(establishment.commune)")
        self.updatedAt = updatedAt
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "’", with: "'")
    }

    var establishment: Establishment? {
        guard let code = try? UAI(uai) else { return nil }
        return Establishment(
            uai: code, name: name, type: EstablishmentType(rawValue: type) ?? .other, commune: commune,
            departement: departement, district: district
        )
    }

    /// Same content (ignoring the timestamp)?
    func sameContent(as other: EstablishmentRecord) -> Bool {
        uai == other.uai && name == other.name && type == other.type && commune == other.commune
            && departement == other.departement && district == other.district
    }
}
