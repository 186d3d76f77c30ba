import Core
import Foundation
import GRDB

/// What a deal (``JuryAssignment/deal(posters:jurors:conflicts:mode:existing:seed:)``) starts from, read in one go.
public struct DealInputs: Sendable {
    /// The round's posters: eligible, active entries (round 2: the shortlisted ones).
    public var posters: [JuryAssignment.Poster]
    /// Jurors who can score: enabled accounts.
    public var jurors: [Int64]
    /// Juror–poster pairs with a conflict of interest.
    public var conflicts: Set<JuryAssignment.Pair>
    /// The pairs dealt so far; `cast` when the juror already has a ballot (draft or submitted) in this round.
    public var existing: [JuryAssignment.Pair]
}

/// How far a round has gone: pairs to score, ballots submitted among them.
public struct RoundProgress: Sendable, Equatable {
    public var expected: Int
    public var submitted: Int
    public var missing: Int { max(0, expected - submitted) }
}

/// Where the current round stands, for the organisers' jury dashboard.
public struct RoundStatus: Sendable {
    /// Every round so far, the current one last (round 1 with every juror when none is stored).
    public var rounds: [JudgingRound]
    public var progress: RoundProgress
    /// With k per poster: what a redeal now would give (jurors added or withdrawn, entries or conflicts changed since).
    public var redeal: JuryAssignment.Deal?
    /// Pairs a redeal would add and remove (both 0: the stored deal is up to date).
    public var toAdd: Int
    public var toRemove: Int
    /// Lowest and highest load among enabled jurors in the stored deal.
    public var loads: ClosedRange<Int>?
    /// Posters of the round (round 2: the shortlist).
    public var posterCount: Int
    public var jurorCount: Int

    public var current: JudgingRound { rounds.last ?? .first }
    public var isStale: Bool { toAdd + toRemove > 0 }
}

extension AppDatabase {
    // MARK: - Rounds

    /// The current round, its progress and, with k per poster, whether the stored deal still fits the jury.
    public func roundStatus(editionId: Int64) throws(StorageError) -> RoundStatus {
        try read { db in
            let rounds = try Self.rounds(db, editionId: editionId)
            let round = rounds.last ?? .first
            let progress = try Self.progress(db, editionId: editionId, round: round)
            guard let k = round.perPoster else {
                // Every juror: nothing to deal, two counts.
                let shortlistOnly = round.number > 1 ? " AND id IN (SELECT entryId FROM shortlist WHERE editionId = ?)" : ""
                let arguments: StatementArguments = round.number > 1 ? [editionId, editionId] : [editionId]
                let posters = try Int.fetchOne(db,
                    sql: "SELECT COUNT(*) FROM entry WHERE editionId = ? AND status = 'active' AND eligibility = 'eligible'" + shortlistOnly,
                    arguments: arguments) ?? 0
                let jurors = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user WHERE role = ? AND disabled = 0", arguments: [Role.juror.rawValue]) ?? 0
                return RoundStatus(
                    rounds: rounds.isEmpty ? [.first] : rounds, progress: progress, redeal: nil, toAdd: 0, toRemove: 0, loads: nil,
                    posterCount: posters, jurorCount: jurors)
            }
            let inputs = try Self.dealInputs(db, editionId: editionId, round: round.number)
            var status = RoundStatus(
                rounds: rounds.isEmpty ? [.first] : rounds, progress: progress, redeal: nil, toAdd: 0, toRemove: 0, loads: nil,
                posterCount: inputs.posters.count, jurorCount: inputs.jurors.count)
            let stored = Set(
                try Row.fetchAll(cached: db, sql: "SELECT jurorId, entryId FROM juryAssignment WHERE editionId = ? AND round = ?", arguments: [editionId, round.number])
                    .map { JuryAssignment.Pair(jurorId: $0["jurorId"], posterId: $0["entryId"]) })
            let deal = JuryAssignment.deal(
                posters: inputs.posters, jurors: inputs.jurors, conflicts: inputs.conflicts, mode: .perPoster(k), existing: inputs.existing,
                seed: Self.dealSeed(editionId: editionId, round: round.number))
            let fresh = Set(deal.pairs.map { JuryAssignment.Pair(jurorId: $0.jurorId, posterId: $0.posterId) })
            status.redeal = deal
            status.toAdd = fresh.subtracting(stored).count
            status.toRemove = stored.subtracting(fresh).count
            var loads: [Int64: Int] = Dictionary(uniqueKeysWithValues: inputs.jurors.map { ($0, 0) })
            for pair in stored where loads[pair.jurorId] != nil { loads[pair.jurorId, default: 0] += 1 }
            if let low = loads.values.min(), let high = loads.values.max() { status.loads = low...high }
            return status
        }
    }

