import Core
import Foundation

/// The legal pages' texts, written from the publisher's identity and the service's actual settings (session length,
/// retention periods), so that what they say is what the service does.
enum LegalTexts {
    typealias Section = LegalDocumentPage.Section
    typealias Item = LegalDocumentPage.Item
    typealias Link = LegalDocumentPage.Link

    static let nbsp = "\u{00A0}"

    /// What the privacy notice needs to know of the service's settings.
    struct Facts: Sendable {
        var sessionHours: Int
        var personalDataMonths: Int
        var nonAwardedOriginalsMonths: Int
        var privacyLink: String
        var rulesLink: String?

        init(_ services: Services, privacyLink: String, rulesLink: String?) {
            sessionHours = services.config.sessionLifetimeHours
            personalDataMonths = services.config.retention.personalDataMonths
            nonAwardedOriginalsMonths = services.config.retention.nonAwardedOriginalsMonths
            self.privacyLink = privacyLink
            self.rulesLink = rulesLink
        }
    }

    static func address(_ organisation: SiteIdentity.Organisation) -> String {
        ([organisation.name] + organisation.address).joined(separator: ", ") + (organisation.phone.isEmpty ? "" : " — téléphone\(nbsp): \(organisation.phone)")
    }

    static func months(_ value: Int) -> String {
        value == 0 ? "dès la publication du palmarès" : "\(FrenchTypography.count(value, "mois", "mois")) après la publication du palmarès"
    }

    // MARK: - Mentions légales

    static func legalNotice(_ identity: SiteIdentity, facts: Facts) -> LegalDocumentPage {
        LegalDocumentPage(
            heading: "Mentions légales",
            lead: "\(identity.siteName) est un service de l’\(lowercasedFirst(identity.academy)).",
            sections: [
                Section(
                    id: "editeur", title: "Éditeur",
                    paragraphs: [address(identity.publisher), "\(identity.service) — \(identity.unit). Contact\(nbsp): \(identity.contactEmail)."]),
                Section(id: "directeur", title: "Directeur de la publication", paragraphs: [identity.publicationDirector + "."]),
                Section(id: "hebergeur", title: "Hébergement", paragraphs: [address(identity.host)]),
                Section(
                    id: "propriete", title: "Propriété intellectuelle",
                    paragraphs: [
                        "Les affiches publiées sur ce site sont des œuvres des élèves qui les ont créées. Elles sont reproduites avec l’autorisation de leurs auteurs, dans les limites décrites par le règlement du concours\(nbsp): toute autre reproduction ou représentation, intégrale ou partielle, demande l’accord des auteurs (par l’intermédiaire de l’établissement).",
                        "Les textes du site peuvent être repris en citant leur source. Le site n’utilise ni la marque de l’État, ni le système de design de l’État, ni la police Marianne.",
                    ]),
                Section(
                    id: "cookies", title: "Cookies",
                    paragraphs: [
                        "Le site ne dépose que des cookies strictement nécessaires à son fonctionnement, qui ne demandent pas de consentement\(nbsp):"
                    ],
                    items: [
                        Item("concours_session\(nbsp): garde la connexion d’un organisateur ou d’un juré, au plus \(FrenchTypography.count(facts.sessionHours, "heure", "heures"))\(nbsp);"),
                        Item("concours_csrf\(nbsp): protège les formulaires contre leur envoi par un autre site, le temps de la visite\(nbsp);"),
                        Item("concours_appareil\(nbsp): reconnaît un navigateur déjà connecté, pour ne pas le ralentir quand un tiers essaie des mots de passe\(nbsp);"),
                        Item("concours_flash\(nbsp): affiche une seule fois un message de confirmation."),
                    ],
                    after: ["Aucun outil de mesure d’audience, aucune publicité et aucun contenu tiers (polices, vidéos, réseaux sociaux) ne sont chargés."]),
                Section(
                    id: "donnees", title: "Données personnelles",
                    items: [Item("Le traitement des données personnelles est décrit sur la page", link: Link(label: "Données personnelles", href: facts.privacyLink))]),
            ])
    }

