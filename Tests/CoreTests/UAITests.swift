import Core
import Testing

struct UAITests {
    @Test(arguments: ["0951099D", "0771234Y", "0930001W", "0940001R", " 0951099d "])
    func accepts_valid_codes(_ raw: String) throws {
        let uai = try UAI(raw)
        #expect(uai.code == raw.trimmingCharacters(in: .whitespaces).uppercased())
    }

    @Test func check_letter_follows_the_mod_23_rule() {
        // 951099 = 23 × 41352 + 3 → D (4th letter).
        #expect(UAI.checkLetter(for: "0951099") == "D")
        #expect(UAI.checkLetter(for: "0000000") == "A")
        #expect(UAI.checkLetter(for: "0000008") == "J")  // I is skipped
        #expect(UAI.checkLetter(for: "095109") == nil)
    }

    @Test func wrong_letter_names_the_expected_one() {
        #expect(throws: UAIError.wrongLetter("0951099E", expected: "D")) { try UAI("0951099E") }
        let error = UAIError.wrongLetter("0951099E", expected: "D")
        #expect(error.message.contains("« D »"))
    }

    @Test func malformed_codes_are_refused() throws {
        #expect(throws: UAIError.empty) { try UAI("  ") }
        #expect(throws: UAIError.wrongLength("095109D")) { try UAI("095109D") }
        #expect(throws: UAIError.wrongLength("0951099DD")) { try UAI("0951099DD") }
        #expect(throws: UAIError.notDigits("09510X9D")) { try UAI("09510X9D") }
        // Eight bytes with the letter first, or a lower-case letter, leave the fast path for the full check.
        #expect(throws: UAIError.notDigits("D0951099")) { try UAI("D0951099") }
        #expect(try UAI("0951099d").code == "0951099D")
    }

    /// The fast path (a stored, normalised code) and the full check agree on every code of a range.
    @Test func fast_path_agrees_with_the_full_check() throws {
        for n in 951_000..<951_200 {
            let digits = String(format: "%07d", n)
            for letter in Array("ABCDE") + [UAI.checkLetter(for: digits) ?? "A"] {
                let raw = digits + String(letter)
                let expected = UAI.checkLetter(for: digits) == letter
                #expect(((try? UAI(raw)) != nil) == expected, "\(raw)")
            }
        }
    }

    @Test func departement_hint_drops_the_leading_zero() throws {
        #expect(try UAI("0951099D").departementHint == "95")
        #expect(try UAI("0771234Y").departementHint == "77")
    }
}
