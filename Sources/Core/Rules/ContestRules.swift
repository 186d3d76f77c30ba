import Foundation

/// The contest's rules (règlement du concours) for one edition, written out from the edition's own settings (dates,
/// categories, criteria, prizes, limits) and the publisher's identity, so that they always say what the service does.
///
/// The text is versioned by its content: any change to what it says (a later deadline, another criterion) gives another
/// version, and each entry records the version its submitter accepted.
public struct ContestRules: Hashable, Sendable, Codable {
    public struct Article: Hashable, Sendable, Codable {
        public var title: String
        public var paragraphs: [String]

        public init(title: String, paragraphs: [String]) {
            self.title = title
            self.paragraphs = paragraphs
        }
    }

    public var year: Int
    public var articles: [Article]

    public init(year: Int, articles: [Article]) {
        self.year = year
        self.articles = articles
    }

    /// `2022-3f9c2a1b07d45e6c`: the edition's year and a 64-bit FNV-1a digest of the whole text. Stable across runs and
    /// machines (it names a text, it protects nothing).
    public var version: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for article in articles {
            mix(article.title)
            article.paragraphs.forEach(mix)
        }
        let hex = String(hash, radix: 16)
        return "\(year)-\(String(repeating: "0", count: 16 - hex.count))\(hex)"
    }
}

