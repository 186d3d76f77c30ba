import Core
import Foundation
import GRDB
import Testing

@testable import Storage

/// Migration 019's counter, which the jury dashboard is kept by: every table a board may read moves it, sessions, the
/// journal and the mail queue do not.
struct JudgingVersionTests {
    static func database() throws -> (AppDatabase, path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concours-judging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("concours.sqlite").path
        return (try AppDatabase(path: path), path, folder)
    }

    /// A table added by a later migration without the triggers (and not said unrelated) fails here.
    @Test func every_table_but_the_unrelated_ones_moves_the_counter() throws {
        let (_, path, folder) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: path)
        let (tables, triggers) = try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"),
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_judging_version'"))
            )
        }
        #expect(tables.contains("ballot") && tables.contains("entry") && tables.contains("session"))
        for table in tables {
            let expected = Migration019JudgingVersion.unrelated.contains(table) ? [] : ["insert", "update", "delete"]
            let present = ["insert", "update", "delete"].filter { triggers.contains("\(table)_\($0)_judging_version") }
            #expect(present == expected, "table \(table)")
        }
    }

    @Test func sign_ins_and_the_journal_keep_the_stamp_jurors_and_editions_move_it() throws {
        let (database, _, folder) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = ParisTime.parse("2022-03-01T10:00")!
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            """
        _ = try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
        let start = try #require(try database.judgingStamp())
        let juror = try database.insertUser(User(email: "j@ac-creteil.fr", displayName: "Juré", role: .juror))
        let afterJuror = try #require(try database.judgingStamp())
        #expect(afterJuror != start)
        let anyCommit = try #require(try database.changeStamp())
        try database.createSession(tokenHash: "jeton", userID: try #require(juror.id), now: now, lifetime: 3600)
        try database.recordAudit(actor: "j@ac-creteil.fr", action: "connexion", details: "", now: now)
        #expect(try database.judgingStamp() == afterJuror)
        // The stamp of any commit moved meanwhile: the pages kept by it are built again.
        #expect(try database.changeStamp() != anyCommit)
        try database.addConflict(userID: try #require(juror.id), uai: try UAI("0951099D"), declaredBy: "organisation", now: now)
        let afterConflict = try #require(try database.judgingStamp())
        #expect(afterConflict != afterJuror)
        _ = try database.insertEdition(AppDatabaseTests.edition())
        #expect(try database.judgingStamp() != afterConflict)
    }
}
