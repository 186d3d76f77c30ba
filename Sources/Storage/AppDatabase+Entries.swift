import Core
import Foundation
import GRDB

extension AppDatabase {
    /// Stores a new entry after checking, in the same transaction, the per-establishment limit and duplicate files.
    /// - Parameters:
    ///   - tokenHash: SHA-256 of the private link's token.
    ///   - maxPerCategory: the edition's limit per establishment and category.
    ///   - acceptedRules: the règlement the submitter accepted (its version is on the entry); its text is kept once per version.
    ///   - mail: messages queued in the same transaction (the receipt); they get the new entry's id.
    @discardableResult
    public func insertEntry(
        _ entry: Entry, tokenHash: String, maxPerCategory: Int, acceptedRules: ContestRules? = nil, mail: [MailMessage] = [], now: Date = Date()
    ) throws(StorageError) -> Entry {
        try write { db in
            try Self.checkDuplicate(db, entry: entry, excluding: nil)
            try Self.checkLimit(db, entry: entry, excluding: nil, max: maxPerCategory)
            if let acceptedRules { try Self.keepRules(db, acceptedRules, editionId: entry.editionId, at: entry.consent.recordedAt) }
            var record = EntryRecord(entry, tokenHash: tokenHash)
            record.id = nil
            var generator = SystemRandomNumberGenerator()
            repeat {
                record.anonymousCode = AnonymousCode.make(using: &generator)
            } while try EntryRecord.filter(EntryRecord.Columns.anonymousCode == record.anonymousCode).fetchCount(db) > 0
            try record.insert(db)
            guard let stored = record.entry else { throw StorageError.database("entry did not read back") }
            try Self.enqueue(db, mail.map { var message = $0; message.entryId = stored.id; return message }, now: now)
            return stored
        }
    }

    /// The duplicate error an entry with these bytes would get, checked before spending time decoding them.
    public func duplicateProblem(editionId: Int64, hash: String, establishment: UAI?) throws -> StorageError? {
        try writer.read { db in
            guard let existing = try EntryRecord.filter(EntryRecord.Columns.editionId == editionId)
                .filter(EntryRecord.Columns.posterHash == hash).filter(EntryRecord.Columns.status == EntryStatus.active.rawValue).fetchOne(db)
            else { return nil }
            return .duplicatePoster(reference: existing.establishmentUai == establishment?.code ? existing.reference : nil)
        }
    }

    /// The entry behind a private link.
    public func entry(tokenHash: String) throws -> Entry? {
        try writer.read { db in try EntryRecord.fetchOne(cached: db, sql: "SELECT * FROM entry WHERE tokenHash = ?", arguments: [tokenHash])?.entry }
    }

    public func entry(id: Int64) throws -> Entry? {
        try writer.read { db in try EntryRecord.fetchOne(cached: db, sql: "SELECT * FROM entry WHERE id = ?", arguments: [id])?.entry }
    }

    /// Changes the typed details and the category (the limit applies to the new category).
    public func updateEntry(
        id: Int64, details: EntryDetails, categoryCode: String, maxPerCategory: Int, now: Date, mail: [MailMessage] = []
    ) throws(StorageError) {
        try write { db in
            guard var record = try EntryRecord.fetchOne(db, key: id), let entry = record.entry else { throw StorageError.notFound("dépôt") }
            var changed = entry
            changed.categoryCode = categoryCode
            try Self.checkLimit(db, entry: changed, excluding: id, max: maxPerCategory)
            record.title = details.title
            record.statement = details.statement
            record.classLabel = details.classLabel
            record.studentCount = details.studentCount
            record.teacherName = details.teacherName
            record.teacherEmail = details.teacherEmail
            record.categoryCode = categoryCode
            record.updatedAt = now
            try record.update(db)
            try Self.enqueue(db, mail, now: now)
        }
    }

