import Core
import Testing

@Suite struct FrenchTextTests {
    @Test func counts_use_french_singular_and_a_no_break_space() {
        #expect(FrenchTypography.count(0, "affiche", "affiches") == "0\u{00A0}affiche")
        #expect(FrenchTypography.count(1, "affiche", "affiches") == "1\u{00A0}affiche")
        #expect(FrenchTypography.count(2, "affiche", "affiches") == "2\u{00A0}affiches")
        #expect(FrenchTypography.count(5000, "affiche", "affiches") == "5\u{202F}000\u{00A0}affiches")
    }

    @Test func decimals_take_a_comma_and_no_trailing_zero() {
        #expect(FrenchTypography.decimal(1) == "1")
        #expect(FrenchTypography.decimal(1.5) == "1,5")
        #expect(FrenchTypography.decimal(0.25) == "0,25")
        #expect(FrenchTypography.decimal(2.05) == "2,05")
        #expect(FrenchTypography.decimal(-0.5) == "-0,5")
        #expect(FrenchTypography.decimal(12345.678) == "12\u{202F}345,68")
    }

    @Test func ordinals_and_quotes() {
        #expect(FrenchTypography.ordinal(1) == "1er")
        #expect(FrenchTypography.ordinal(1, feminine: true) == "1re")
        #expect(FrenchTypography.ordinal(8) == "8e")
        #expect(FrenchTypography.quoted("Autonomies") == "«\u{00A0}Autonomies\u{00A0}»")
        #expect(FrenchTypography.grouped(1000) == "1\u{202F}000")
        #expect(FrenchTypography.grouped(999) == "999")
        #expect(FrenchTypography.grouped(-25000) == "-25\u{202F}000")
    }
}

/// Ordinals found for the pages to raise their suffixes (`FrenchTypography.pieces`).
struct OrdinalPiecesTests {
    @Test func ordinals_are_cut_out_only_where_a_word_starts_and_ends() {
        typealias P = FrenchTypography.Piece
        #expect(FrenchTypography.pieces("1er prix, 2e prix et 3es ex aequo") == [
            P.ordinal(number: "1", suffix: "er"), .text(" prix, "), .ordinal(number: "2", suffix: "e"), .text(" prix et "),
            .ordinal(number: "3", suffix: "es"), .text(" ex aequo"),
        ])
        #expect(FrenchTypography.pieces("la 8e édition (2022)") == [.text("la "), .ordinal(number: "8", suffix: "e"), .text(" édition (2022)")])
        #expect(FrenchTypography.pieces("les 1ers et les 1res") == [
            .text("les "), .ordinal(number: "1", suffix: "ers"), .text(" et les "), .ordinal(number: "1", suffix: "res"),
        ])
        // Not an ordinal: inside a word, a number followed by a longer word, a plain number.
        #expect(FrenchTypography.pieces("salle A12e, 12 élèves, 4eme, 12") == [.text("salle A12e, 12 élèves, 4eme, 12")])
        #expect(FrenchTypography.pieces("sans chiffre") == [.text("sans chiffre")])
        #expect(FrenchTypography.pieces("2e") == [.ordinal(number: "2", suffix: "e")])
    }
}