    static func dealSeed(editionId: Int64, round: Int) -> UInt64 {
        UInt64(bitPattern: editionId) &* 1_000 &+ UInt64(round)
    }

    /// An edition's rounds, first first (empty until organisers set the assignment or open round 2).
    public func judgingRounds(editionId: Int64) throws(StorageError) -> [JudgingRound] {
        try read { db in try Self.rounds(db, editionId: editionId) }
    }

    /// The round jurors are in now: the last one, or round 1 with every juror when none is stored.
    public func currentRound(editionId: Int64) throws(StorageError) -> JudgingRound {
        try judgingRounds(editionId: editionId).last ?? .first
    }

    static func rounds(_ db: Database, editionId: Int64) throws -> [JudgingRound] {
        try Row.fetchAll(cached: db, sql: "SELECT * FROM juryRound WHERE editionId = ? ORDER BY number", arguments: [editionId]).map { row in
            JudgingRound(
                number: row["number"], perPoster: row["perPoster"], openedAt: row["openedAt"], closedAt: row["closedAt"], closedBy: row["closedBy"],
                missingAtClose: row["missingAtClose"], cumulative: row["cumulative"])
        }
    }

    /// The shortlist of round 2: entry id → why it is there.
    public func shortlist(editionId: Int64) throws(StorageError) -> [Int64: ShortlistSource] {
        try read { db in
            var result: [Int64: ShortlistSource] = [:]
            for row in try Row.fetchAll(cached: db, sql: "SELECT entryId, source FROM shortlist WHERE editionId = ?", arguments: [editionId]) {
                result[row["entryId"]] = ShortlistSource(rawValue: row["source"]) ?? .added
            }
            return result
        }
    }

    // MARK: - Dealing

    /// Everything a deal of `round` needs.
    public func dealInputs(editionId: Int64, round: Int) throws(StorageError) -> DealInputs {
        try read { db in try Self.dealInputs(db, editionId: editionId, round: round) }
    }

    static func dealInputs(_ db: Database, editionId: Int64, round: Int) throws -> DealInputs {
        let shortlistOnly = round > 1 ? " AND id IN (SELECT entryId FROM shortlist WHERE editionId = ?)" : ""
        var arguments: StatementArguments = [editionId]
        if round > 1 { arguments += [editionId] }
        let posterRows = try Row.fetchAll(cached: db,
            sql: "SELECT id, categoryCode, establishmentUai FROM entry WHERE editionId = ? AND status = 'active' AND eligibility = 'eligible'"
                + shortlistOnly + " ORDER BY id", arguments: arguments)
        let posters = posterRows.map { JuryAssignment.Poster(id: $0["id"], category: $0["categoryCode"]) }
        let jurors = try Int64.fetchAll(cached: db, sql: "SELECT id FROM user WHERE role = ? AND disabled = 0 ORDER BY id", arguments: [Role.juror.rawValue])
        var byUAI: [String: [Int64]] = [:]
        for row in posterRows { byUAI[row["establishmentUai"], default: []].append(row["id"]) }
        var conflicts = Set<JuryAssignment.Pair>()
        for row in try Row.fetchAll(db, sql: "SELECT userId, uai FROM jurorConflict") {
            for poster in byUAI[row["uai"] as String] ?? [] { conflicts.insert(JuryAssignment.Pair(jurorId: row["userId"], posterId: poster)) }
        }
        let existing = try Row.fetchAll(cached: db,
            sql: """
                SELECT a.jurorId, a.entryId, EXISTS (SELECT 1 FROM ballot b WHERE b.entryId = a.entryId AND b.jurorId = a.jurorId AND b.round = a.round) AS cast
                FROM juryAssignment a WHERE a.editionId = ? AND a.round = ?
                """, arguments: [editionId, round]
        ).map { JuryAssignment.Pair(jurorId: $0["jurorId"], posterId: $0["entryId"], cast: $0["cast"]) }
        // Ballots written outside the deal (before it, or in "every juror" mode) are kept too.
        let dealt = Set(existing.map { JuryAssignment.Pair(jurorId: $0.jurorId, posterId: $0.posterId) })
        let castOutside = try Row.fetchAll(cached: db,
            sql: "SELECT b.jurorId, b.entryId FROM ballot b JOIN entry e ON e.id = b.entryId WHERE e.editionId = ? AND b.round = ?",
            arguments: [editionId, round]
        ).map { JuryAssignment.Pair(jurorId: $0["jurorId"], posterId: $0["entryId"], cast: true) }
            .filter { !dealt.contains(JuryAssignment.Pair(jurorId: $0.jurorId, posterId: $0.posterId)) }
        return DealInputs(posters: posters, jurors: jurors, conflicts: conflicts, existing: existing + castOutside)
    }