    // MARK: - Données personnelles (RGPD, article 13)

    static func privacy(_ identity: SiteIdentity, facts: Facts) -> LegalDocumentPage {
        let dpo = identity.dataProtectionOfficer
        var rights = [
            "Vous pouvez accéder aux données qui vous concernent, les faire rectifier ou effacer, en demander la limitation, et vous opposer à leur traitement pour des raisons tenant à votre situation particulière (articles 15 à 21 du RGPD).",
            "Jusqu’à la date limite des dépôts, l’encadrant modifie ou retire lui-même son dépôt depuis son lien privé. Le consentement à la galerie publique peut être retiré à tout moment, sans effet sur les publications passées.",
            "Pour exercer ces droits, écrivez aux organisateurs (\(identity.contactEmail)) ou au délégué à la protection des données (\(dpo.email), \(dpo.address.joined(separator: ", "))). Une réponse vous est donnée dans un délai d’un mois.",
        ]
        if let rules = facts.rulesLink { rights.append("Le règlement du concours est consultable à l’adresse \(rules).") }
        return LegalDocumentPage(
            heading: "Données personnelles",
            lead: "Ce que le concours fait des données qu’il recueille, pourquoi, pour combien de temps, et comment exercer vos droits (article 13 du règlement général sur la protection des données, RGPD).",
            sections: [
                Section(
                    id: "responsable", title: "Responsable du traitement",
                    paragraphs: [
                        "\(identity.dataController), \(identity.publisher.address.joined(separator: ", ")). Le traitement est mis en œuvre par le \(lowercasedFirst(identity.service)), \(lowercasedFirst(identity.unit)).",
                        "Délégué à la protection des données\(nbsp): \(dpo.title), \(dpo.email), \(dpo.address.joined(separator: ", ")).",
                    ]),
                Section(
                    id: "finalites", title: "Finalités et bases légales",
                    items: [
                        Item(
                            "Organiser le concours (dépôt des affiches, vérification de leur recevabilité, évaluation anonyme par le jury, délibération, publication du palmarès, échanges avec les encadrants)\(nbsp): mission d’intérêt public de l’académie (article 6, paragraphe 1, point e, du RGPD)\(nbsp);"),
                        Item(
                            "Publier dans la galerie publique une affiche non primée\(nbsp): consentement de l’encadrant au nom des auteurs, facultatif et retirable à tout moment (article 6, paragraphe 1, point a)\(nbsp);"),
                        Item(
                            "Gérer les comptes du jury et des organisateurs, et protéger le service (journal des actions, limitation des tentatives de connexion)\(nbsp): mission d’intérêt public et obligation de sécurité (articles 6, paragraphe 1, point e, et 32 du RGPD)."),
                    ]),
                Section(
                    id: "donnees", title: "Données recueillies et champs obligatoires",
                    paragraphs: ["Lors du dépôt d’une affiche, le formulaire demande, tous obligatoires sauf mention contraire\(nbsp):"],
                    items: [
                        Item("l’établissement (code UAI), la catégorie, le titre de l’affiche, la note d’intention et le fichier de l’affiche\(nbsp);"),
                        Item("la classe ou le groupe et le nombre d’élèves ayant participé (aucun nom d’élève n’est demandé)\(nbsp);"),
                        Item("le nom et l’adresse électronique de l’enseignant ou de l’encadrant référent, pour lui envoyer l’accusé de dépôt et le joindre\(nbsp);"),
                        Item("les déclarations et autorisations du formulaire, avec la date et la version des textes acceptés\(nbsp);"),
                        Item("l’accord pour la galerie publique (facultatif)."),
                    ],
                    after: [
                        "Sans les champs obligatoires, le dépôt ne peut pas être enregistré. Les fichiers d’affiche sont débarrassés de leurs métadonnées (lieu de prise de vue, appareil, auteur) à la réception.",
                        "Pour les membres du jury et les organisateurs\(nbsp): nom, adresse électronique, mot de passe (conservé sous forme chiffrée irréversible), notes et commentaires du jury. Pour tous les visiteurs qui envoient un formulaire\(nbsp): l’adresse IP, conservée au plus 2\(nbsp)jours pour limiter les envois et les tentatives de connexion abusifs.",
                    ]),
                Section(
                    id: "destinataires", title: "Destinataires",
                    items: [
                        Item("l’équipe organisatrice de l’académie, pour toutes les données du concours\(nbsp);"),
                        Item("les membres du jury, qui ne voient que l’affiche, son titre, sa catégorie et sa note d’intention, jamais l’établissement, la classe ni l’encadrant\(nbsp);"),
                        Item("le public, pour le palmarès (titre, établissement, classe et affiche des lauréats) et pour la galerie (affiches dont l’encadrant l’a accepté)\(nbsp);"),
                        Item("l’hébergeur du service (\(identity.host.name)), pour le seul besoin de l’hébergement."),
                    ],
                    after: ["Aucune donnée n’est vendue, ni utilisée à des fins commerciales, ni transférée hors de l’Union européenne."]),
                Section(
                    id: "conservation", title: "Durées de conservation",
                    items: [
                        Item("nom et adresse électronique des encadrants\(nbsp): effacés \(months(facts.personalDataMonths))\(nbsp);"),
                        Item("fichiers d’origine des affiches non primées\(nbsp): effacés \(months(facts.nonAwardedOriginalsMonths))\(nbsp);"),
                        Item(
                            "affiches primées (titre, établissement, classe, images)\(nbsp): conservées dans les archives du palmarès, au titre de l’intérêt historique du concours\(nbsp);"),
                        Item("comptes du jury\(nbsp): jusqu’à leur suppression par les organisateurs ou à la demande de la personne\(nbsp);"),
                        Item("connexions\(nbsp): \(FrenchTypography.count(facts.sessionHours, "heure", "heures")) au plus\(nbsp); adresses IP des formulaires\(nbsp): 2\(nbsp)jours au plus."),
                    ]),
                Section(id: "droits", title: "Vos droits", paragraphs: rights),
                Section(
                    id: "reclamation", title: "Réclamation",
                    paragraphs: [
                        "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), 3, place de Fontenoy, TSA 80715, 75334 Paris Cedex 07."
                    ],
                    items: [Item("En ligne\(nbsp):", link: Link(label: "www.cnil.fr/fr/plaintes", href: "https://www.cnil.fr/fr/plaintes"))]),
            ])
    }

