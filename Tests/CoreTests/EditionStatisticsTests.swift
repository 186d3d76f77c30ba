import Core
import Foundation
import Testing

/// The statistics for the académie's report: what counts where, days in Paris time, the grace period, jury progress.
@Suite struct EditionStatisticsTests {
    /// The shipped 2022 categories, opening on Sunday 20 March 2022 08:00 and closing on Thursday 31 March 23:59:59
    /// (Paris time): daylight saving time starts in between, on Sunday 27 March at 02:00.
    static func edition(opens: String = "2022-03-20T08:00", deadline: String = "2022-03-31T23:59:59") -> Edition {
        Edition(
            number: 8, year: 2022, theme: "Thème", weekStart: CalendarDay(year: 2022, month: 4, day: 11), weekEnd: CalendarDay(year: 2022, month: 4, day: 16),
            submissionOpensAt: ParisTime.parse(opens)!, submissionDeadline: ParisTime.parse(deadline)!,
            categories: [Category(code: "college", label: "Collèges"), Category(code: "lycee", label: "Lycées"), Category(code: "dispositifs", label: "Dispositifs")],
            criteria: [])
    }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func entry(
        _ id: Int64, at date: Date, category: String = "college", school: String = "0770001H", departement: String = "77",
        type: EstablishmentType = .college, status: EntryStatus = .active, eligibility: Eligibility = .eligible
    ) -> StatisticsInput.EntryFact {
        StatisticsInput.EntryFact(
            id: id, status: status, eligibility: eligibility, createdAt: date, categoryCode: category, establishment: school, departement: departement,
            establishmentType: type)
    }

    static let afterDeadline = utc("2022-04-05T10:00:00Z")

