import Core
import Foundation
import Hummingbird

/// `admin/deliberation`: ranked entries with identities, scores and prize forms, paged (ranks stay those of the whole
/// category), and the prizes given so far.
struct DeliberationPage: PageModel {
    struct PrizeChoice: Encodable, Sendable {
        let code: String
        let label: String
        let suggested: Bool
    }

    struct Row: Encodable, Sendable {
        let id: Int64
        let rank: Int
        let code: String
        let title: String
        let reference: String
        let establishment: String
        let commune: String
        let uai: String
        let classLabel: Markup
        let score: String
        let raw: String
        let count: Int
        let spread: String
        let disagreement: Bool
        let outOfScale: Bool
        /// « rang 1–3 à 90 % · prix 84 % », when the uncertainty was computed.
        let uncertainty: String?
        let median: String
        let tieBreak: String?
        let isTied: Bool
        let manualPosition: String
        let prize: Markup?
        let prizeReason: String?
        let hasPrize: Bool
        /// No prize is pre-selected below the ranked prizes: the list then starts on « Choisir un prix ».
        let hasSuggestion: Bool
        let prizes: [PrizeChoice]
        /// The reason typed in this row's prize form, kept when the form came back refused.
        let motif: String
        /// Why this row's prize or tie-order form was refused, under the field.
        let prizeError: String?
        let orderError: String?
    }

    /// A prize or tie-order form refused: the page is shown again with the values typed and the reason.
    struct Refusal: Sendable {
        enum Field: Sendable { case prize, order }
        let entryID: Int64
        let field: Field
        let message: String
        let prizeCode: String
        let reason: String
        let order: String
    }

    struct Category: Encodable, Sendable {
        let label: String
        let hasEntries: Bool
        let entries: [Row]
        /// The runs of posters the scores cannot separate (whole category).
        let notices: [String]
    }

    struct Awarded: Encodable, Sendable {
        let prize: Markup
        let category: String
        let code: String
        let title: String
        let establishment: String
        let reason: String?
        let by: String
        let at: Markup
    }

    /// Rows per page at most: each carries its own prize form.
    static let maxPageSize = 100

    let edition: EditionView
    let isDeliberating: Bool
    let isPublished: Bool
    /// The method's label and explanation, the links to the other methods, and its code sent back by every form.
    let methodLabel: String
    let explanation: String
    let readings: [ScoreReading.Link]
    let showsRaw: Bool
    let classement: String
    let categories: [Category]
    /// Set while the rank intervals are computed in the background; the page has forms, so it asks to be reloaded.
    let intervalsPending: String?
    /// A refused form's reason, above the page, linking to the field.
    let errorSummary: ErrorSummary?
    let awarded: [Awarded]
    let hasAwards: Bool
    let firstCriterion: String
    let pagination: PaginationView
    /// The page shown, sent back by every form so that the organiser returns to it.
    let pageNumber: Int
    let pageSize: Int

