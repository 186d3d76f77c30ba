import Core
import Foundation
import Testing

struct EditionLifecycleTests {
    static let now = ParisTime.parse("2022-02-01T10:00")!

    static func edition(state: EditionState = .draft, deadline: String = "2022-03-31T23:59:59") -> Edition {
        Edition(
            id: 1, number: 8, year: 2022, theme: "Autonomies, Mobilités et Persévérance",
            weekStart: CalendarDay(year: 2022, month: 4, day: 11), weekEnd: CalendarDay(year: 2022, month: 4, day: 16),
            submissionOpensAt: ParisTime.parse("2022-01-10T08:00")!, submissionDeadline: ParisTime.parse(deadline)!,
            categories: [Category(code: "college", label: "Collèges")],
            criteria: [Criterion(code: "theme", label: "Respect du thème", weight: 1, scale: .init(min: 0, max: 5))],
            state: state)
    }

    @Test func the_normal_path_goes_forward_one_step_at_a_time() throws {
        var edition = Self.edition()
        for target in [EditionState.open, .closed, .judging, .deliberation, .published, .archived] {
            edition = try EditionLifecycle.move(edition, to: target, now: Self.now)
            #expect(edition.state == target)
        }
    }

    @Test func skipping_a_step_is_refused_with_a_reason() {
        #expect(throws: LifecycleError.notAllowed(from: .draft, to: .judging)) {
            try EditionLifecycle.check(Self.edition(), to: .judging, now: Self.now)
        }
        let message = LifecycleError.notAllowed(from: .draft, to: .judging).message
        #expect(message.contains("« Brouillon »") && message.contains("« Dépôts ouverts »"))
        #expect(throws: LifecycleError.notAllowed(from: .published, to: .open)) {
            try EditionLifecycle.check(Self.edition(state: .published), to: .open, now: Self.now)
        }
    }

    @Test func moving_to_the_same_state_is_refused() {
        #expect(throws: LifecycleError.sameState(.open)) { try EditionLifecycle.check(Self.edition(state: .open), to: .open, now: Self.now) }
    }

    @Test func opening_needs_a_future_deadline_and_a_consistent_edition() {
        #expect(throws: LifecycleError.deadlinePassed) {
            try EditionLifecycle.check(Self.edition(deadline: "2022-01-31T23:59"), to: .open, now: Self.now)
        }
        var empty = Self.edition()
        empty.criteria = []
        #expect(throws: LifecycleError.invalidEdition(["Aucun critère de notation n’est défini."])) {
            try EditionLifecycle.check(empty, to: .open, now: Self.now)
        }
    }

    @Test func backward_moves_are_the_documented_ones() throws {
        #expect(EditionLifecycle.allowedMoves(from: .closed).contains(.open))
        #expect(EditionLifecycle.allowedMoves(from: .published).contains(.deliberation))
        #expect(!EditionLifecycle.allowedMoves(from: .judging).contains(.open))
        // Reopening after the deadline makes no sense: refused.
        #expect(throws: LifecycleError.deadlinePassed) {
            try EditionLifecycle.check(Self.edition(state: .closed), to: .open, now: ParisTime.parse("2022-04-02T00:00")!)
        }
    }
}

extension EditionLifecycleTests {
    @Test func judging_never_reopens_once_results_were_published() throws {
        let deliberating = Self.edition(state: .deliberation)
        // Before any publication, organisers may send the edition back to the jury.
        #expect(EditionLifecycle.allowedMoves(from: .deliberation, everPublished: false).contains(.judging))
        #expect(throws: Never.self) { try EditionLifecycle.check(deliberating, to: .judging, now: Self.now) }
        // After one (even unpublished since, to fix the palmarès), judging is neither offered nor accepted.
        #expect(EditionLifecycle.allowedMoves(from: .deliberation, everPublished: true) == [.published])
        #expect(throws: LifecycleError.judgingClosedAfterPublication) {
            try EditionLifecycle.check(deliberating, to: .judging, now: Self.now, everPublished: true)
        }
        #expect(LifecycleError.judgingClosedAfterPublication.message.contains("ne peut plus rouvrir"))
        // The palmarès can still be corrected and published again.
        #expect(throws: Never.self) { try EditionLifecycle.check(Self.edition(state: .published), to: .deliberation, now: Self.now, everPublished: true) }
    }
}