extension ContestRules {
    /// The rules of `edition` as published by `identity`.
    public static func standard(for edition: Edition, identity: SiteIdentity) -> ContestRules {
        let nbsp = "\u{00A0}"
        let week = ParisTime.weekRange(edition.weekStart, edition.weekEnd)
        var articles: [Article] = []

        articles.append(
            Article(
                title: "Article 1 — Objet",
                paragraphs: [
                    "\(identity.publisher.name) (\(identity.service), \(identity.unit.prefix(1).lowercased() + identity.unit.dropFirst())) organise le concours d’affiches de la \(edition.number)\(edition.number == 1 ? "re" : "e") Semaine de la persévérance scolaire, \(week), sur le thème «\(nbsp)\(edition.theme)\(nbsp)».",
                    "Le concours valorise le travail des élèves en faveur de la persévérance scolaire. La participation est gratuite et sans obligation d’achat.",
                ]))

        var participants = [
            "Le concours est ouvert aux classes et groupes d’élèves des établissements publics et privés sous contrat de l’\(identity.academy.lowercased().hasPrefix("académie") ? identity.academy.prefix(1).lowercased() + identity.academy.dropFirst() : identity.academy), répartis en \(FrenchTypography.count(edition.categories.count, "catégorie", "catégories"))\(nbsp):"
        ]
        participants += edition.categories.map { category in
            "— \(category.label)\(category.description.map { $0.isEmpty ? "" : "\(nbsp): \($0)" } ?? "")"
        }
        participants.append(
            "Chaque affiche est présentée par un enseignant ou un encadrant référent, qui la dépose au nom de l’établissement et des élèves auteurs.")
        articles.append(Article(title: "Article 2 — Participants", paragraphs: participants))

        var terms = [
            "Les affiches sont déposées en ligne sur ce site du \(ParisTime.longDateTime(edition.submissionOpensAt)) au \(ParisTime.longDateTime(edition.submissionDeadline)) (heure de Paris). Aucun dépôt n’est accepté après cette date.",
            "Chaque établissement peut présenter au plus \(FrenchTypography.count(edition.maxEntriesPerEstablishmentAndCategory, "affiche", "affiches")) par catégorie.",
            "Le dépôt donne un accusé de réception avec un numéro de référence et un lien privé, qui permet de modifier, de remplacer ou de retirer l’affiche jusqu’à la date limite.",
        ]
        if edition.accessCode != nil {
            terms.append("Le dépôt demande le code d’accès communiqué aux établissements par l’académie.")
        }
        articles.append(Article(title: "Article 3 — Modalités de dépôt", paragraphs: terms))

        articles.append(
            Article(
                title: "Article 4 — L’affiche",
                paragraphs: [
                    "L’affiche est une création originale des élèves, réalisée pour le concours et en rapport avec le thème de l’édition.",
                    "Elle ne porte aucun nom, logo ou signe permettant d’identifier l’établissement, la classe ou des personnes\(nbsp): le jury l’évalue sans savoir qui l’a faite. La note d’intention qui l’accompagne obéit à la même règle.",
                    "Les éléments empruntés à des tiers (photographies, illustrations, polices de caractères, textes) sont déclarés lors du dépôt avec leur source et leur licence, qui doit en permettre l’usage décrit à l’article\(nbsp)7.",
                    "Si une personne est reconnaissable sur l’affiche, l’établissement détient son autorisation écrite de droit à l’image (celle de ses représentants légaux si elle est mineure).",
                ]))

        var jury = [
            "Un jury désigné par les organisateurs évalue les affiches recevables de façon anonyme\(nbsp): chaque juré ne voit que l’affiche, son titre, sa catégorie et la note d’intention. Un juré qui connaît une affiche (établissement où il exerce, par exemple) ne la note pas.",
            "Chaque juré note chaque critère sur son échelle\(nbsp):",
        ]
        jury += edition.criteria.map { criterion in
            "— \(criterion.label) (de \(criterion.scale.min) à \(criterion.scale.max), coefficient \(FrenchTypography.decimal(criterion.weight)))\(criterion.description.map { $0.isEmpty ? "" : "\(nbsp): \($0)" } ?? "")"
        }
        jury.append(
            "Pour chaque affiche, le service calcule la moyenne pondérée des critères de chaque bulletin, puis la moyenne de ces notes sur les jurés\(nbsp); pour corriger les écarts de sévérité entre jurés, les notes d’un juré qui a évalué au moins \(FrenchTypography.count(edition.jury.normalisationMinimum, "affiche", "affiches")) peuvent être ramenées à une même moyenne et une même dispersion. Une affiche est classée lorsqu’elle a reçu au moins \(FrenchTypography.count(edition.jury.quorum, "note", "notes")).")
        jury.append(
            "Ce classement calculé sert de base à la délibération\(nbsp): le jury attribue les prix et peut s’écarter du classement en motivant sa décision. Conformément à l’article L311-3-1 du code des relations entre le public et l’administration, les règles de ce traitement et ses principales caractéristiques sont communiquées à toute personne qui en fait la demande auprès des organisateurs.")
        articles.append(Article(title: "Article 5 — Jury et critères", paragraphs: jury))

        let prizes = edition.prizes.sorted { $0.rank < $1.rank }
        var prizeParagraphs = ["Le jury peut attribuer les prix suivants\(nbsp):"]
        prizeParagraphs += prizes.map { "— \($0.label)\($0.perCategory ? ", dans chaque catégorie" : ", pour l’ensemble du concours")" }
        prizeParagraphs.append("Le jury peut ne pas attribuer un prix. Ses décisions sont sans appel. Le palmarès est publié sur ce site après la délibération.")
        if prizes.isEmpty { prizeParagraphs = ["Les prix sont annoncés par les organisateurs avant la délibération. Le palmarès est publié sur ce site."] }
        articles.append(Article(title: "Article 6 — Prix", paragraphs: prizeParagraphs))

        articles.append(
            Article(
                title: "Article 7 — Droits d’auteur et droit à l’image",
                paragraphs: ["Par l’intermédiaire de l’encadrant qui dépose l’affiche, ses auteurs cèdent à l’académie\(nbsp):"]
                    + ConsentWording.authorsRightsTerms.map { "— \($0)" } + [
                    "Le dépôt vaut attestation, par l’encadrant, que les autorisations des auteurs et, s’il y a lieu, des personnes reconnaissables ont été recueillies et sont conservées par l’établissement (des modèles imprimables sont proposés sur ce site)."
                ]))

        articles.append(
            Article(
                title: "Article 8 — Données personnelles",
                paragraphs: [
                    "Les données recueillies lors du dépôt (nom et adresse électronique de l’encadrant, classe, nombre d’élèves) servent à l’organisation du concours. Aucun nom d’élève n’est demandé. La page «\(nbsp)Données personnelles\(nbsp)» du site précise les finalités, les destinataires, les durées de conservation et les droits des personnes."
                ]))

        articles.append(
            Article(
                title: "Article 9 — Acceptation du règlement",
                paragraphs: [
                    "Déposer une affiche vaut acceptation du présent règlement, dans la version affichée lors du dépôt et enregistrée avec lui. Pour toute question\(nbsp): \(identity.contactEmail)."
                ]))
        return ContestRules(year: edition.year, articles: articles)
    }
}