    /// Puts a new poster file on an entry; returns the previous one so its files can be released.
    @discardableResult
    public func replacePoster(id: Int64, poster: PosterFile, now: Date, mail: [MailMessage] = []) throws(StorageError) -> PosterFile {
        try write { db in
            guard var record = try EntryRecord.fetchOne(db, key: id), var entry = record.entry else { throw StorageError.notFound("dépôt") }
            let previous = entry.poster
            entry.poster = poster
            try Self.checkDuplicate(db, entry: entry, excluding: id)
            record.apply(poster: poster)
            record.updatedAt = now
            try record.update(db)
            try Self.enqueue(db, mail, now: now)
            return previous
        }
    }

    /// Withdraws an entry (kept for the record, no longer competing or counted in the limit).
    public func withdrawEntry(id: Int64, now: Date, mail: [MailMessage] = []) throws(StorageError) {
        try write { db in
            try db.execute(
                sql: "UPDATE entry SET status = ?, updatedAt = ? WHERE id = ?", arguments: [EntryStatus.withdrawn.rawValue, now, id])
            guard db.changesCount == 1 else { throw StorageError.notFound("dépôt") }
            try Self.enqueue(db, mail, now: now)
        }
    }

    /// Cancels an entry on the organisers' decision: it no longer competes nor counts in the limit; the reason is kept
    /// and shown on the school's private page.
    public func cancelEntry(id: Int64, reason: String, now: Date, mail: [MailMessage] = []) throws(StorageError) {
        try write { db in
            try db.execute(
                sql: "UPDATE entry SET status = ?, statusReason = ?, updatedAt = ? WHERE id = ? AND status = ?",
                arguments: [EntryStatus.cancelled.rawValue, reason, now, id, EntryStatus.active.rawValue])
            guard db.changesCount == 1 else { throw StorageError.notFound("dépôt en lice") }
            try Self.enqueue(db, mail, now: now)
        }
    }

    /// Records the organisers' decision on an entry.
    /// - Parameters:
    ///   - mail: queued in the same transaction (the « non recevable » message), only when the decision changes.
    public func setEligibility(id: Int64, _ eligibility: Eligibility, now: Date, mail: [MailMessage] = []) throws(StorageError) {
        try write { db in
            let before = try Row.fetchOne(db, sql: "SELECT eligibility, eligibilityReason FROM entry WHERE id = ?", arguments: [id])
            try db.execute(
                sql: "UPDATE entry SET eligibility = ?, eligibilityReason = ?, updatedAt = ? WHERE id = ?",
                arguments: [eligibility.code, eligibility.reason, now, id])
            guard db.changesCount == 1 else { throw StorageError.notFound("dépôt") }
            let unchanged = before.map { row -> Bool in
                let code: String = row["eligibility"]
                let reason: String? = row["eligibilityReason"]
                return code == eligibility.code && reason == eligibility.reason
            } ?? false
            if !unchanged { try Self.enqueue(db, mail, now: now) }
        }
    }

    /// Entries of an edition with their establishments, newest first (ties by id).
    public func entries(editionId: Int64, filter: EntryFilter = EntryFilter()) throws -> [EntryListing] {
        try writer.read { db in try Self.listings(db, editionId: editionId, filter: filter, limit: nil, offset: 0) }
    }

    /// One page of an organiser list and what goes around it, read in one snapshot.
    /// - Parameters:
    ///   - paging: makes the page from the number of entries passing `filter` (it clamps the page asked for).
    /// - Returns: the page, its entries (newest first, ties by id), the edition's counts, and its départements.
    public func entryList(editionId: Int64, filter: EntryFilter, paging: @escaping @Sendable (Int) -> Paging) async throws -> EntryList {
        try await writer.read { db in
            let condition = filter.condition(editionId: editionId)
            let total = try Int.fetchOne(cached: db, sql: "SELECT COUNT(*) FROM entry JOIN establishment ON establishment.uai = entry.establishmentUai WHERE \(condition.sql)",
                arguments: condition.arguments) ?? 0
            let page = paging(total)
            let listings = try Self.listings(db, editionId: editionId, filter: filter, limit: page.size, offset: page.offset)
            let (counts, departements) = try Self.tally(db, editionId: editionId)
            return EntryList(paging: page, listings: listings, counts: counts, departements: departements)
        }
    }

    /// Active entries per category and per département, and how many were withdrawn or cancelled.
    public func entryCounts(editionId: Int64) throws -> EntryCounts {
        try writer.read { db in try Self.tally(db, editionId: editionId).0 }
    }

