import Core
import Foundation
import Testing

struct EstablishmentDirectoryTests {
    @Test func reads_the_national_directory_format() throws {
        let csv = #"""
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;statut_public_prive;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Public;Sarcelles;095
            0930001W;"Lycée ""Paul Éluard""";Lycée;Public;Saint-Denis;093
            0940001R;Micro-lycée;Dispositif;Public;"Vitry-sur-Seine";094
            """#
        let parsed = try EstablishmentDirectory.parse(Data(csv.utf8))
        #expect(parsed.rejections.isEmpty)
        #expect(parsed.establishments.count == 3)
        let lycee = parsed.establishments[1]
        #expect(lycee.name == "Lycée \"Paul Éluard\"")
        #expect(lycee.type == .lycee && lycee.departement == "93" && lycee.commune == "Saint-Denis")
        #expect(parsed.establishments[0].type == .college && parsed.establishments[0].departement == "95")
    }

    @Test func header_variants_bom_and_crlf_are_accepted() throws {
        let csv = "\u{FEFF}Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;Code_departement\r\n"
            + "0951099D;Collège Jean Moulin;Collège;Sarcelles;95\r\n"
        let parsed = try EstablishmentDirectory.parse(Data(csv.utf8))
        #expect(parsed.establishments.map(\.uai.code) == ["0951099D"])
        let other = "UAI,Appellation officielle,Commune\n0951099D,Collège Jean Moulin,Sarcelles\n"
        let parsedOther = try EstablishmentDirectory.parse(Data(other.utf8))
        #expect(parsedOther.establishments.first?.departement == "95")
    }

    @Test func bad_rows_are_rejected_with_line_and_reason() throws {
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099E;Collège à la mauvaise lettre;Collège;Sarcelles;95
            ;Sans code;Collège;Sarcelles;95
            0930001W;;Lycée;Saint-Denis;93
            0940001R;Collège sans commune;Collège;;94
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            0951099D;Collège Jean Moulin (doublon);Collège;Sarcelles;95
            """
        let parsed = try EstablishmentDirectory.parse(Data(csv.utf8))
        #expect(parsed.establishments.count == 1)
        #expect(parsed.rejections.map(\.line) == [2, 3, 4, 5, 7])
        #expect(parsed.rejections[0].reason.contains("« D »"))
        #expect(parsed.rejections[1].reason.contains("vide"))
        #expect(parsed.rejections[4].reason.contains("ligne 6"))
    }

    @Test func files_that_are_not_the_directory_are_refused() {
        #expect(throws: DirectoryError.empty) { try EstablishmentDirectory.parse(Data()) }
        #expect(throws: DirectoryError.missingColumns(["identifiant_de_l_etablissement", "nom_etablissement", "nom_commune"])) {
            try EstablishmentDirectory.parse(Data("a;b;c\n1;2;3\n".utf8))
        }
    }

    @Test func csv_reader_handles_quotes_and_newlines_in_fields() {
        let records = CSVReader(separator: ";").records("a;\"b;c\";\"d\ne\"\n\nx;y;z")
        #expect(records == [["a", "b;c", "d\ne"], ["x", "y", "z"]])
    }
}