    /// Sets how the current round deals posters and (re)deals them in one transaction, with an audit line: k jurors per
    /// poster (``JuryAssignment``: loads ±1, no conflicted pair, connected design, ballots already written kept), or every
    /// juror (nil: no pairs stored). Returns the deal.
    @discardableResult
    public func deal(editionId: Int64, perPoster: Int?, actor: String, now: Date) throws(StorageError) -> JuryAssignment.Deal {
        try write { db in try Self.deal(db, editionId: editionId, perPoster: perPoster, actor: actor, now: now) }
    }

    @discardableResult
    static func deal(_ db: Database, editionId: Int64, perPoster: Int?, actor: String, now: Date) throws -> JuryAssignment.Deal {
        let current = try rounds(db, editionId: editionId).last
        let round = current ?? .first
        guard round.isOpen else { throw StorageError.conflict("\(round.label) est clos\u{00A0}: sa répartition ne peut plus changer.") }
        if current == nil {
            try db.execute(
                sql: "INSERT INTO juryRound (editionId, number, perPoster, openedAt) VALUES (?, 1, ?, ?)", arguments: [editionId, perPoster, now])
        } else {
            try db.execute(
                sql: "UPDATE juryRound SET perPoster = ? WHERE editionId = ? AND number = ?", arguments: [perPoster, editionId, round.number])
        }
        let inputs = try dealInputs(db, editionId: editionId, round: round.number)
        let mode: JuryAssignment.Mode = perPoster.map { .perPoster($0) } ?? .everyJuror
        let deal = JuryAssignment.deal(
            posters: inputs.posters, jurors: inputs.jurors, conflicts: inputs.conflicts, mode: mode, existing: inputs.existing,
            seed: dealSeed(editionId: editionId, round: round.number))
        try db.execute(sql: "DELETE FROM juryAssignment WHERE editionId = ? AND round = ?", arguments: [editionId, round.number])
        if perPoster != nil {
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO juryAssignment (editionId, round, jurorId, entryId) VALUES (?, ?, ?, ?)")
            for pair in deal.pairs { try insert.execute(arguments: [editionId, round.number, pair.jurorId, pair.posterId]) }
        }
        let loads = inputs.jurors.map { deal.load(of: $0) }
        var details = "\(round.label)\u{00A0}: \(JudgingRound(number: round.number, perPoster: perPoster).modeLabel)"
        if perPoster != nil {
            details += ", \(FrenchTypography.count(inputs.posters.count, "affiche", "affiches")), \(FrenchTypography.count(inputs.jurors.count, "juré", "jurés"))"
            if let low = loads.min(), let high = loads.max() { details += ", charge \(low == high ? "\(low)" : "\(low) à \(high)") par juré" }
            if !deal.shortfalls.isEmpty { details += ", \(FrenchTypography.count(deal.shortfalls.count, "affiche", "affiches")) sans assez de jurés" }
            if !deal.connected { details += ", plan non connexe" }
        }
        try audit(db, actor: actor, action: "répartition", details: details, editionId: editionId, at: now)
        return deal
    }

    /// The pairs of a round's deal (k per poster), every pair stored.
    public func dealtPairs(editionId: Int64, round: Int) throws(StorageError) -> [JuryAssignment.Pair] {
        try read { db in
            try Row.fetchAll(cached: db, sql: "SELECT jurorId, entryId FROM juryAssignment WHERE editionId = ? AND round = ?", arguments: [editionId, round])
                .map { JuryAssignment.Pair(jurorId: $0["jurorId"], posterId: $0["entryId"]) }
        }
    }