    static func listings(_ db: Database, editionId: Int64, filter: EntryFilter, limit: Int?, offset: Int) throws -> [EntryListing] {
        let condition = filter.condition(editionId: editionId)
        var sql = """
            SELECT entry.* FROM entry JOIN establishment ON establishment.uai = entry.establishmentUai
            WHERE \(condition.sql) ORDER BY entry.createdAt DESC, entry.id DESC
            """
        var arguments = condition.arguments
        if let limit {
            sql += " LIMIT ? OFFSET ?"
            arguments += [limit, offset]
        }
        let records = try EntryRecord.fetchAll(cached: db, sql: sql, arguments: arguments)
        let uais = Set(records.map(\.establishmentUai))
        let establishments = try EstablishmentRecord.filter(keys: Array(uais)).fetchAll(db)
        let byUAI = Dictionary(uniqueKeysWithValues: establishments.compactMap { r in r.establishment.map { (r.uai, $0) } })
        return records.compactMap { record -> EntryListing? in
            guard let entry = record.entry, let establishment = byUAI[record.establishmentUai] else { return nil }
            return EntryListing(entry: entry, establishment: establishment)
        }
    }

    /// The edition's counts and départements, from one grouped query.
    static func tally(_ db: Database, editionId: Int64) throws -> (EntryCounts, [String]) {
        let rows = try Row.fetchAll(cached: db,
            sql: """
                SELECT entry.status, entry.categoryCode, establishment.departement, COUNT(*) AS n
                FROM entry JOIN establishment ON establishment.uai = entry.establishmentUai
                WHERE entry.editionId = ? GROUP BY entry.status, entry.categoryCode, establishment.departement
                """,
            arguments: [editionId])
        var counts = EntryCounts([])
        var departements = Set<String>()
        for row in rows {
            let departement: String = row["departement"]
            let count: Int = row["n"]
            departements.insert(departement)
            let status: String = row["status"]
            switch EntryStatus(rawValue: status) ?? .active {
            case .withdrawn: counts.withdrawn += count
            case .cancelled: counts.cancelled += count
            case .active:
                counts.total += count
                counts.byCategory[row["categoryCode"], default: 0] += count
                counts.byDepartement[departement, default: 0] += count
            }
        }
        return (counts, departements.sorted())
    }

    /// Every file path entries refer to (originals and renditions), for sweeping unused files.
    public func referencedFilePaths() throws -> Set<String> {
        try writer.read { db in
            var paths = Set<String>()
            let rows = try Row.fetchAll(cached: db, sql: "SELECT originalPath, thumbnailPath, previewPath FROM entry")
            for row in rows {
                paths.insert(row["originalPath"])
                paths.insert(row["thumbnailPath"])
                paths.insert(row["previewPath"])
            }
            return paths
        }
    }

    // MARK: - Rules checked inside transactions

    static func checkDuplicate(_ db: Database, entry: Entry, excluding id: Int64?) throws {
        var request = EntryRecord.filter(EntryRecord.Columns.editionId == entry.editionId)
            .filter(EntryRecord.Columns.posterHash == entry.poster.hash)
            .filter(EntryRecord.Columns.status == EntryStatus.active.rawValue)
        if let id { request = request.filter(EntryRecord.Columns.id != id) }
        if let existing = try request.fetchOne(db) {
            let same = existing.establishmentUai == entry.establishment.code
            throw StorageError.duplicatePoster(reference: same ? existing.reference : nil)
        }
    }

    static func checkLimit(_ db: Database, entry: Entry, excluding id: Int64?, max: Int) throws {
        var request = EntryRecord.filter(EntryRecord.Columns.editionId == entry.editionId)
            .filter(EntryRecord.Columns.establishmentUai == entry.establishment.code)
            .filter(EntryRecord.Columns.categoryCode == entry.categoryCode)
            .filter(EntryRecord.Columns.status == EntryStatus.active.rawValue)
        if let id { request = request.filter(EntryRecord.Columns.id != id) }
        if try request.fetchCount(db) >= max { throw StorageError.entryLimitReached(max: max) }
    }
}
