import Foundation

/// Who publishes the site, and the facts its legal pages state: `Config/identite.json`, over these defaults (the
/// académie de Créteil's SAIO, pôle persévérance et lutte contre le décrochage scolaire).
///
/// Every text is French, with its typography already in it (no-break spaces before « : ; ! ? » and inside « »).
public struct SiteIdentity: Codable, Sendable, Hashable {
    /// « République française », the first line of the header block.
    public var republic: String = "République française"
    public var motto: String = "Liberté, Égalité, Fraternité"
    /// The académie's region, shown above its name (empty: not shown).
    public var region: String = "Région académique Île-de-France"
    public var academy: String = "Académie de Créteil"
    public var service: String = "Service académique d’information et d’orientation (SAIO)"
    public var unit: String = "Pôle persévérance et lutte contre le décrochage scolaire"
    /// The site's name: ends every page title, and heads the header block.
    public var siteName: String = "Concours d’affiches de la Semaine de la persévérance scolaire"
    /// The organisers' address for questions (shown on every legal page).
    public var contactEmail: String = "ce.saio-decrochage@ac-creteil.fr"
    public var contactPhone: String = "01 57 02 68 10"

    /// The publisher (éditeur) of the site: the rectorat.
    public var publisher: Organisation = Organisation(
        name: "Rectorat de l’académie de Créteil", address: ["4, rue Georges-Enesco", "94010 Créteil Cedex"], phone: "01 57 02 60 00")
    /// The director of publication, by office (not by name, so that the text survives a change of recteur).
    public var publicationDirector: String = "Le recteur de l’académie de Créteil, chancelier des universités"
    /// Who hosts the server.
    public var host: Organisation = Organisation(
        name: "Rectorat de l’académie de Créteil — division des systèmes d’information",
        address: ["4, rue Georges-Enesco", "94010 Créteil Cedex"], phone: "01 57 02 60 00")

    /// The data controller (responsable de traitement) for the RGPD notice.
    public var dataController: String = "Le recteur de l’académie de Créteil"
    public var dataProtectionOfficer: DataProtectionOfficer = DataProtectionOfficer()
    public var accessibility: AccessibilityStatement = AccessibilityStatement()

    public init() {}

    public init(from decoder: any Decoder) throws {
        let defaults = SiteIdentity()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys, _ fallback: String) throws -> String {
            (try c.decodeIfPresent(String.self, forKey: key)).map(FrenchTypography.guillemets) ?? fallback
        }
        republic = try text(.republic, defaults.republic)
        motto = try text(.motto, defaults.motto)
        region = try text(.region, defaults.region)
        academy = try text(.academy, defaults.academy)
        service = try text(.service, defaults.service)
        unit = try text(.unit, defaults.unit)
        siteName = try text(.siteName, defaults.siteName)
        contactEmail = try text(.contactEmail, defaults.contactEmail)
        contactPhone = try text(.contactPhone, defaults.contactPhone)
        publisher = try c.decodeIfPresent(Organisation.self, forKey: .publisher) ?? defaults.publisher
        publicationDirector = try text(.publicationDirector, defaults.publicationDirector)
        host = try c.decodeIfPresent(Organisation.self, forKey: .host) ?? defaults.host
        dataController = try text(.dataController, defaults.dataController)
        dataProtectionOfficer = try c.decodeIfPresent(DataProtectionOfficer.self, forKey: .dataProtectionOfficer) ?? defaults.dataProtectionOfficer
        accessibility = try c.decodeIfPresent(AccessibilityStatement.self, forKey: .accessibility) ?? defaults.accessibility
    }

    /// A postal identity: name, address lines, telephone.
    public struct Organisation: Codable, Sendable, Hashable {
        public var name: String
        public var address: [String]
        public var phone: String

        public init(name: String, address: [String], phone: String) {
            self.name = name
            self.address = address
            self.phone = phone
        }
    }

    /// The data-protection officer (délégué à la protection des données) of the académie.
    public struct DataProtectionOfficer: Codable, Sendable, Hashable {
        public var title: String = "Délégué à la protection des données (DPD) de l’académie de Créteil"
        public var email: String = "dpd@ac-creteil.fr"
        public var address: [String] = ["Rectorat de l’académie de Créteil — DPD", "4, rue Georges-Enesco", "94010 Créteil Cedex"]
        public init() {}
    }

    /// The accessibility statement (déclaration d’accessibilité, RGAA 4.1): what the last audit found.
    public struct AccessibilityStatement: Codable, Sendable, Hashable {
        public var status: AccessibilityStatus = .nonCompliant
        /// The conformity rate of the last RGAA audit, in percent (nil: no full audit yet).
        public var conformityRate: Int?
        /// When the statement was drawn up (`AAAA-MM-JJ`).
        public var statementDate: CalendarDay = CalendarDay(year: 2026, month: 12, day: 2)
        /// How the pages were checked.
        public var method: [String] = [
            "Auto-évaluation par l’équipe du service : chaque page du site, dans chacune des phases du concours (dépôts ouverts, jury, délibération, palmarès publié), à 1 280 et à 390 pixels de large, contrôlée avec l’outil axe-core dans Chromium (aucune anomalie grave ou critique) ;",
            "vérifications manuelles : navigation au clavier seul, ordre de tabulation, fonctionnement sans JavaScript, messages d’erreur des formulaires, titres de pages, textes alternatifs des affiches.",
            "Aucun audit complet des 106 critères du RGAA 4.1 n’a encore été réalisé : le site est donc déclaré non conforme tant que cet audit n’a pas eu lieu.",
        ]
        /// The environment of the checks.
        public var tools: [String] = ["Chromium (Debian), en français", "axe-core 4", "Navigation au clavier"]
        /// Non-conformities known to remain.
        public var nonConformities: [String] = [
            "Les affiches déposées sont des images dont le texte n’a pas d’équivalent textuel complet : leur titre et la note d’intention des élèves en tiennent lieu (critère 1.3).",
            "La liste de suggestions d’établissements du formulaire de dépôt n’est pas annoncée par tous les lecteurs d’écran (critère 7.1) ; la saisie du code UAI reste possible sans elle.",
        ]
        /// Contents exempt from the obligation (dérogations pour charge disproportionnée, contenus non soumis).
        public var exemptions: [String] = [
            "Les fichiers d’affiches d’origine transmis par les établissements (contenus de tiers non financés ni développés par l’académie).",
        ]
        public var contactEmail: String = "ce.saio-decrochage@ac-creteil.fr"
        public init() {}
    }

    /// The three statuses the RGAA allows.
    public enum AccessibilityStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case compliant = "totalement conforme"
        case partiallyCompliant = "partiellement conforme"
        case nonCompliant = "non conforme"

        /// The status the RGAA gives a conformity rate: 100 % totally, 50 % or more partially, less (or no audit) not.
        public static func expected(forRate rate: Int?) -> AccessibilityStatus {
            guard let rate else { return .nonCompliant }
            return rate >= 100 ? .compliant : rate >= 50 ? .partiallyCompliant : .nonCompliant
        }

        /// « Accessibilité : partiellement conforme », as the footer of State sites says it.
        public var footerLine: String { "Accessibilité\u{00A0}: \(rawValue)" }
    }
}