    init(_ board: DeliberationBoard, query: (String) -> String?, now: Date, refusal: Refusal? = nil) {
        let edition = board.edition
        self.edition = EditionView(edition, now: now)
        isDeliberating = edition.state == .deliberation
        isPublished = edition.state == .published || edition.state == .archived
        methodLabel = board.method.label
        explanation = ScoreReading.explanation(board.method, minimum: edition.jury.normalisationMinimum)
        readings = ScoreReading.links(path: "/organisation/editions/\(edition.year)/deliberation", current: board.method)
        showsRaw = board.method != .rawMean
        classement = ScoreReading.code(board.method)
        intervalsPending = UncertaintyText.pending(board.dashboard.pendingUncertainty, selfUpdating: false)
        let prizes = edition.prizes.sorted { $0.rank < $1.rank }
        func row(_ line: DeliberationBoard.Line) -> Row {
            let refused = refusal.flatMap { $0.entryID == line.entry.id ? $0 : nil }
            let prize = line.award.flatMap { award in edition.prizes.first { $0.code == award.prizeCode } }
            let result = line.ranked.result
            return Row(
                id: line.entry.id ?? 0, rank: line.ranked.rank, code: line.entry.anonymousCode, title: line.entry.details.title,
                reference: line.entry.reference, establishment: line.establishment.name, commune: line.establishment.commune,
                uai: line.establishment.uai.code, classLabel: Markup(line.entry.details.classLabel), score: JuryDashboard.format(result.score),
                raw: JuryDashboard.format(result.rawScore), count: result.ballotCount,
                spread: JuryDashboard.format(result.ballotCount >= 2 ? result.spread : nil), disagreement: line.disagreement,
                outOfScale: line.outOfScale,
                uncertainty: line.interval.map { interval in
                    "rang \(UncertaintyText.interval(interval)) à 90\(FrenchTypography.noBreakSpace)%"
                        + (line.prizeProbability.map { " · prix " + UncertaintyText.probability($0) } ?? "")
                },
                median: JuryDashboard.format(result.median),
                tieBreak: line.ranked.tieBreak?.label, isTied: line.ranked.tieBreak != nil,
                manualPosition: refused?.field == .order ? refused?.order ?? "" : line.manualPosition.map(String.init) ?? "",
                prize: Markup(prize?.label), prizeReason: line.award?.reason, hasPrize: line.award != nil,
                hasSuggestion: refused?.field == .prize
                    ? !(refused?.prizeCode.isEmpty ?? true) : edition.prizes.contains { $0.perCategory && $0.rank == line.ranked.rank },
                prizes: prizes.map { p in
                    PrizeChoice(
                        code: p.code, label: p.label + (p.perCategory ? "" : " (toutes catégories)"),
                        suggested: refused?.field == .prize ? p.code == refused?.prizeCode : p.perCategory && p.rank == line.ranked.rank)
                },
                motif: refused?.field == .prize ? refused?.reason ?? "" : "",
                prizeError: refused?.field == .prize ? refused?.message : nil,
                orderError: refused?.field == .order ? refused?.message : nil)
        }
        // The ranking is computed over every entry; only the rows of this page are built.
        let sections = edition.categories.map { board.categories[$0.code] ?? [] }
        var paging = Paging(page: query("page"), size: query("par"), total: sections.reduce(0) { $0 + $1.count })
        if paging.size > Self.maxPageSize {
            paging = Paging(page: query("page"), size: String(Self.maxPageSize), total: paging.total)
        }
        errorSummary = refusal.flatMap { refusal in
            ErrorSummary(
                heading: refusal.field == .prize ? "Le prix n’a pas été attribué." : "L’ordre de départage n’a pas été enregistré.",
                errors: ["form": refusal.message], fields: [("form", "\(refusal.field == .prize ? "prix" : "ordre")-\(refusal.entryID)")])
        }
        // Only the codes the notices name (the posters of the groups), not a flattened copy of every line (8 MB at 5,000).
        let named = Set(edition.categories.flatMap { board.dashboard.groups[$0.code] ?? [] }.flatMap(\.posterIds))
        var codes: [Int64: String] = [:]
        for section in sections {
            for line in section {
                if let id = line.entry.id, named.contains(id), codes[id] == nil { codes[id] = line.entry.anonymousCode }
            }
        }
        categories = zip(edition.categories, CategoryPaging.slice(sections, paging: paging)).compactMap { category, lines in
            lines.map {
                Category(
                    label: category.label, hasEntries: !$0.isEmpty, entries: $0.map(row),
                    notices: (board.dashboard.groups[category.code] ?? []).map { group in
                        UncertaintyText.notice(group, codes: codes)
                    })
            }
        }
        awarded = board.awards.compactMap { award -> (Int, Awarded)? in
            guard let prize = edition.prizes.first(where: { $0.code == award.prizeCode }), let line = board.line(entryId: award.entryId) else {
                return nil
            }
            return (
                prize.rank,
                Awarded(
                    prize: Markup(prize.label), category: award.categoryCode.flatMap { edition.category(code: $0)?.label } ?? "toutes catégories",
                    code: line.entry.anonymousCode, title: line.entry.details.title, establishment: line.establishment.name, reason: award.reason,
                    by: award.assignedBy, at: Markup(ParisTime.dateTime(award.assignedAt)))
            )
        }.sorted { $0.0 < $1.0 }.map(\.1)
        hasAwards = !awarded.isEmpty
        firstCriterion = edition.criteria.first?.label ?? ""
        pageNumber = paging.page
        pageSize = paging.size
        pagination = PaginationView(
            paging, path: "/organisation/editions/\(edition.year)/deliberation", parameters: [(ScoreReading.parameter, classement)],
            noun: ("affiche classée", "affiches classées"))
    }
}
