import Core
import Foundation
import GRDB
import GRDBSQLite
import Storage
import Testing

/// Migration 020: after a write (a ballot saved by another request empties every other connection's page cache), a juror's
/// order and the jury's boards read indexes, not the entries' rows (statements and teachers' details: the table is most of
/// the file). Counted in pages SQLite reads from the file (`SQLITE_DBSTATUS_CACHE_MISS`), against the pages one read of
/// the entry table takes; the answers are checked too (a conflict and an ineligible entry hide posters).
struct EntryIndexTests {
    @Test func after_a_write_the_jurors_order_and_the_boards_read_indexes_not_entry_rows() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concours-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("concours.sqlite").path
        // One connection, so that every read below is counted on it; the service's pool has several, each as cold.
        let queue = try DatabaseQueue(path: path)
        let database = try AppDatabase(writer: queue, path: path)
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
            0940001R;Collège Pablo Neruda;Collège;Créteil;94
            """
        _ = try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
        let edition = try database.insertEdition(AppDatabaseTests.edition())
        let editionID = try #require(edition.id)
        let now = ParisTime.parse("2022-02-02T10:00")!
        let uais = ["0951099D", "0930001W", "0940001R"]
        let count = 3_000
        let entries = try database.insertEntriesInBulk((0..<count).map { index in
            let entry = Entry(
                editionId: editionID, reference: "REF-\(index)", establishment: try! UAI(uais[index % 3]), categoryCode: "college",
                details: EntryDetails(
                    title: "Affiche \(index)", statement: String(repeating: "Une note d’intention pour l’affiche \(index). ", count: 4),
                    classLabel: "4e B", studentCount: 20, teacherName: "Mme Durand", teacherEmail: "durand@ac-creteil.fr"),
                consent: Consent(imageRights: true, authorsRights: true, publicGallery: true, recordedAt: now),
                poster: PosterFile(
                    hash: "hash-\(index)", originalPath: "o/\(index).png", format: "png", byteCount: 10, width: 600, height: 800,
                    thumbnailPath: "t/\(index).jpg", previewPath: "p/\(index).jpg", originalFileName: "\(index).png"),
                eligibility: .eligible, createdAt: now.addingTimeInterval(Double(index)), updatedAt: now)
            return (entry: entry, tokenHash: "token-\(index)")
        })
        try database.setEligibility(id: try #require(entries[1].id), .ineligible(reason: "Hors thème"), now: now)
        let juror = try #require(try database.insertUser(User(email: "j@ac-creteil.fr", displayName: "Juré", role: .juror, passwordHash: "x")).id)
        let other = try #require(try database.insertUser(User(email: "k@ac-creteil.fr", displayName: "Jurée", role: .juror, passwordHash: "x")).id)
        try database.addConflict(userID: juror, uai: try UAI("0940001R"), declaredBy: "organisation", now: now)
        try database.prepareJurorOrder(editionId: editionID, jurorId: juror)
        let scores = ["theme": 4, "message": 3, "creativite": 5, "graphisme": 2]
        try database.saveBallotsInBulk(entries.prefix(600).flatMap { entry in
            [juror, other].map { Ballot(entryId: entry.id!, jurorId: $0, scores: scores, submitted: true, updatedAt: now) }
        })

        // Another connection writes (as a ballot saved by another request would), then `work` runs on a cold cache.
        let writer = try DatabaseQueue(path: path)
        /// Pages the connection read from the file since the last call with `reset` (which starts counting again).
        func misses(reset: Bool) -> Int32 {
            queue.inDatabase { db in
                var current: Int32 = 0, highest: Int32 = 0
                _ = sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, reset ? 1 : 0)
                return current
            }
        }
        func pagesRead<T>(_ work: () async throws -> T) async throws -> (pages: Int32, value: T) {
            try await writer.write { db in try db.execute(sql: "UPDATE ballot SET comment = comment || '' WHERE id = (SELECT MIN(id) FROM ballot)") }
            _ = misses(reset: true)
            let value = try await work()
            return (misses(reset: false), value)
        }
        let table = try await pagesRead { try await queue.read { db in try Int.fetchOne(db, sql: "SELECT SUM(length(statement)) FROM entry") } }.pages
        #expect(table > 300, "the entry table should be hundreds of pages: \(table)")

        // The juror sees neither the conflicted establishment's posters (a third) nor the ineligible one.
        let visible = count - count / 3 - 1
        let code = try #require(try await database.jurorPosters(editionId: editionID, jurorId: juror, filter: .all, limit: 1, offset: 10).first?.code)
        let placement = try await pagesRead { try await database.jurorPlacement(editionId: editionID, jurorId: juror, anonymousCode: code) }
        #expect(placement.value?.position == 11 && placement.value?.total == visible)
        #expect(placement.value?.previousCode != nil && placement.value?.nextCode != nil)
        let progress = try await pagesRead { try await database.jurorProgress(editionId: editionID, jurorId: juror) }
        #expect(progress.value.total == visible)
        let scored = try await pagesRead { try await database.jurorPosterCount(editionId: editionID, jurorId: juror, filter: .scored) }
        // 600 scored, of which the conflicted third and the ineligible one are hidden.
        #expect(scored.value == 600 - 200 - 1)
        let round = try await pagesRead { try database.roundStatus(editionId: editionID) }
        #expect(round.value.progress.expected == visible + (count - 1))
        let ballots = try await pagesRead { try database.boardBallots(editionId: editionID) }
        #expect(ballots.value.count == 2 * 600 - 2)
        print("EntryIndex: entry table \(table) pages; placement \(placement.pages), progress \(progress.pages), count \(scored.pages), round \(round.pages), ballots \(ballots.pages)")
        for (name, pages) in [
            ("placement", placement.pages), ("progress", progress.pages), ("count", scored.pages), ("round", round.pages),
            ("ballots", ballots.pages),
        ] {
            #expect(pages < table / 2, "\(name): \(pages) pages read, the entry table is \(table)")
        }
    }
}
