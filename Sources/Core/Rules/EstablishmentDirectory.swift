import Foundation

/// Reads establishments from the national *Annuaire de l’éducation* export (or any CSV with the same columns).
public enum EstablishmentDirectory {
    /// Column names accepted for each field, compared after folding case, accents, spaces and dashes to `_`.
    static let columns: [Field: [String]] = [
        .uai: ["identifiant_de_l_etablissement", "uai", "code_uai", "numero_uai", "numero_uai_etablissement"],
        .name: ["nom_etablissement", "appellation_officielle", "nom", "denomination", "nom_de_l_etablissement"],
        .type: ["type_etablissement", "type", "nature_uai_libe", "type_d_etablissement"],
        .commune: ["nom_commune", "commune", "libelle_commune", "localite_acheminement_uai"],
        .departement: ["code_departement", "departement", "code_du_departement", "dep"],
        .district: ["district", "reseau", "bassin", "reseau_foquale", "libelle_bassin"],
    ]

    enum Field: CaseIterable {
        case uai, name, type, commune, departement, district

        var label: String {
            switch self {
            case .uai: return "identifiant_de_l_etablissement"
            case .name: return "nom_etablissement"
            case .type: return "type_etablissement"
            case .commune: return "nom_commune"
            case .departement: return "code_departement"
            case .district: return "district"
            }
        }
    }

    /// One line that could not be used, with its line number in the file (header is line 1).
    public struct Rejection: Equatable, Sendable {
        public var line: Int
        public var reason: String
    }

    /// What a file holds: the usable establishments and the refused lines.
    public struct Parsed: Sendable {
        public init(establishments: [Establishment], rejections: [Rejection]) {
            self.establishments = establishments
            self.rejections = rejections
        }

        public var establishments: [Establishment]
        public var rejections: [Rejection]
    }

    static func fold(_ header: String) -> String {
        header.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
            .map { $0.isLetter || $0.isNumber ? String($0) : "_" }
            .joined()
    }

    /// Parses a whole file. Throws when the file cannot be read as the directory at all (no usable header).
    /// - Parameters:
    ///   - data: the file's bytes (UTF-8, an optional BOM; Latin-1 is accepted as a fallback).
    public static func parse(_ data: Data) throws(DirectoryError) -> Parsed {
        guard !data.isEmpty else { throw .empty }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else { throw .unreadable }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard let headerLine = text.split(whereSeparator: \.isNewline).first else { throw .empty }
        let reader = CSVReader(separator: CSVReader.guessSeparator(headerLine: headerLine))
        let records = reader.records(text)
        guard let header = records.first else { throw .empty }
        let folded = header.map(fold)
        var index: [Field: Int] = [:]
        for field in Field.allCases {
            if let position = folded.firstIndex(where: { columns[field, default: []].contains($0) }) { index[field] = position }
        }
        let required: [Field] = [.uai, .name, .commune]
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing.map(\.label)) }

        var establishments: [Establishment] = []
        var rejections: [Rejection] = []
        var seen: [UAI: Int] = [:]
        for (offset, record) in records.dropFirst().enumerated() {
            let line = offset + 2
            func value(_ field: Field) -> String {
                guard let i = index[field], i < record.count else { return "" }
                return record[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let uai: UAI
            do {
                uai = try UAI(value(.uai))
            } catch {
                rejections.append(Rejection(line: line, reason: error.message))
                continue
            }
            let name = value(.name)
            guard !name.isEmpty else {
                rejections.append(Rejection(line: line, reason: "Nom d’établissement manquant pour \(uai)."))
                continue
            }
            let commune = value(.commune)
            guard !commune.isEmpty else {
                rejections.append(Rejection(line: line, reason: "Commune manquante pour \(uai)."))
                continue
            }
            if let first = seen[uai] {
                rejections.append(Rejection(line: line, reason: "\(uai) figure déjà ligne \(first) ; cette ligne est ignorée."))
                continue
            }
            seen[uai] = line
            let departementRaw = value(.departement)
            let district = value(.district)
            establishments.append(
                Establishment(
                    uai: uai, name: name, type: EstablishmentType.fromDirectory(value(.type)), commune: commune,
                    departement: departementRaw.isEmpty ? uai.departementHint : Establishment.normaliseDepartement(departementRaw),
                    district: district.isEmpty ? nil : district
                )
            )
        }
        return Parsed(establishments: establishments, rejections: rejections)
    }
}

/// Why a directory file could not be read at all.
public enum DirectoryError: Error, Equatable, Sendable {
    case empty
    case unreadable
    case missingColumns([String])

    public var message: String {
        switch self {
        case .empty: return "Le fichier est vide."
        case .unreadable: return "Le fichier n’est pas un texte lisible (UTF-8 attendu)."
        case .missingColumns(let names):
            return "Colonnes manquantes : \(names.joined(separator: ", ")). Le fichier doit être un export CSV de l’Annuaire de l’éducation (séparateur « ; »)."
        }
    }
}
