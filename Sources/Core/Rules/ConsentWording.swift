/// The exact consent texts of the submission form; their version is stored with each entry.
public enum ConsentWording {
    public static let version = "2022-1"

    public static let imageRights =
        "Je certifie que l’établissement détient, pour chaque élève reconnaissable sur l’affiche, une autorisation de droit à l’image signée par ses représentants légaux (ou par l’élève majeur), couvrant les usages décrits ci-dessous."

    public static let authorsRights =
        "Au nom des auteurs de l’affiche (élèves et encadrants), je cède à l’académie, à titre gracieux et non exclusif, le droit de reproduire et de représenter l’affiche pour : son exposition lors de la Semaine de la persévérance scolaire et de ses manifestations ; sa publication sur les sites et réseaux sociaux de l’académie ; l’impression des affiches primées. Cette cession vaut pour une durée de 5 ans à compter du dépôt, avec mention de l’établissement et de la classe, sans nom d’élève."

    public static let publicGallery =
        "J’accepte que l’affiche figure dans la galerie publique du concours, même si elle n’est pas primée (facultatif)."
}
