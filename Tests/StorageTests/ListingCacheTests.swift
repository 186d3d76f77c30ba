import Core
import Foundation
import GRDB
import Testing

@testable import Storage

/// The eligible entries kept between ranking pages (migration 018's counter): any write to an entry or an
/// establishment, by the service or by another connection, is seen at once; other writes keep them.
struct ListingCacheTests {
    @Test func kept_listings_follow_every_write_to_entries_and_establishments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concours-listings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("concours.sqlite").path
        let database = try AppDatabase(path: path)
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
            """
        try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
        let edition = try database.insertEdition(AppDatabaseTests.edition())
        let editionID = try #require(edition.id)
        let now = ParisTime.parse("2022-02-02T10:00")!
        try database.moveEdition(id: editionID, to: .open, now: now)
        var ids: [Int64] = []
        for (index, uai) in ["0951099D", "0930001W"].enumerated() {
            let entry = Entry(
                editionId: editionID, reference: "REF-\(index)", establishment: try UAI(uai), categoryCode: "college",
                details: EntryDetails(
                    title: "Titre \(index)", statement: "Intention", classLabel: "4e B", studentCount: 20, teacherName: "Mme \(index)",
                    teacherEmail: "p\(index)@ac-creteil.fr"),
                consent: Consent(imageRights: true, authorsRights: true, publicGallery: true, recordedAt: now),
                poster: PosterFile(
                    hash: "hash-\(index)", originalPath: "o/\(index).png", format: "png", byteCount: 10, width: 600, height: 800,
                    thumbnailPath: "t/\(index).jpg", previewPath: "p/\(index).jpg", originalFileName: "\(index).png"),
                createdAt: now.addingTimeInterval(Double(index)), updatedAt: now)
            ids.append(try #require(try database.insertEntry(entry, tokenHash: "token-\(index)", maxPerCategory: 5).id))
        }
        // New entries wait for their check: none is eligible yet.
        #expect(try database.eligibleListings(editionId: editionID).isEmpty)
        for id in ids { try database.setEligibility(id: id, .eligible, now: now) }
        func titles() throws -> [String] { try database.eligibleListings(editionId: editionID).map(\.entry.details.title) }
        func establishments() throws -> [String] { try database.eligibleListings(editionId: editionID).map(\.establishment.name) }
        #expect(try titles() == ["Titre 1", "Titre 0"])

        // Another connection (the command line, sqlite3) changes a title, then an establishment's name.
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "UPDATE entry SET title = 'Nouveau titre' WHERE id = ?", arguments: [ids[0]]) }
        #expect(try titles() == ["Titre 1", "Nouveau titre"])
        try other.write { db in try db.execute(sql: "UPDATE establishment SET name = 'Lycée Éluard' WHERE uai = '0930001W'") }
        #expect(try establishments() == ["Lycée Éluard", "Collège Jean Moulin"])

        // The service's own writes: an entry found ineligible leaves, withdrawn leaves, restored comes back.
        try database.setEligibility(id: ids[1], .ineligible(reason: "Hors thème"), now: now)
        #expect(try titles() == ["Nouveau titre"])
        try database.setEligibility(id: ids[1], .eligible, now: now)
        #expect(try titles() == ["Titre 1", "Nouveau titre"])
        try other.write { db in try db.execute(sql: "DELETE FROM entry WHERE id = ?", arguments: [ids[1]]) }
        #expect(try titles() == ["Nouveau titre"])

        // A write elsewhere (a juror) leaves the counter, so the kept entries are answered as they are.
        let before = try other.read { db in try Int.fetchOne(db, sql: "SELECT value FROM listingVersion") }
        _ = try database.createJuror(name: "Jeanne Juré", email: "jeanne@ac-creteil.fr", conflicts: [], now: now)
        let after = try other.read { db in try Int.fetchOne(db, sql: "SELECT value FROM listingVersion") }
        #expect(before == after)
        #expect(try titles() == ["Nouveau titre"])

        // Only the current version's list is kept: an earlier one (megabytes at 5,000 entries) goes when the next is read.
        let kept = try #require(after)
        #expect(database.listingCache.value(for: .init(editionId: editionID, version: kept)) != nil)
        try other.write { db in try db.execute(sql: "UPDATE entry SET title = 'Titre 2' WHERE id = ?", arguments: [ids[0]]) }
        #expect(try titles() == ["Titre 2"])
        #expect(database.listingCache.value(for: .init(editionId: editionID, version: kept)) == nil)
    }
}