    // MARK: - Accessibilité (RGAA 4.1)

    static func accessibility(_ identity: SiteIdentity) -> LegalDocumentPage {
        let statement = identity.accessibility
        let rate = statement.conformityRate.map { "L’audit donne un taux de conformité de \($0)\(nbsp)% aux critères du RGAA\(nbsp)4.1." }
        return LegalDocumentPage(
            heading: "Déclaration d’accessibilité",
            lead: "\(identity.publisher.name) s’engage à rendre ses services en ligne accessibles, conformément à l’article 47 de la loi n°\(nbsp)2005-102 du 11\(nbsp)février 2005.",
            meta: ["Déclaration établie le \(ParisTime.longDay(statement.statementDate)). Elle s’applique à «\(nbsp)\(identity.siteName)\(nbsp)»."],
            sections: [
                Section(
                    id: "etat", title: "État de conformité",
                    paragraphs: ["Ce site est \(statement.status.rawValue) avec le référentiel général d’amélioration de l’accessibilité (RGAA), version\(nbsp)4.1."]
                        + (rate.map { [$0] } ?? [])),
                Section(id: "methode", title: "Comment le site a été évalué", items: statement.method.map { Item($0) }),
                Section(id: "outils", title: "Environnement de test", items: statement.tools.map { Item($0) }),
                Section(
                    id: "non-conformites", title: "Contenus non accessibles",
                    paragraphs: statement.nonConformities.isEmpty ? ["Aucune non-conformité n’est connue à ce jour."] : ["Non-conformités connues\(nbsp):"],
                    items: statement.nonConformities.map { Item($0) }),
                Section(
                    id: "derogations", title: "Contenus non soumis à l’obligation d’accessibilité",
                    paragraphs: statement.exemptions.isEmpty ? ["Aucun."] : [], items: statement.exemptions.map { Item($0) }),
                Section(
                    id: "retour", title: "Retour d’information et contact",
                    paragraphs: [
                        "Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à \(statement.contactEmail)\(nbsp): nous vous indiquerons un autre moyen d’y accéder ou vous transmettrons le contenu sous une autre forme."
                    ]),
                Section(
                    id: "recours", title: "Voies de recours",
                    paragraphs: [
                        "Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits\(nbsp):"
                    ],
                    items: [
                        Item("en ligne\(nbsp):", link: Link(label: "formulaire du Défenseur des droits", href: "https://formulaire.defenseurdesdroits.fr/")),
                        Item("en contactant le délégué du Défenseur des droits dans votre région\(nbsp):", link: Link(label: "liste des délégués", href: "https://www.defenseurdesdroits.fr/saisir/delegues")),
                        Item("par courrier, gratuitement, sans timbre\(nbsp): Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07."),
                    ]),
            ])
    }

