import Core
import Foundation
import Testing

struct RetentionTests {
    let published = ParisTime.parse("2022-04-20T10:00")!

    @Test func due_dates_are_whole_months_after_publication_in_paris_time() throws {
        let schedule = RetentionPolicy(personalDataMonths: 12, nonAwardedOriginalsMonths: 6).schedule(state: .published, publishedAt: published)
        #expect(schedule.personalDataDueAt == ParisTime.parse("2023-04-20T10:00"))
        // Across the autumn change of time: still 10:00 in Paris.
        #expect(schedule.nonAwardedOriginalsDueAt == ParisTime.parse("2022-10-20T10:00"))
        #expect(!schedule.isDue(.personalData, now: ParisTime.parse("2023-04-20T09:59")!))
        #expect(schedule.isDue(.personalData, now: ParisTime.parse("2023-04-20T10:00")!))
    }

    @Test func a_month_end_becomes_the_last_day_of_a_shorter_month() throws {
        let endOfJanuary = ParisTime.parse("2023-01-31T12:00")!
        #expect(Retention.adding(months: 1, to: endOfJanuary) == ParisTime.parse("2023-02-28T12:00"))
        #expect(Retention.adding(months: 13, to: endOfJanuary) == ParisTime.parse("2024-02-29T12:00"))
        #expect(Retention.adding(months: 3, to: endOfJanuary) == ParisTime.parse("2023-04-30T12:00"))
    }

    @Test func zero_months_is_due_at_publication() throws {
        let policy = RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 0)
        let record = RetentionRecord(editionId: 1, publishedAt: published)
        #expect(Retention.pending(policy: policy, state: .published, record: record, now: published) == [.personalData, .nonAwardedOriginals])
        #expect(Retention.pending(policy: policy, state: .published, record: record, now: published.addingTimeInterval(-1)).isEmpty)
    }

    @Test func unpublished_editions_are_never_due() throws {
        let policy = RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 0)
        let far = ParisTime.parse("2040-01-01T00:00")!
        for state in EditionState.allCases where state != .published && state != .archived {
            // Even with a publication recorded (an edition moved back to deliberation).
            let record = RetentionRecord(editionId: 1, publishedAt: published)
            #expect(Retention.pending(policy: policy, state: state, record: record, now: far).isEmpty, "\(state)")
            #expect(policy.schedule(state: state, publishedAt: published).personalDataDueAt == nil)
        }
        #expect(Retention.pending(policy: policy, state: .published, record: nil, now: far).isEmpty)
        #expect(Retention.pending(policy: policy, state: .archived, record: RetentionRecord(editionId: 1, publishedAt: published), now: far).count == 2)
    }

    @Test func a_task_done_is_not_due_again() throws {
        let policy = RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 24)
        let record = RetentionRecord(editionId: 1, publishedAt: published, personalDataPurgedAt: published)
        let later = ParisTime.parse("2023-01-01T00:00")!
        #expect(Retention.pending(policy: policy, state: .published, record: record, now: later).isEmpty)
        #expect(Retention.pending(policy: policy, state: .published, record: record, now: ParisTime.parse("2024-04-20T10:00")!) == [.nonAwardedOriginals])
    }

    @Test func settings_are_validated_in_french_and_default_to_twelve_months() throws {
        #expect(RetentionPolicy().personalDataMonths == 12 && RetentionPolicy().nonAwardedOriginalsMonths == 12)
        #expect(RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 120).validationProblems().isEmpty)
        let problems = RetentionPolicy(personalDataMonths: -1, nonAwardedOriginalsMonths: 121).validationProblems()
        #expect(problems == [
            "retention.personalDataMonths doit être un nombre de mois entre 0 et 120 (reçu -1)",
            "retention.nonAwardedOriginalsMonths doit être un nombre de mois entre 0 et 120 (reçu 121)",
        ])
        let partial = try JSONDecoder().decode(RetentionPolicy.self, from: Data(#"{"personalDataMonths": 3}"#.utf8))
        #expect(partial == RetentionPolicy(personalDataMonths: 3, nonAwardedOriginalsMonths: 12))
    }

    @Test func labels_are_long_french_dates_and_addresses_are_masked() throws {
        #expect(Retention.erasedLabel(ParisTime.parse("2023-05-04T23:30")!) == "effacé le jeudi 4 mai 2023")
        #expect(Retention.deletedLabel(ParisTime.parse("2023-05-01T00:30")!) == "supprimé le lundi 1er mai 2023")
        #expect(Retention.masked(email: "claire.durand@ac-creteil.fr") == "c•••@ac-creteil.fr")
        #expect(Retention.masked(email: "nonsense") == "•••")
    }
}
