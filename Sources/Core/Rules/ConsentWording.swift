/// The exact texts of the submission form's declarations; their version is stored with each entry, and every version
/// ever used stays here so that an entry always shows what its submitter accepted.
public enum ConsentWording {
    /// The version the form shows now.
    public static let version = current.version

    /// One version of the declarations.
    public struct Texts: Sendable, Hashable {
        public let version: String
        /// The authors' rights assignment: its heading (the checkbox label) and its terms, one right or condition each.
        public let authorsRights: String
        public let authorsRightsTerms: [String]
        public let imageRights: String
        public let publicGallery: String
        /// Declarations added in version 2026-1 (empty in earlier versions).
        public let original: String
        public let thirdPartyNone: String
        public let thirdPartyListed: String
        public let noIdentifyingMarks: String
        public let personRecognisable: String
        public let nobodyRecognisable: String
    }

    /// The texts of `version` (the current ones for an unknown version).
    public static func texts(version: String) -> Texts {
        version == first.version ? first : current
    }

    /// The authors' rights assignment as the règlement (article 7) and the form list it (CPI L131-3: each right
    /// separately, with its extent, purpose, place and duration).
    public static var authorsRightsTerms: [String] { current.authorsRightsTerms }

    static let current = Texts(
        version: "2026-1",
        authorsRights:
            "Au nom des auteurs de l’affiche (les élèves et leurs encadrants), et avec l’accord écrit de chacun d’eux (et des représentants légaux des élèves mineurs), je cède à l’académie les droits suivants\u{00A0}:",
        authorsRightsTerms: [
            "le droit de reproduction\u{00A0}: reproduire l’affiche sur papier, en affiches et en brochures, et en fichiers numériques\u{00A0};",
            "le droit de représentation\u{00A0}: montrer l’affiche au public lors des expositions et manifestations de la Semaine de la persévérance scolaire, et la publier sur les sites et les réseaux sociaux de l’académie et du ministère chargé de l’éducation nationale\u{00A0};",
            "le droit d’adaptation, limité aux changements de format (recadrage, redimensionnement, conversion de fichier) nécessaires à ces usages, sans autre modification de l’œuvre\u{00A0};",
            "à seule fin de valoriser le concours et la persévérance scolaire, à l’exclusion de tout usage commercial\u{00A0};",
            "pour le monde entier (la publication en ligne étant accessible partout) et pour une durée de 5\u{00A0}ans à compter du dépôt\u{00A0};",
            "à titre gratuit et non exclusif\u{00A0}: les auteurs gardent le droit d’utiliser leur affiche comme ils l’entendent\u{00A0};",
            "les auteurs sont crédités par la mention de l’établissement et de la classe (par exemple «\u{00A0}Collège Jean-Vilar, groupe MLDS\u{00A0}»), sans nom d’élève.",
        ],
        imageRights:
            "Je certifie que l’établissement détient, pour chaque personne reconnaissable sur l’affiche, une autorisation écrite de droit à l’image signée par elle (ou par ses représentants légaux si elle est mineure), couvrant les usages décrits ci-dessus.",
        publicGallery: "J’accepte que l’affiche figure dans la galerie publique du concours, même si elle n’est pas primée (facultatif).",
        original: "Je certifie que l’affiche est une création originale des élèves, réalisée pour le concours.",
        thirdPartyNone: "L’affiche ne contient aucun élément emprunté à des tiers.",
        thirdPartyListed:
            "L’affiche contient des éléments empruntés à des tiers (photographies, illustrations, polices, textes)\u{00A0}: je les liste ci-dessous avec leur source et leur licence, qui en permet l’usage décrit.",
        noIdentifyingMarks:
            "Je certifie que l’affiche ne porte aucun nom, logo ou signe permettant d’identifier l’établissement, la classe ou des personnes (le jury l’évalue de façon anonyme).",
        personRecognisable: "Une ou plusieurs personnes sont reconnaissables sur l’affiche.",
        nobodyRecognisable: "Aucune personne n’est reconnaissable sur l’affiche."
    )

    /// The texts entries recorded before the 2026-1 form (one paragraph for the assignment, no further declarations).
    static let first = Texts(
        version: "2022-1",
        authorsRights:
            "Au nom des auteurs de l’affiche (élèves et encadrants), je cède à l’académie, à titre gracieux et non exclusif, le droit de reproduire et de représenter l’affiche pour\u{00A0}: son exposition lors de la Semaine de la persévérance scolaire et de ses manifestations\u{00A0}; sa publication sur les sites et réseaux sociaux de l’académie\u{00A0}; l’impression des affiches primées. Cette cession vaut pour une durée de 5\u{00A0}ans à compter du dépôt, avec mention de l’établissement et de la classe, sans nom d’élève.",
        authorsRightsTerms: [],
        imageRights:
            "Je certifie que l’établissement détient, pour chaque élève reconnaissable sur l’affiche, une autorisation de droit à l’image signée par ses représentants légaux (ou par l’élève majeur), couvrant les usages décrits ci-dessous.",
        publicGallery: "J’accepte que l’affiche figure dans la galerie publique du concours, même si elle n’est pas primée (facultatif).",
        original: "", thirdPartyNone: "", thirdPartyListed: "", noIdentifyingMarks: "", personRecognisable: "", nobodyRecognisable: ""
    )
}
