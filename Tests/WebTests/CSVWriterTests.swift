import Core
import Foundation
import Testing

@testable import Web

struct CSVWriterTests {
    @Test(arguments: ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\r\n=1+1", "=\u{301}1"])
    func text_that_starts_like_a_formula_gets_a_quote(_ payload: String) {
        var writer = CSVWriter()
        writer.append([.text(payload), .text("fin")])
        let text = String(decoding: writer.data.dropFirst(3), as: UTF8.self)
        let records = CSVReader(separator: ";").records(text)
        #expect(records == [["'" + payload, "fin"]])
    }

    @Test func the_quote_goes_inside_the_quoted_field() {
        #expect(CSVWriter.field(.text("=HYPERLINK(\"http://evil.example\",\"x\")")) == "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")
        #expect(CSVWriter.field(.text("-")) == "'-")
    }

    @Test func ordinary_text_is_untouched() {
        for value in ["Bouger ensemble", "4e B", "durand@ac-creteil.fr", "Saint-Denis", "'déjà cité'", ""] {
            #expect(CSVWriter.field(.text(value)) == value)
        }
        #expect(CSVWriter.field(.text("Bouger; \"oser\"")) == "\"Bouger; \"\"oser\"\"\"")
    }

    @Test func numbers_the_service_writes_stay_numbers() {
        for value in ["-0,35", "-1", "4,25", "12", "0.5", ""] {
            #expect(CSVWriter.field(.number(value)) == value)
        }
    }

    @Test func a_number_cell_holding_anything_else_is_neutralised_as_text() {
        #expect(CSVWriter.field(.number("-1+1")) == "'-1+1")
        #expect(CSVWriter.field(.number("=1")) == "'=1")
        #expect(CSVWriter.field(.number("-")) == "'-")
        #expect(CSVWriter.field(.number("1,2,3")) == "1,2,3")
    }

    @Test func rows_end_with_crlf_after_a_bom() {
        var writer = CSVWriter()
        writer.append([.text("a"), .number("-2")])
        writer.append([.text("b"), .number("3,5")])
        #expect(writer.data == Data("\u{FEFF}a;-2\r\nb;3,5\r\n".utf8))
    }
}