    // MARK: - Progress, closing, round 2

    /// Pairs a round expects (enabled jurors, eligible active posters of the round, no conflict; the deal's pairs with k)
    /// and the submitted ballots among them.
    public func roundProgress(editionId: Int64, round: JudgingRound) throws(StorageError) -> RoundProgress {
        try read { db in try Self.progress(db, editionId: editionId, round: round) }
    }

    static func progress(_ db: Database, editionId: Int64, round: JudgingRound) throws -> RoundProgress {
        let visible = """
            e.editionId = ? AND e.status = 'active' AND e.eligibility = 'eligible' AND u.role = 'juror' AND u.disabled = 0
            AND NOT EXISTS (SELECT 1 FROM jurorConflict c WHERE c.userId = u.id AND c.uai = e.establishmentUai)
            """
        let shortlist = round.number > 1 ? " AND e.id IN (SELECT entryId FROM shortlist WHERE editionId = e.editionId)" : ""
        let pairs =
            round.perPoster == nil
            ? "FROM user u JOIN entry e WHERE " + visible + shortlist
            : "FROM juryAssignment a JOIN entry e ON e.id = a.entryId JOIN user u ON u.id = a.jurorId WHERE a.editionId = e.editionId AND a.round = "
                + String(round.number) + " AND " + visible + shortlist
        let row = try Row.fetchOne(db,
            sql: "SELECT COUNT(*) AS expected, COUNT(CASE WHEN EXISTS (SELECT 1 FROM ballot b WHERE b.entryId = e.id AND b.jurorId = u.id AND b.round = "
                + String(round.number) + " AND b.submitted = 1) THEN 1 END) AS submitted " + pairs,
            arguments: [editionId])
        return RoundProgress(expected: row?["expected"] ?? 0, submitted: row?["submitted"] ?? 0)
    }

    /// Closes the current round (jurors can still read their ballots, not change them), recording who and how many ballots
    /// were missing. Returns the closed round.
    @discardableResult
    public func closeRound(editionId: Int64, actor: String, now: Date) throws(StorageError) -> JudgingRound {
        try write { db in try Self.close(db, editionId: editionId, actor: actor, now: now) }
    }

    @discardableResult
    static func close(_ db: Database, editionId: Int64, actor: String, now: Date) throws -> JudgingRound {
        var round = try rounds(db, editionId: editionId).last ?? .first
        guard round.isOpen else { throw StorageError.conflict("\(round.label) est déjà clos.") }
        let missing = try progress(db, editionId: editionId, round: round).missing
        if round.openedAt == nil {
            try db.execute(sql: "INSERT INTO juryRound (editionId, number, openedAt) VALUES (?, 1, ?)", arguments: [editionId, now])
        }
        try db.execute(
            sql: "UPDATE juryRound SET closedAt = ?, closedBy = ?, missingAtClose = ? WHERE editionId = ? AND number = ?",
            arguments: [now, actor, missing, editionId, round.number])
        try audit(
            db, actor: actor, action: "clôture du tour",
            details: "\(round.label) clos" + (missing == 0 ? ", toutes les notes rendues" : " avec \(FrenchTypography.count(missing, "note manquante", "notes manquantes"))"),
            editionId: editionId, at: now)
        round.closedAt = now
        round.closedBy = actor
        round.missingAtClose = missing
        return round
    }

    /// Reopens the current round after it was closed (the edition back to judging): jurors can change their ballots again.
    static func reopen(_ db: Database, editionId: Int64, actor: String, now: Date) throws {
        guard let round = try rounds(db, editionId: editionId).last, !round.isOpen else { return }
        try db.execute(
            sql: "UPDATE juryRound SET closedAt = NULL, closedBy = NULL, missingAtClose = NULL WHERE editionId = ? AND number = ?",
            arguments: [editionId, round.number])
        try audit(db, actor: actor, action: "réouverture du tour", details: "\(round.label) rouvert", editionId: editionId, at: now)
    }