    @Test func no_entries_gives_zeros_and_no_palmares_line() {
        let s = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: [], jurors: [], ballots: []), now: Self.afterDeadline)
        #expect(s.received == 0 && s.inCompetition == 0 && s.establishments == 0)
        #expect(s.byDepartement.isEmpty && s.byEstablishmentType.isEmpty)
        // Every category of the edition is listed, even with nothing in it.
        #expect(s.byCategory == [Tally("college", 0), Tally("lycee", 0), Tally("dispositifs", 0)])
        #expect(s.eligibility == EligibilityCounts())
        // 20 to 31 March: twelve days, all empty.
        #expect(s.days.days.count == 12 && s.days.inWindow == 0 && s.days.reachesDeadline && s.days.busiest == nil)
        #expect(s.jury == JuryProgress(submitted: 0, expected: 0) && s.jury.percent == nil)
        #expect(s.participation.summary == nil)
    }

    @Test func one_entry_is_counted_once_everywhere() {
        let at = Self.utc("2022-03-22T09:00:00Z")
        let s = EditionStatistics(
            edition: Self.edition(), input: StatisticsInput(entries: [Self.entry(1, at: at)], jurors: [], ballots: []), now: Self.afterDeadline)
        #expect(s.received == 1 && s.inCompetition == 1 && s.establishments == 1)
        #expect(s.byDepartement == [Tally("77", 1)])
        #expect(s.byEstablishmentType == [Tally(EstablishmentType.college, 1)])
        #expect(s.byCategory == [Tally("college", 1), Tally("lycee", 0), Tally("dispositifs", 0)])
        #expect(s.days.days.first { $0.count > 0 } == Tally(CalendarDay(year: 2022, month: 3, day: 22), 1))
        #expect(s.participation == Participation(entries: 1, establishments: 1))
        #expect(s.participation.summary == "1\u{00A0}affiche de 1\u{00A0}établissement")
    }

    @Test func days_are_paris_days_across_daylight_saving_time_and_the_deadline_is_inclusive() {
        let entries = [
            // 23:30 UTC on Saturday 26 March is 00:30 on Sunday 27 March in Paris (still UTC+1).
            Self.entry(1, at: Self.utc("2022-03-26T23:30:00Z")),
            // 22:30 UTC on Sunday 27 March is 00:30 on Monday 28 March in Paris (now UTC+2).
            Self.entry(2, at: Self.utc("2022-03-27T22:30:00Z")),
            // The deadline itself (23:59:59 Paris = 21:59:59 UTC) still counts on 31 March.
            Self.entry(3, at: Self.utc("2022-03-31T21:59:59Z")),
            // 23:00 Paris on the deadline day.
            Self.entry(4, at: Self.utc("2022-03-31T21:00:00Z")),
        ]
        let s = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: entries, jurors: [], ballots: []), now: Self.afterDeadline)
        let counted = s.days.days.filter { $0.count > 0 }
        #expect(
            counted == [
                Tally(CalendarDay(year: 2022, month: 3, day: 27), 1), Tally(CalendarDay(year: 2022, month: 3, day: 28), 1),
                Tally(CalendarDay(year: 2022, month: 3, day: 31), 2),
            ])
        #expect(s.days.days.first?.key == CalendarDay(year: 2022, month: 3, day: 20) && s.days.days.last?.key == CalendarDay(year: 2022, month: 3, day: 31))
        #expect(s.days.days.count == 12 && s.days.afterDeadline.isEmpty && s.days.late == 0)
    }

    @Test func grace_period_entries_are_reported_apart_by_day() {
        let entries = [
            Self.entry(1, at: Self.utc("2022-03-31T20:00:00Z")),
            // One second after the deadline, and 00:10 on 1 April in Paris: the grace period.
            Self.entry(2, at: Self.utc("2022-03-31T22:00:00Z")),
            Self.entry(3, at: Self.utc("2022-03-31T22:10:00Z")),
        ]
        let s = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: entries, jurors: [], ballots: []), now: Self.afterDeadline)
        #expect(s.days.inWindow == 1 && s.days.days.last == Tally(CalendarDay(year: 2022, month: 3, day: 31), 1))
        #expect(s.days.afterDeadline == [Tally(CalendarDay(year: 2022, month: 4, day: 1), 2)])
        // The day-by-day series, the late days and the early ones add up to every entry received.
        #expect(s.days.inWindow + s.days.late + s.days.beforeOpening == s.received)
    }

    @Test func while_entries_are_open_the_series_stops_today() {
        let now = ParisTime.parse("2022-03-24T15:00")!
        let s = EditionStatistics(
            edition: Self.edition(), input: StatisticsInput(entries: [Self.entry(1, at: Self.utc("2022-03-24T09:00:00Z"))], jurors: [], ballots: []),
            now: now)
        #expect(s.days.days.count == 5 && !s.days.reachesDeadline)
        #expect(s.days.days.last == Tally(CalendarDay(year: 2022, month: 3, day: 24), 1))
        // Before the opening there is no series at all.
        let early = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: [], jurors: [], ballots: []), now: ParisTime.parse("2022-03-01T10:00")!)
        #expect(early.days.days.isEmpty)
    }

    @Test func withdrawn_and_cancelled_entries_count_only_as_received() {
        let at = Self.utc("2022-03-22T09:00:00Z")
        let entries = [
            Self.entry(1, at: at, school: "0930101E", departement: "93"),
            Self.entry(2, at: at, school: "0930101E", departement: "93", eligibility: .pending),
            Self.entry(3, at: at, category: "lycee", school: "0940312D", departement: "94", type: .lycee, eligibility: .ineligible(reason: "")),
            Self.entry(4, at: at, school: "0770001H", departement: "77", status: .withdrawn),
            Self.entry(5, at: at, category: "dispositifs", school: "0940401A", departement: "94", type: .dispositif, status: .cancelled),
            Self.entry(6, at: at, category: "lycee", school: "0930134R", departement: "93", type: .lyceeProfessionnel),
        ]
        let s = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: entries, jurors: [], ballots: []), now: Self.afterDeadline)
        #expect(s.statuses == StatusCounts(active: 4, withdrawn: 1, cancelled: 1) && s.received == 6)
        // Départements: most first; 77 had only a withdrawn entry.
        #expect(s.byDepartement == [Tally("93", 3), Tally("94", 1)])
        #expect(s.byEstablishmentType == [Tally(EstablishmentType.college, 2), Tally(.lycee, 1), Tally(.lyceeProfessionnel, 1)])
        #expect(s.byCategory == [Tally("college", 2), Tally("lycee", 2), Tally("dispositifs", 0)])
        #expect(s.eligibility == EligibilityCounts(pending: 1, eligible: 2, ineligible: 1))
        #expect(s.establishments == 3)
        // Every entry received is in the day-by-day series, whatever became of it.
        #expect(s.days.inWindow == 6)
        #expect(s.participation == Participation(entries: 2, establishments: 2))
        #expect(s.participation.summary == "2\u{00A0}affiches de 2\u{00A0}établissements")
    }

    @Test func jury_progress_leaves_out_conflicts_drafts_and_posters_the_jury_does_not_see() {
        let at = Self.utc("2022-03-22T09:00:00Z")
        let entries = [
            Self.entry(1, at: at, school: "0770001H"),
            Self.entry(2, at: at, school: "0940301S"),
            Self.entry(3, at: at, category: "lycee", school: "0770012V", type: .lycee),
            Self.entry(4, at: at, category: "lycee", school: "0930112S", type: .lycee, eligibility: .pending),
            Self.entry(5, at: at, category: "lycee", school: "0930112S", type: .lycee, status: .withdrawn),
        ]
        let jurors = [
            StatisticsInput.JurorFact(id: 10, conflicts: []),
            StatisticsInput.JurorFact(id: 11, conflicts: ["0940301S"]),
        ]
        let ballots = [
            StatisticsInput.BallotFact(entryId: 1, jurorId: 10, submitted: true),
            StatisticsInput.BallotFact(entryId: 2, jurorId: 10, submitted: true),
            StatisticsInput.BallotFact(entryId: 3, jurorId: 10, submitted: false),
            StatisticsInput.BallotFact(entryId: 1, jurorId: 11, submitted: true),
            // A conflicted ballot is set aside, a ballot on an entry still to check or withdrawn is not the jury's.
            StatisticsInput.BallotFact(entryId: 2, jurorId: 11, submitted: true),
            StatisticsInput.BallotFact(entryId: 4, jurorId: 11, submitted: true),
            StatisticsInput.BallotFact(entryId: 5, jurorId: 11, submitted: true),
            // A disabled juror (not among the jurors) does not count.
            StatisticsInput.BallotFact(entryId: 3, jurorId: 12, submitted: true),
        ]
        let s = EditionStatistics(edition: Self.edition(), input: StatisticsInput(entries: entries, jurors: jurors, ballots: ballots), now: Self.afterDeadline)
        // Collèges: 2 posters × 2 jurors − 1 conflict = 3 expected; 3 submitted. Lycées: 1 poster × 2 = 2; none submitted.
        #expect(s.jury(category: "college") == JuryProgress(submitted: 3, expected: 3))
        #expect(s.jury(category: "lycee") == JuryProgress(submitted: 0, expected: 2))
        #expect(s.jury(category: "dispositifs") == JuryProgress(submitted: 0, expected: 0))
        #expect(s.jury == JuryProgress(submitted: 3, expected: 5) && s.jury.percent == 60 && s.jurors == 2)
    }

    @Test func large_figures_are_grouped_in_the_palmares_line() {
        #expect(Participation(entries: 5000, establishments: 1).summary == "5\u{202F}000\u{00A0}affiches de 1\u{00A0}établissement")
        #expect(Participation(entries: 214, establishments: 97).summary == "214\u{00A0}affiches de 97\u{00A0}établissements")
    }
}
