import Core
import Foundation
import Testing

struct DeliberationTests {
    static func result(_ id: Int64, score: Double?, first: Double = 3, median: Double = 3) -> Ranking.EntryResult {
        Ranking.EntryResult(
            entryId: id, score: score, rawScore: score, ballotCount: score == nil ? 0 : 3, spread: 0, median: score == nil ? nil : median,
            criterionMeans: ["theme": first])
    }

    @Test func ties_are_broken_by_first_criterion_then_median_then_organisers() {
        let results = [
            Self.result(1, score: 3.5, first: 3, median: 3),
            Self.result(2, score: 4.0),
            Self.result(3, score: 3.5, first: 4, median: 3),  // beats 1 on the first criterion
            Self.result(4, score: 3.5, first: 3, median: 3.5),  // beats 1 on the median
            Self.result(5, score: nil),
        ]
        let ranked = Deliberation.rank(results, firstCriterion: "theme")
        #expect(ranked.map(\.result.entryId) == [2, 3, 4, 1, 5])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(ranked.map(\.tieBreak) == [nil, nil, .firstCriterion, .median, nil])
    }

    @Test func full_ties_stay_ex_aequo_until_organisers_decide() {
        let results = [Self.result(7, score: 3), Self.result(8, score: 3), Self.result(9, score: 2)]
        let undecided = Deliberation.rank(results, firstCriterion: "theme")
        #expect(undecided.map(\.rank) == [1, 1, 3])
        #expect(undecided[1].tieBreak == .exAequo)
        let decided = Deliberation.rank(results, firstCriterion: "theme", manualOrder: [8: 1, 7: 2])
        #expect(decided.map(\.result.entryId) == [8, 7, 9])
        #expect(decided.map(\.rank) == [1, 2, 3])
        #expect(decided[1].tieBreak == .organisers)
        #expect(Deliberation.TieBreak.organisers.label == "départagé par décision des organisateurs")
    }

    static func edition(state: EditionState = .deliberation) -> Edition {
        var edition = EditionLifecycleTests.edition(state: state)
        edition.prizes = [
            PrizeDefinition(code: "premier", label: "1er prix", perCategory: true, rank: 1),
            PrizeDefinition(code: "deuxieme", label: "2e prix", perCategory: true, rank: 2),
            PrizeDefinition(code: "coeur", label: "Coup de cœur", perCategory: false, rank: 5),
        ]
        return edition
    }

    static func entry(_ id: Int64, eligibility: Eligibility = .eligible, status: EntryStatus = .active) -> Entry {
        Entry(
            id: id, editionId: 1, reference: "2022-AAAAA\(id)", establishment: try! UAI("0951099D"), categoryCode: "college",
            details: EntryDetails(title: "T", statement: "S", classLabel: "4e B", studentCount: 20, teacherName: "X", teacherEmail: "x@y.fr"),
            consent: Consent(imageRights: true, authorsRights: true, publicGallery: true, recordedAt: Date()),
            poster: PosterFile(hash: "h", originalPath: "o", format: "jpeg", byteCount: 1, width: 1, height: 1, thumbnailPath: "t", previewPath: "p", originalFileName: "f"),
            status: status, eligibility: eligibility, createdAt: Date(), updatedAt: Date())
    }

    static func award(_ prize: String, entry: Int64, category: String? = "college") -> Award {
        Award(editionId: 1, prizeCode: prize, categoryCode: category, entryId: entry, reason: nil, assignedBy: "o", assignedAt: Date())
    }

    @Test func prizes_follow_the_rules() throws {
        let edition = Self.edition()
        try PrizeRules.check(prizeCode: "premier", entry: Self.entry(1), rank: 1, reason: nil, edition: edition, existing: [])
        #expect(throws: PrizeError.notDeliberating) {
            try PrizeRules.check(prizeCode: "premier", entry: Self.entry(1), rank: 1, reason: nil, edition: Self.edition(state: .judging), existing: [])
        }
        #expect(throws: PrizeError.notEligible) {
            try PrizeRules.check(prizeCode: "premier", entry: Self.entry(1, eligibility: .pending), rank: 1, reason: nil, edition: edition, existing: [])
        }
        #expect(throws: PrizeError.notEligible) {
            try PrizeRules.check(prizeCode: "premier", entry: Self.entry(1, status: .withdrawn), rank: 1, reason: nil, edition: edition, existing: [])
        }
        #expect(throws: PrizeError.unknownPrize) {
            try PrizeRules.check(prizeCode: "or", entry: Self.entry(1), rank: 1, reason: nil, edition: edition, existing: [])
        }
        #expect(throws: PrizeError.alreadyAwarded("1er prix")) {
            try PrizeRules.check(prizeCode: "premier", entry: Self.entry(2), rank: 1, reason: "x", edition: edition, existing: [Self.award("premier", entry: 1)])
        }
        #expect(throws: PrizeError.entryHasPrize) {
            try PrizeRules.check(prizeCode: "coeur", entry: Self.entry(1), rank: 1, reason: nil, edition: edition, existing: [Self.award("premier", entry: 1)])
        }
        // Out of ranking order: only with a reason.
        #expect(throws: PrizeError.reasonRequired(prize: "1er prix", rank: 2)) {
            try PrizeRules.check(prizeCode: "premier", entry: Self.entry(2), rank: 2, reason: " ", edition: edition, existing: [])
        }
        try PrizeRules.check(prizeCode: "premier", entry: Self.entry(2), rank: 2, reason: "Message plus fort", edition: edition, existing: [])
        // Edition-wide prizes do not follow the ranking.
        try PrizeRules.check(prizeCode: "coeur", entry: Self.entry(3), rank: 3, reason: nil, edition: edition, existing: [])
    }
}