extension SiteIdentity.DataProtectionOfficer {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? title
        email = try c.decodeIfPresent(String.self, forKey: .email) ?? email
        address = try c.decodeIfPresent([String].self, forKey: .address) ?? address
    }
}

extension SiteIdentity.AccessibilityStatement {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(SiteIdentity.AccessibilityStatus.self, forKey: .status) ?? status
        conformityRate = try c.decodeIfPresent(Int.self, forKey: .conformityRate)
        statementDate = try c.decodeIfPresent(CalendarDay.self, forKey: .statementDate) ?? statementDate
        method = try c.decodeIfPresent([String].self, forKey: .method) ?? method
        tools = try c.decodeIfPresent([String].self, forKey: .tools) ?? tools
        nonConformities = try c.decodeIfPresent([String].self, forKey: .nonConformities) ?? nonConformities
        exemptions = try c.decodeIfPresent([String].self, forKey: .exemptions) ?? exemptions
        contactEmail = try c.decodeIfPresent(String.self, forKey: .contactEmail) ?? contactEmail
    }
}

extension SiteIdentity {
    /// Problems that make the identity unusable, in French.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        for (name, value) in [("academy", academy), ("siteName", siteName), ("contactEmail", contactEmail), ("publisher.name", publisher.name)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("« \(name) » est vide")
        }
        for (name, value) in [("contactEmail", contactEmail), ("dataProtectionOfficer.email", dataProtectionOfficer.email), ("accessibility.contactEmail", accessibility.contactEmail)]
        where !value.contains("@") {
            problems.append("« \(name) » n’est pas une adresse e-mail (« \(value) »)")
        }
        if let rate = accessibility.conformityRate, !(0...100).contains(rate) {
            problems.append("« accessibility.conformityRate » doit être un pourcentage entre 0 et 100")
        }
        let expected = AccessibilityStatus.expected(forRate: accessibility.conformityRate)
        if accessibility.status != expected {
            problems.append(
                "« accessibility.status » vaut « \(accessibility.status.rawValue) » alors que le taux de conformité indiqué donne « \(expected.rawValue) » (100 % : totalement, 50 % ou plus : partiellement, moins de 50 % ou pas d’audit : non conforme)")
        }
        return problems
    }
}