    /// Opens round 2 on a shortlist: closes round 1 if it is still open (audited with its missing ballots), then every
    /// non-conflicted juror scores the shortlisted posters afresh.
    /// - Parameter cumulative: the final ranking also counts round 1's ballots on the shortlisted posters.
    public func openSecondRound(
        editionId: Int64, shortlist: [Int64: ShortlistSource], cumulative: Bool = false, actor: String, now: Date
    ) throws(StorageError) {
        try write { db in
            let rounds = try Self.rounds(db, editionId: editionId)
            guard (rounds.last?.number ?? 1) == 1 else { throw StorageError.conflict("Le second tour est déjà ouvert.") }
            if rounds.last?.isOpen ?? true { _ = try Self.close(db, editionId: editionId, actor: actor, now: now) }
            try db.execute(sql: "DELETE FROM shortlist WHERE editionId = ?", arguments: [editionId])
            let insert = try db.cachedStatement(sql: "INSERT INTO shortlist (editionId, entryId, source) SELECT ?, id, ? FROM entry WHERE id = ? AND editionId = ?")
            for (entry, source) in shortlist.sorted(by: { $0.key < $1.key }) { try insert.execute(arguments: [editionId, source.rawValue, entry, editionId]) }
            try db.execute(
                sql: "INSERT INTO juryRound (editionId, number, openedAt, cumulative) VALUES (?, 2, ?, ?)", arguments: [editionId, now, cumulative])
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shortlist WHERE editionId = ?", arguments: [editionId]) ?? 0
            let bySource = Dictionary(grouping: shortlist.values, by: { $0 }).mapValues(\.count)
            let detail = ShortlistSource.allCases.compactMap { source in bySource[source].map { "\($0) \(source.label)" } }.joined(separator: ", ")
            try Self.audit(
                db, actor: actor, action: "second tour", details: "Second tour ouvert sur \(FrenchTypography.count(count, "affiche", "affiches")) (\(detail))\u{00A0}; "
                    + JudgingRound(number: 2, cumulative: cumulative).finalRuleLabel,
                editionId: editionId, at: now)
        }
    }

    /// Sets round 2's final rule (round 2 alone, or both rounds counted) while judging runs; audited.
    public func setCumulative(editionId: Int64, cumulative: Bool, actor: String, now: Date) throws(StorageError) {
        try write { db in
            guard let round = try Self.rounds(db, editionId: editionId).last, round.number == 2 else { throw StorageError.notFound("second tour") }
            guard round.cumulative != cumulative else { return }
            try db.execute(
                sql: "UPDATE juryRound SET cumulative = ? WHERE editionId = ? AND number = 2", arguments: [cumulative, editionId])
            var changed = round
            changed.cumulative = cumulative
            try Self.audit(
                db, actor: actor, action: "second tour", details: "Règle du classement final changée\u{00A0}: " + changed.finalRuleLabel,
                editionId: editionId, at: now)
        }
    }

    /// Cancels round 2 while no juror has written a ballot in it: round 1 opens again as it was.
    public func cancelSecondRound(editionId: Int64, actor: String, now: Date) throws(StorageError) {
        try write { db in
            guard try Self.rounds(db, editionId: editionId).last?.number == 2 else { throw StorageError.notFound("second tour") }
            let ballots = try Int.fetchOne(db,
                sql: "SELECT COUNT(*) FROM ballot b JOIN entry e ON e.id = b.entryId WHERE e.editionId = ? AND b.round = 2", arguments: [editionId]) ?? 0
            guard ballots == 0 else {
                throw StorageError.conflict(
                    "Des jurés ont déjà noté au second tour (\(FrenchTypography.count(ballots, "notation", "notations")))\u{00A0}: il ne peut plus être annulé.")
            }
            try db.execute(sql: "DELETE FROM juryRound WHERE editionId = ? AND number = 2", arguments: [editionId])
            try db.execute(sql: "DELETE FROM juryAssignment WHERE editionId = ? AND round = 2", arguments: [editionId])
            try db.execute(sql: "DELETE FROM shortlist WHERE editionId = ?", arguments: [editionId])
            try db.execute(
                sql: "UPDATE juryRound SET closedAt = NULL, closedBy = NULL, missingAtClose = NULL WHERE editionId = ? AND number = 1", arguments: [editionId])
            try Self.audit(db, actor: actor, action: "second tour", details: "Second tour annulé, premier tour rouvert", editionId: editionId, at: now)
        }
    }
}
