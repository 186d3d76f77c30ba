import Core
import Foundation
import GRDB

extension AppDatabase {
    // MARK: - What the statistics read (one read transaction, a few columns a row: cheap at 20,000 entries)

    /// The facts the edition's statistics are computed from: each entry with its establishment's département and kind,
    /// the enabled jurors with their conflicts, and every ballot's state (no scores, no comments).
    public func statisticsInput(editionId: Int64) throws(StorageError) -> StatisticsInput {
        try read { db in
            var entries: [StatisticsInput.EntryFact] = []
            let entryRows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT e.id, e.status, e.eligibility, e.createdAt, e.categoryCode, e.establishmentUai, s.departement, s.type
                        FROM entry e JOIN establishment s ON s.uai = e.establishmentUai WHERE e.editionId = ?
                        """), arguments: [editionId])
            while let row = try entryRows.next() {
                entries.append(
                    StatisticsInput.EntryFact(
                        id: row[0], status: EntryStatus(rawValue: row[1]) ?? .active, eligibility: Eligibility(code: row[2], reason: nil),
                        createdAt: row[3], categoryCode: row[4], establishment: row[5], departement: row[6],
                        establishmentType: EstablishmentType(rawValue: row[7]) ?? .other))
            }
            var conflicts: [Int64: Set<String>] = [:]
            for row in try Row.fetchAll(cached: db, sql: "SELECT userId, uai FROM jurorConflict") {
                conflicts[row[0], default: []].insert(row[1])
            }
            let jurorIDs = try Int64.fetchAll(cached: db, sql: "SELECT id FROM user WHERE role = 'juror' AND disabled = 0 ORDER BY id")
            let jurors = jurorIDs.map { StatisticsInput.JurorFact(id: $0, conflicts: conflicts[$0] ?? []) }
            var ballots: [StatisticsInput.BallotFact] = []
            let ballotRows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT b.entryId, b.jurorId, b.submitted FROM ballot b JOIN entry e ON e.id = b.entryId WHERE e.editionId = ? AND b.round = 1"),
                arguments: [editionId])
            while let row = try ballotRows.next() {
                ballots.append(StatisticsInput.BallotFact(entryId: row[0], jurorId: row[1], submitted: row[2]))
            }
            var input = StatisticsInput(entries: entries, jurors: jurors, ballots: ballots)
            if try Self.rounds(db, editionId: editionId).first?.perPoster != nil {
                var dealt: [Int64: Set<Int64>] = [:]
                for row in try Row.fetchAll(cached: db, sql: "SELECT jurorId, entryId FROM juryAssignment WHERE editionId = ? AND round = 1", arguments: [editionId]) {
                    dealt[row[0], default: []].insert(row[1])
                }
                input.dealt = dealt
            }
            return input
        }
    }
}
