import Core
import Foundation
import Imaging
import Storage
import Testing

/// A complete, valid submission form for the demo establishments.
enum SubmissionFixture {
    static let establishments = """
        identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
        0951099D;Collège Jean Moulin;Collège;Sarcelles;95
        0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
        0940001R;Collège Paul Bert;Collège;Créteil;94
        """

    static func seedEstablishments(_ app: TestApp) throws {
        _ = try app.database().importEstablishments(EstablishmentDirectory.parse(Data(establishments.utf8)))
    }

    static func fields(
        establishment: String = "0951099D", category: String = "college", title: String = "Bouger pour réussir",
        extra: [(String, String)] = []
    ) -> [(String, String)] {
        [
            ("etablissement", establishment), ("categorie", category), ("titre", title),
            ("intention", "Une affiche sur la mobilité et l’autonomie."), ("classe", "4e B"), ("eleves", "24"),
            ("enseignant", "Mme Durand"), ("email", "durand@ac-creteil.fr"), ("droit_image", "oui"), ("droit_auteur", "oui"),
            ("original", "oui"), ("sans_signe", "oui"), ("elements_tiers", "aucun"), ("personne_reconnaissable", "oui"),
            ("reglement", Browser.tickedRules),
        ] + extra
    }

    /// A poster JPEG of 600×800 (tests lower the minimum long edge to 200 px).
    static func jpeg(seed: UInt64 = 1, width: Int = 600, height: Int = 800, orientation: ImageOrientation? = nil) -> Data {
        PosterGenerator.poster(
            width: width, height: height, title: "Affiche \(seed)", seed: seed, options: .init(exifOrientation: orientation))
    }

    static func file(_ data: Data, name: String = "affiche.jpg") -> Browser.FilePart {
        Browser.FilePart(filename: name, contentType: "image/jpeg", data: data)
    }

    /// The private-link token from a receipt redirect (`/depot/TOKEN?nouveau=1`).
    static func token(fromLocation location: String?) -> String? {
        guard let location, location.hasPrefix("/depot/") else { return nil }
        return String(location.dropFirst("/depot/".count).prefix { $0 != "?" })
    }

    /// Files a valid entry from `browser` (opening the form first, as a person would) and returns its private-link token.
    static func submit(_ browser: Browser, fields: [(String, String)] = fields(), seed: UInt64 = 1) async throws -> String {
        try await browser.get("/participer")
        let sent = try await browser.postMultipart("/participer", fields: fields, file: file(jpeg(seed: seed)))
        return try #require(token(fromLocation: sent.location))
    }
}