    // MARK: - Règlement

    static func rules(_ rules: ContestRules, edition: Edition, isCurrent: Bool, versions: [LegalDocumentPage.Link], modelForms: String?)
        -> LegalDocumentPage
    {
        LegalDocumentPage(
            heading: "Règlement du concours — \(edition.title)",
            lead: isCurrent ? nil : "Cette version n’est plus celle en vigueur\(nbsp): elle est conservée parce que des dépôts l’ont acceptée.",
            meta: ["Version \(rules.version)."],
            sections: rules.articles.enumerated().map { index, article in
                Section(id: "article-\(index + 1)", title: article.title, items: [], after: []).withParagraphs(article.paragraphs)
            },
            versions: versions,
            related: modelForms.map { [Link(label: "Modèles d’autorisation à faire signer (droits d’auteur, droit à l’image)", href: $0)] } ?? [])
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension LegalDocumentPage.Section {
    /// The section with `paragraphs`, list-like lines (« — … ») turned into list items.
    func withParagraphs(_ lines: [String]) -> LegalDocumentPage.Section {
        let items = lines.filter { $0.hasPrefix("— ") }.map { LegalDocumentPage.Item(String($0.dropFirst(2))) }
        let before = lines.prefix { !$0.hasPrefix("— ") }
        let after = lines.drop { !$0.hasPrefix("— ") }.filter { !$0.hasPrefix("— ") }
        return LegalDocumentPage.Section(id: id, title: title, paragraphs: Array(before), items: items, after: Array(after), blanks: blanks)
    }
}

// MARK: - Model forms the establishment keeps

extension LegalTexts {
    static func modelFormsIndex(authors: String, image: String, rules: String?) -> LegalDocumentPage {
        LegalDocumentPage(
            heading: "Modèles d’autorisation",
            lead: "Le dépôt d’une affiche atteste que l’établissement a recueilli ces autorisations. Il les conserve\(nbsp): elles ne sont pas à envoyer à l’académie.",
            sections: [
                Section(
                    id: "modeles", title: "Modèles à imprimer",
                    items: [
                        Item(
                            "Pour chaque élève auteur (et ses représentants légaux s’il est mineur), la cession des droits d’auteur\(nbsp):",
                            link: Link(label: "autorisation de droits d’auteur", href: authors)),
                        Item(
                            "Pour chaque personne reconnaissable sur l’affiche (et ses représentants légaux si elle est mineure), seulement dans ce cas\(nbsp):",
                            link: Link(label: "autorisation de droit à l’image", href: image)),
                    ])
            ],
            related: rules.map { [Link(label: "Règlement du concours", href: $0)] } ?? [])
    }

    /// « concours d’affiches de la Semaine de la persévérance scolaire, 8e édition », as the model forms name it.
    static func contestName(_ edition: Edition?) -> String {
        "concours d’affiches de la Semaine de la persévérance scolaire" + (edition.map { ", \($0.title)" } ?? "")
    }

    /// The poster a model form is about, to fill in by hand.
    static let posterSection = Section(id: "oeuvre", title: "L’affiche", blanks: ["Titre de l’affiche", "Établissement", "Classe ou groupe"])

    /// Place, date and the signatures of `signer` and of two legal representatives.
    static func signatures(of signer: String) -> Section {
        Section(
            id: "signatures", title: "Signatures", paragraphs: ["Fait à ………………………, le ……………………"],
            blanks: ["Signature de \(signer)", "Représentant légal 1 (nom, prénom, signature)", "Représentant légal 2 (nom, prénom, signature)"])
    }

    static func authorsRightsForm(_ identity: SiteIdentity, edition: Edition?) -> LegalDocumentPage {
        let contest = contestName(edition)
        return LegalDocumentPage(
            heading: "Autorisation de droits d’auteur — élève auteur d’une affiche",
            lead: "Modèle à faire remplir pour chaque élève auteur de l’affiche présentée au \(contest), organisé par l’\(lowercasedFirst(identity.academy)).",
            sections: [
                posterSection,
                Section(id: "auteur", title: "L’élève auteur", blanks: ["Nom et prénom de l’élève", "Date de naissance"]),
                Section(
                    id: "cession", title: "Droits cédés",
                    paragraphs: ["L’élève (et, s’il est mineur, ses représentants légaux) cède à l’\(lowercasedFirst(identity.academy))\(nbsp):"],
                    items: ConsentWording.authorsRightsTerms.map { Item($0) },
                    after: [
                        "Cette autorisation peut être retirée pour l’avenir en écrivant à \(identity.contactEmail)\(nbsp); les affiches déjà imprimées ou exposées ne sont pas rappelées."
                    ]),
                signatures(of: "l’élève"),
            ],
            isPrintable: true)
    }

    static func imageRightsForm(_ identity: SiteIdentity, edition: Edition?) -> LegalDocumentPage {
        let contest = contestName(edition)
        return LegalDocumentPage(
            heading: "Autorisation de droit à l’image — personne reconnaissable sur une affiche",
            lead: "Modèle à faire remplir pour chaque personne reconnaissable sur une affiche présentée au \(contest). Inutile si personne n’est reconnaissable.",
            sections: [
                posterSection,
                Section(id: "personne", title: "La personne photographiée ou représentée", blanks: ["Nom et prénom", "Date de naissance (si mineure)"]),
                Section(
                    id: "usages", title: "Usages autorisés",
                    paragraphs: ["La personne (et, si elle est mineure, ses représentants légaux) autorise l’\(lowercasedFirst(identity.academy)) à reproduire et à diffuser son image telle qu’elle figure sur l’affiche\(nbsp):"],
                    items: [
                        Item("lors des expositions et manifestations de la Semaine de la persévérance scolaire\(nbsp);"),
                        Item("sur les sites et les réseaux sociaux de l’académie et du ministère chargé de l’éducation nationale, et sur les affiches imprimées\(nbsp);"),
                        Item("pour une durée de 5\(nbsp)ans, à titre gratuit, à seule fin de valoriser le concours, sans légende qui la nomme."),
                    ],
                    after: [
                        "Cette autorisation peut être retirée à tout moment pour l’avenir en écrivant à \(identity.contactEmail). L’image ne sera jamais utilisée d’une manière qui porte atteinte à la dignité ou à la réputation de la personne."
                    ]),
                signatures(of: "la personne"),
            ],
            isPrintable: true)
    }
}
