import Core
import Foundation
import GRDB

extension AppDatabase {
    // MARK: - What the jury dashboard and the deliberation read (thousands of rows: read column by column, not through Codable)

    /// The active, eligible entries of an edition with their establishments, newest first (as `entries(editionId:filter:)`).
    /// Kept until an entry or an establishment changes (migration 018's counter, read in the same transaction as the rows).
    public func eligibleListings(editionId: Int64) throws(StorageError) -> [EntryListing] {
        try read { db in
            let version = try VersionCounter.listing.value(in: db)
            let key = version.map { ListingKey(editionId: editionId, version: $0) }
            if let key, let kept = listingCache.value(for: key) { return kept }
            let listings = try Self.readEligibleListings(db, editionId: editionId)
            if let key {
                // A version never comes back: the edition's list of an earlier one (megabytes at 5,000 entries) goes now.
                listingCache.removeValues { $0.editionId == editionId && $0.version != key.version }
                listingCache.store(listings, for: key)
            }
            return listings
        }
    }

    private static func readEligibleListings(_ db: Database, editionId: Int64) throws -> [EntryListing] {
        let establishments = try EstablishmentRecord.fetchAll(cached: db, sql: "SELECT * FROM establishment WHERE uai IN (SELECT establishmentUai FROM entry WHERE editionId = ?)", arguments: [editionId])
        let byUAI = Dictionary(uniqueKeysWithValues: establishments.compactMap { r in r.establishment.map { (r.uai, $0) } })
        let eligible = "editionId = ? AND status = 'active' AND eligibility = 'eligible'"
        let statement = try db.cachedStatement(sql: "SELECT * FROM entry WHERE \(eligible) ORDER BY createdAt DESC")
        guard let columns = EntryColumns(statement.columnNames) else { return [] }
        // The list is kept: sized once (grown by doubling, 5,000 listings held up to 8,192 places, and two buffers while
        // it grew). The count reads migration 020's `entry_edition_eligible` index only.
        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM entry WHERE \(eligible)"), arguments: [editionId]) ?? 0
        let rows = try Row.fetchCursor(statement, arguments: [editionId])
        var listings: [EntryListing] = []
        listings.reserveCapacity(count)
        while let row = try rows.next() {
            guard let entry = Self.entry(row, columns), let establishment = byUAI[entry.establishment.code] else { continue }
            listings.append(EntryListing(entry: entry, establishment: establishment))
        }
        return listings
    }

    /// The same `Entry` as `EntryRecord.entry`, read from a full `entry` row.
    static func entry(_ row: Row) -> Entry? {
        EntryColumns(Array(row.columnNames)).flatMap { entry(row, $0) }
    }

    /// The same, with the columns' positions looked up once per query (by name, each of the 26 columns of each row
    /// cost a dictionary lookup: 7 % of the jury dashboard's first build at 5,000 entries).
    static func entry(_ row: Row, _ c: EntryColumns) -> Entry? {
        guard let uai = try? UAI(row[c.establishmentUai] as String) else { return nil }
        return Entry(
            id: row[c.id], editionId: row[c.editionId], reference: row[c.reference], establishment: uai, categoryCode: row[c.categoryCode],
            details: EntryDetails(
                title: row[c.title], statement: row[c.statement], classLabel: row[c.classLabel], studentCount: row[c.studentCount],
                teacherName: row[c.teacherName], teacherEmail: row[c.teacherEmail]),
            consent: Consent(
                imageRights: row[c.consentImageRights], authorsRights: row[c.consentAuthorsRights], publicGallery: row[c.consentPublicGallery],
                wordingVersion: row[c.consentWordingVersion], recordedAt: row[c.consentRecordedAt]),
            poster: PosterFile(
                hash: row[c.posterHash], originalPath: row[c.originalPath], format: row[c.format], byteCount: row[c.byteCount],
                width: row[c.width], height: row[c.height], thumbnailPath: row[c.thumbnailPath], previewPath: row[c.previewPath],
                originalFileName: row[c.originalFileName], pageCount: row[c.pageCount]),
            status: EntryStatus(rawValue: row[c.status]) ?? .active,
            eligibility: Eligibility(code: row[c.eligibility], reason: row[c.eligibilityReason]),
            createdAt: row[c.createdAt], updatedAt: row[c.updatedAt], anonymousCode: row[c.anonymousCode] ?? "", juryStatement: row[c.juryStatement],
            cancellationReason: row[c.statusReason], personalDataErasedAt: row[c.personalDataErasedAt], originalDeletedAt: row[c.originalDeletedAt])
    }

