import Core
import Foundation
@testable import Storage

/// Thousands of entries written straight into the database in one transaction (the HTTP form takes a second per poster).
enum BulkEntries {
    /// Establishments named « Collège numéro N » in three départements, with valid UAIs.
    static func establishments(count: Int) -> [Establishment] {
        (0..<count).compactMap { index in
            let digits = String(format: "09%05d", index)
            guard let letter = UAI.checkLetter(for: digits), let uai = try? UAI(digits + String(letter)) else { return nil }
            let departement = ["77", "93", "94"][index % 3]
            return Establishment(uai: uai, name: "Collège numéro \(index)", type: .college, commune: "Commune \(index % 40)", departement: departement)
        }
    }

    /// Inserts `count` active, pending entries of edition `editionId` spread over `establishmentCount` establishments and
    /// the three 2022 categories; entry `i` is filed `i` minutes after `start`, every tenth one at the same minute as the
    /// one before (to exercise the order's tie rule). Returns the entries' ids.
    @discardableResult
    static func insert(
        into database: AppDatabase, editionId: Int64, count: Int, establishmentCount: Int = 300, start: Date = ParisTime.parse("2022-01-20T08:00")!
    ) throws -> [Int64] {
        let schools = establishments(count: establishmentCount)
        let categories = ["college", "lycee", "dispositifs"]
        _ = try database.importEstablishments(EstablishmentDirectory.Parsed(establishments: schools, rejections: []), now: start)
        let entries = (0..<count).map { index -> (entry: Entry, tokenHash: String) in
            let minute = index - (index % 10 == 9 ? 1 : 0)
            let at = start.addingTimeInterval(Double(minute) * 60)
            let school = schools[index % schools.count]
            let entry = Entry(
                editionId: editionId, reference: String(format: "2022-B%05d", index), establishment: school.uai,
                categoryCode: categories[index % categories.count],
                details: EntryDetails(
                    title: "Affiche numéro \(index)", statement: "Une note d’intention de quelques lignes pour l’affiche \(index).",
                    classLabel: "4e \(index % 6)", studentCount: 20 + index % 10, teacherName: "Mme Enseignante \(index)",
                    teacherEmail: "enseignant\(index)@ac-creteil.fr"),
                consent: Consent(imageRights: true, authorsRights: true, publicGallery: true, recordedAt: at),
                poster: PosterFile(
                    hash: String(format: "%064d", index), originalPath: "originals/\(index).jpg", format: "jpeg", byteCount: 1_000_000,
                    width: 1200, height: 1600, thumbnailPath: "thumbnails/\(index).jpg", previewPath: "previews/\(index).jpg",
                    originalFileName: "affiche-\(index).jpg"),
                createdAt: at, updatedAt: at)
            return (entry, String(format: "bulk-token-%06d", index))
        }
        return try database.insertEntriesInBulk(entries).compactMap(\.id)
    }
}
