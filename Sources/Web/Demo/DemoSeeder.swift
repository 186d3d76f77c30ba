import Core
import Foundation
import Storage

/// Fills an empty data folder with a usable demonstration: the 2022 edition open today, establishments, an organiser.
public struct DemoSeeder: Sendable {
    public static let organiserEmail = "organisation@demo.concours.fr"
    public static let organiserPassword = "demo-persévérance"

    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// What the demo holds, to print at start-up.
    public struct Summary: Sendable {
        public var seeded: Bool
        public var establishments: Int
        public var edition: Edition?
    }

    /// Seeds only when the database is empty; returns what is there either way.
    /// - Parameters:
    ///   - editionFile: the 2022 edition file from `Config/editions`.
    public func seedIfEmpty(editionFile: URL, now: Date) throws -> Summary {
        guard try database.isEmpty() else {
            return Summary(seeded: false, establishments: try database.establishmentCount(), edition: try database.currentEdition())
        }
        guard let data = FileManager.default.contents(atPath: editionFile.path) else {
            throw ConfigError.unreadable(editionFile.path)
        }
        let base = try EditionFile.decode(data).edition()
        var edition = try database.insertEdition(base.shiftedForDemo(now: now), isDemo: true, now: now)
        if let id = edition.id { edition = try database.moveEdition(id: id, to: .open, now: now) }
        let report = try database.importEstablishments(EstablishmentDirectory.Parsed(establishments: Self.establishments, rejections: []), now: now)
        try database.insertUser(
            User(email: Self.organiserEmail, displayName: "Organisation (démo)", role: .organiser, passwordHash: Passwords.hash(Self.organiserPassword)))
        return Summary(seeded: true, establishments: report.imported, edition: edition)
    }

    /// Plausible establishments of Seine-et-Marne, Seine-Saint-Denis and Val-de-Marne, with valid check letters.
    static let establishments: [Establishment] = {
        let rows: [(String, String, EstablishmentType, String, String, String)] = [
            ("0770001", "Collège Les Tilleuls", .college, "Melun", "77", "Melun"),
            ("0770012", "Lycée Jacques Amyot", .lycee, "Melun", "77", "Melun"),
            ("0770023", "Collège Jean Jaurès", .college, "Meaux", "77", "Meaux"),
            ("0770034", "Lycée professionnel Charles Baudelaire", .lyceeProfessionnel, "Meaux", "77", "Meaux"),
            ("0770045", "Collège La Rochefoucauld", .college, "Fontainebleau", "77", "Fontainebleau"),
            ("0770056", "Lycée François Couperin", .lycee, "Fontainebleau", "77", "Fontainebleau"),
            ("0770067", "Collège Pierre Mendès France", .college, "Chelles", "77", "Chelles"),
            ("0770078", "EREA Jean Moulin", .erea, "Torcy", "77", "Marne-la-Vallée"),
            ("0770089", "Collège Louis Braille", .college, "Provins", "77", "Provins"),
            ("0770090", "Lycée Thibaut de Champagne", .lycee, "Provins", "77", "Provins"),
            ("0930101", "Collège Jean Vilar", .college, "Saint-Denis", "93", "Saint-Denis"),
            ("0930112", "Lycée Paul Éluard", .lycee, "Saint-Denis", "93", "Saint-Denis"),
            ("0930123", "Collège Marie Curie", .college, "Bobigny", "93", "Bobigny"),
            ("0930134", "Lycée professionnel Louise Michel", .lyceeProfessionnel, "Bobigny", "93", "Bobigny"),
            ("0930145", "Collège Jean Moulin", .college, "Aubervilliers", "93", "Aubervilliers"),
            ("0930156", "Lycée Le Corbusier", .lycee, "Aubervilliers", "93", "Aubervilliers"),
            ("0930167", "Collège Gustave Courbet", .college, "Montreuil", "93", "Montreuil"),
            ("0930178", "Lycée Jean Jaurès", .lycee, "Montreuil", "93", "Montreuil"),
            ("0930189", "Collège Travail-Langevin", .college, "Bagnolet", "93", "Montreuil"),
            ("0930190", "Micro-lycée 93", .dispositif, "Noisy-le-Sec", "93", "Bondy"),
            ("0930201", "Collège Pablo Picasso", .college, "Bondy", "93", "Bondy"),
            ("0930212", "Lycée Alfred Nobel", .lycee, "Clichy-sous-Bois", "93", "Le Raincy"),
            ("0930223", "CIO de Saint-Denis", .cio, "Saint-Denis", "93", "Saint-Denis"),
            ("0940301", "Collège Paul Bert", .college, "Créteil", "94", "Créteil"),
            ("0940312", "Lycée Léon Blum", .lycee, "Créteil", "94", "Créteil"),
            ("0940323", "Collège Henri Wallon", .college, "Ivry-sur-Seine", "94", "Ivry-Vitry"),
            ("0940334", "Lycée Romain Rolland", .lycee, "Ivry-sur-Seine", "94", "Ivry-Vitry"),
            ("0940345", "Collège Jean Macé", .college, "Vitry-sur-Seine", "94", "Ivry-Vitry"),
            ("0940356", "Lycée professionnel Jean Macé", .lyceeProfessionnel, "Vitry-sur-Seine", "94", "Ivry-Vitry"),
            ("0940367", "Collège Camille Pissarro", .college, "Saint-Maur-des-Fossés", "94", "Saint-Maur"),
            ("0940378", "Lycée Marcelin Berthelot", .lycee, "Saint-Maur-des-Fossés", "94", "Saint-Maur"),
            ("0940389", "Collège Albert Camus", .college, "Champigny-sur-Marne", "94", "Champigny"),
            ("0940390", "Lycée Louise Michel", .lycee, "Champigny-sur-Marne", "94", "Champigny"),
            ("0940401", "Dispositif relais de Villejuif", .dispositif, "Villejuif", "94", "Villejuif"),
            ("0940412", "Collège Guy Môquet", .college, "Villejuif", "94", "Villejuif"),
            ("0940423", "Lycée Darius Milhaud", .lycee, "Le Kremlin-Bicêtre", "94", "Villejuif"),
        ]
        return rows.compactMap { digits, name, type, commune, departement, district in
            guard let letter = UAI.checkLetter(for: digits), let uai = try? UAI(digits + String(letter)) else { return nil }
            return Establishment(uai: uai, name: name, type: type, commune: commune, departement: departement, district: district)
        }
    }()
}
