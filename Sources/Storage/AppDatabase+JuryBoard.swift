import Core
import Foundation
import GRDB

extension AppDatabase {
    // MARK: - What the jury dashboard and the deliberation read (thousands of rows: read column by column, not through Codable)

    /// The active, eligible entries of an edition with their establishments, newest first (as `entries(editionId:filter:)`).
    public func eligibleListings(editionId: Int64) throws(StorageError) -> [EntryListing] {
        try read { db in
            let establishments = try EstablishmentRecord.fetchAll(cached: db, sql: "SELECT * FROM establishment WHERE uai IN (SELECT establishmentUai FROM entry WHERE editionId = ?)", arguments: [editionId])
            let byUAI = Dictionary(uniqueKeysWithValues: establishments.compactMap { r in r.establishment.map { (r.uai, $0) } })
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT * FROM entry WHERE editionId = ? AND status = 'active' AND eligibility = 'eligible' ORDER BY createdAt DESC
                    """, arguments: [editionId])
            var listings: [EntryListing] = []
            while let row = try rows.next() {
                guard let entry = Self.entry(row), let establishment = byUAI[entry.establishment.code] else { continue }
                listings.append(EntryListing(entry: entry, establishment: establishment))
            }
            return listings
        }
    }

    /// The same `Entry` as `EntryRecord.entry`, read from a full `entry` row.
    static func entry(_ row: Row) -> Entry? {
        guard let uai = try? UAI(row["establishmentUai"] as String) else { return nil }
        return Entry(
            id: row["id"], editionId: row["editionId"], reference: row["reference"], establishment: uai, categoryCode: row["categoryCode"],
            details: EntryDetails(
                title: row["title"], statement: row["statement"], classLabel: row["classLabel"], studentCount: row["studentCount"],
                teacherName: row["teacherName"], teacherEmail: row["teacherEmail"]),
            consent: Consent(
                imageRights: row["consentImageRights"], authorsRights: row["consentAuthorsRights"], publicGallery: row["consentPublicGallery"],
                wordingVersion: row["consentWordingVersion"], recordedAt: row["consentRecordedAt"]),
            poster: PosterFile(
                hash: row["posterHash"], originalPath: row["originalPath"], format: row["format"], byteCount: row["byteCount"],
                width: row["width"], height: row["height"], thumbnailPath: row["thumbnailPath"], previewPath: row["previewPath"],
                originalFileName: row["originalFileName"], pageCount: row["pageCount"]),
            status: EntryStatus(rawValue: row["status"]) ?? .active,
            eligibility: Eligibility(code: row["eligibility"], reason: row["eligibilityReason"]),
            createdAt: row["createdAt"], updatedAt: row["updatedAt"], anonymousCode: row["anonymousCode"] ?? "", juryStatement: row["juryStatement"],
            cancellationReason: row["statusReason"], personalDataErasedAt: row["personalDataErasedAt"], originalDeletedAt: row["originalDeletedAt"])
    }

    /// Every ballot of a round on an edition's active, eligible entries, scores read by SQLite's JSON functions; comments are left out.
    public func boardBallots(editionId: Int64, round: Int = 1) throws(StorageError) -> [Ballot] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT b.id, b.entryId, b.jurorId, b.submitted, b.updatedAt, j.key, j.value
                    FROM ballot b JOIN entry e ON e.id = b.entryId LEFT JOIN json_each(b.scores) j
                    WHERE e.editionId = ? AND e.status = 'active' AND e.eligibility = 'eligible' AND b.round = ? ORDER BY b.id
                    """, arguments: [editionId, round])
            var ballots: [Ballot] = []
            var currentID: Int64?
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if id != currentID {
                    currentID = id
                    ballots.append(Ballot(entryId: row[1], jurorId: row[2], scores: [:], submitted: row[3], updatedAt: row[4], round: round))
                }
                if let key: String = row[5], let value: Int = row[6] { ballots[ballots.count - 1].scores[key] = value }
            }
            return ballots
        }
    }
}
