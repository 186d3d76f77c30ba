import Foundation
import GRDB
import Testing

@testable import Storage

/// Migration 015 rebuilds the ballot table with a round: ballots cast before it become round 1, and a juror may then
/// hold one ballot per poster and round.
struct RoundsMigrationTests {
    /// An in-memory database migrated up to `migration`, foreign keys off (rows of tables they reference are left out).
    static func queue(migratedUpTo migration: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: configuration)
        try AppDatabase.migrator.migrate(queue, upTo: migration)
        return queue
    }

    @Test func ballots_from_before_rounds_become_round_one_and_round_two_gets_its_own() throws {
        let queue = try Self.queue(migratedUpTo: "014-pdf")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO ballot (id, entryId, jurorId, scores, comment, submitted, updatedAt) VALUES (5, 7, 9, '{\"theme\":3}', 'bien', 1, '2022-04-02 10:00:00')")
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM ballot WHERE id = 5"))
            let round: Int = row["round"]
            let entry: Int64 = row["entryId"]
            let juror: Int64 = row["jurorId"]
            let comment: String = row["comment"]
            let scores: String = row["scores"]
            #expect(round == 1 && entry == 7 && juror == 9)
            #expect(comment == "bien" && scores == "{\"theme\":3}")
            try db.execute(
                sql: "INSERT INTO ballot (entryId, jurorId, scores, comment, submitted, updatedAt, round) VALUES (7, 9, '{}', '', 0, '2022-04-03 10:00:00', 2)")
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: "INSERT INTO ballot (entryId, jurorId, scores, comment, submitted, updatedAt, round) VALUES (7, 9, '{}', '', 0, '2022-04-03 10:00:00', 1)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ballot WHERE entryId = 7") == 2)
        }
    }

    @Test func rounds_stored_before_the_final_rule_keep_round_two_alone() throws {
        let queue = try Self.queue(migratedUpTo: "016-favourites")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO juryRound (editionId, number, openedAt) VALUES (1, 1, '2022-04-02 10:00:00'), (1, 2, '2022-04-05 10:00:00')")
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.read { db in
            let rounds = try AppDatabase.rounds(db, editionId: 1)
            #expect(rounds.map(\.number) == [1, 2] && rounds.allSatisfy { !$0.cumulative })
            #expect(rounds.map(\.countedRounds) == [[1], [2]])
        }
    }
}