    /// Every ballot of a round on an edition's active, eligible entries (comments are left out).
    public func boardBallots(editionId: Int64, round: Int = 1) throws(StorageError) -> [Ballot] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT b.entryId, b.jurorId, b.submitted, b.updatedAt, b.scores
                    FROM ballot b JOIN entry e ON e.id = b.entryId
                    WHERE e.editionId = ? AND e.status = 'active' AND e.eligibility = 'eligible' AND b.round = ? ORDER BY b.id
                    """, arguments: [editionId, round])
            var ballots: [Ballot] = []
            while let row = try rows.next() {
                let scores = try ScoresJSON.required(row[4])
                ballots.append(Ballot(entryId: row[0], jurorId: row[1], scores: scores, submitted: row[2], updatedAt: row[3], round: round))
            }
            return ballots
        }
    }
}

/// Positions of the `entry` table's columns in a `SELECT *` statement.
struct EntryColumns {
    let establishmentUai, id, editionId, reference, categoryCode, title, statement, classLabel, studentCount, teacherName, teacherEmail, consentImageRights, consentAuthorsRights, consentPublicGallery, consentWordingVersion, consentRecordedAt, posterHash, originalPath, format, byteCount, width, height, thumbnailPath, previewPath, originalFileName, pageCount, status, eligibility, eligibilityReason, createdAt, updatedAt, anonymousCode, juryStatement, statusReason, personalDataErasedAt, originalDeletedAt: Int

    /// Nil when a column is missing.
    init?(_ names: [String]) {
        var lookup: [String: Int] = [:]
        for (index, name) in names.enumerated() where lookup[name.lowercased()] == nil { lookup[name.lowercased()] = index }
        struct Missing: Error {}
        func at(_ name: String) throws -> Int {
            guard let index = lookup[name.lowercased()] else { throw Missing() }
            return index
        }
        do {
        establishmentUai = try at("establishmentUai")
        id = try at("id")
        editionId = try at("editionId")
        reference = try at("reference")
        categoryCode = try at("categoryCode")
        title = try at("title")
        statement = try at("statement")
        classLabel = try at("classLabel")
        studentCount = try at("studentCount")
        teacherName = try at("teacherName")
        teacherEmail = try at("teacherEmail")
        consentImageRights = try at("consentImageRights")
        consentAuthorsRights = try at("consentAuthorsRights")
        consentPublicGallery = try at("consentPublicGallery")
        consentWordingVersion = try at("consentWordingVersion")
        consentRecordedAt = try at("consentRecordedAt")
        posterHash = try at("posterHash")
        originalPath = try at("originalPath")
        format = try at("format")
        byteCount = try at("byteCount")
        width = try at("width")
        height = try at("height")
        thumbnailPath = try at("thumbnailPath")
        previewPath = try at("previewPath")
        originalFileName = try at("originalFileName")
        pageCount = try at("pageCount")
        status = try at("status")
        eligibility = try at("eligibility")
        eligibilityReason = try at("eligibilityReason")
        createdAt = try at("createdAt")
        updatedAt = try at("updatedAt")
        anonymousCode = try at("anonymousCode")
        juryStatement = try at("juryStatement")
        statusReason = try at("statusReason")
        personalDataErasedAt = try at("personalDataErasedAt")
        originalDeletedAt = try at("originalDeletedAt")
        } catch {
            return nil
        }
    }
}
