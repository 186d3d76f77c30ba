import Core
import Foundation
import Testing

struct EditionFileTests {
    static var shippedFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/editions/2022-8e-edition.json")
    }

    @Test func the_shipped_2022_edition_matches_the_rectors_letter() throws {
        let data = try Data(contentsOf: Self.shippedFile)
        let edition = try EditionFile.decode(data).edition()
        #expect(edition.number == 8 && edition.year == 2022)
        #expect(edition.theme == "Autonomies, Mobilités et Persévérance")
        #expect(edition.weekStart == CalendarDay(year: 2022, month: 4, day: 11))
        #expect(edition.weekEnd == CalendarDay(year: 2022, month: 4, day: 16))
        #expect(edition.forumDay == CalendarDay(year: 2022, month: 4, day: 8))
        // « avant le 1er avril 2022 »: the last accepted instant is 31 March, 23:59:59 in Paris (21:59:59 UTC, summer time).
        #expect(ParisTime.localISO(edition.submissionDeadline) == "2022-03-31T23:59:59")
        #expect(edition.submissionDeadline.timeIntervalSince1970 == 1_648_763_999)
        #expect(edition.categories.map(\.code) == ["college", "lycee", "dispositifs"])
        #expect(edition.criteria.count == 4)
        #expect(edition.state == .draft)
        #expect(ParisTime.weekRange(edition.weekStart, edition.weekEnd) == "du lundi 11 au samedi 16 avril 2022")
        #expect(ParisTime.longDateTime(edition.submissionDeadline) == "jeudi 31 mars 2022 à 23 h 59")
    }

    @Test func bad_files_get_french_reasons() {
        #expect(throws: EditionFileError.invalid("ce n’est pas un JSON valide")) { try EditionFile.decode(Data("{".utf8)) }
        #expect(throws: EditionFileError.invalid("champ obligatoire manquant : « theme »")) {
            try EditionFile.decode(Data(#"{"number": 8, "year": 2022}"#.utf8))
        }
    }

    @Test func the_demo_shift_opens_entries_now_and_keeps_weekdays() throws {
        let edition = try EditionFile.decode(Data(contentsOf: Self.shippedFile)).edition()
        let now = ParisTime.parse("2026-11-23T10:00")!
        let shifted = edition.shiftedForDemo(now: now)
        #expect(shifted.submissionOpensAt < now && shifted.submissionDeadline > now)
        #expect(shifted.year == 2022 && shifted.theme == edition.theme)
        #expect(ParisTime.weekRange(shifted.weekStart, shifted.weekEnd).hasPrefix("du lundi"))
        #expect(ParisTime.localISO(shifted.submissionDeadline).hasSuffix("T23:59:59"))
    }

    @Test func paris_time_parses_local_and_offset_forms() {
        #expect(ParisTime.parse("2022-03-31T23:59") == ParisTime.parse("2022-03-31T21:59:00Z"))
        #expect(ParisTime.parse("2022-01-10 08:00") == ParisTime.parse("2022-01-10T07:00:00Z"))
        #expect(ParisTime.parse("2022-02-30T10:00") == nil)
        #expect(ParisTime.parse("demain") == nil)
        #expect(ParisTime.longDay(CalendarDay(year: 2022, month: 4, day: 1)) == "vendredi 1er avril 2022")
    }
}
