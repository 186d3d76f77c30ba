import Core
import Crypto
import Foundation
import GRDB

/// Where a juror stands on a poster: a ballot still to write, a draft, or a submitted score.
public enum JurorBallotState: String, Sendable {
    case todo, draft, done
}

/// Which of a juror's posters a list shows.
public enum JurorListFilter: String, Sendable, CaseIterable {
    case all, toScore, scored
    /// The posters the juror flagged « coup de cœur ».
    case favourites
}

/// One poster of a juror's list: only what a juror may know of it.
public struct JurorPoster: Sendable, Equatable {
    public var code: String
    public var title: String
    public var categoryCode: String
    public var state: JurorBallotState
    /// The juror flagged it « coup de cœur ».
    public var isFavourite: Bool = false
}

/// A juror's progress on an edition.
public struct JurorProgress: Sendable, Equatable {
    /// Posters the juror may see.
    public var total: Int
    /// Of those, posters with a submitted ballot.
    public var submitted: Int
    /// The first poster in the juror's order still without a submitted ballot.
    public var nextCode: String?
}

/// One poster in a juror's order, with its neighbours.
public struct JurorPlacement: Sendable {
    public var entry: Entry
    /// 1-based position among the posters the juror may see.
    public var position: Int
    public var total: Int
    public var previousCode: String?
    public var nextCode: String?
    let sortKey: String
}

extension AppDatabase {
    /// A juror's order: the SHA-256 of their seed followed by the anonymous code, compared byte by byte (hex keeps that order).
    static func jurorSortKey(seed: String, code: String) -> String {
        FileStore.hex(SHA256.hash(data: Data((seed + code).utf8)))
    }

    /// The juror's posters in their order, visible ones only: the same rule as `juryVisibleSQL`, read at every query so that
    /// a conflict or an eligibility decision takes effect at once. Arguments: juror, edition, juror.
    static let jurorOrderSQL = visibleOrderSQL(ballotJoin: "")

    /// `jurorOrderSQL` for the queries that read nothing of `e` but its id, state, establishment and anonymous code
    /// (counts, the previous and next poster): each entry is looked up in migration 020's `entry_visibility` index
    /// instead of its row. The order is shuffled, so at 5,000 entries each count read the entry table's thousand pages in
    /// random order through a cache of 500: 3,264 reads of the file for one count, 171 through the index; after every
    /// ballot (a write empties the readers' caches) a scoring page made 4,800 of them.
    static let jurorOrderIndexSQL = visibleOrderSQL(ballotJoin: "", byIndex: true)

    /// `jurorOrderSQL` with the juror's ballot joined as `b` (one more juror argument first).
    static let jurorBallotSQL = visibleOrderSQL(ballotJoin: ballotJoin)

    /// `jurorBallotSQL` through the index (see ``jurorOrderIndexSQL``).
    static let jurorBallotIndexSQL = visibleOrderSQL(ballotJoin: ballotJoin, byIndex: true)

    private static let ballotJoin = " LEFT JOIN ballot b ON b.entryId = e.id AND b.jurorId = ? AND b.round = COALESCE(r.number, 1)"

    /// The current round `r` (none stored: round 1, every juror) and what it lets a juror see: with k jurors per poster, the
    /// posters dealt to them; in round 2, the shortlisted ones.
    static func visibleOrderSQL(ballotJoin: String, byIndex: Bool = false) -> String {
        """
         FROM jurorOrder o JOIN entry e\(byIndex ? " INDEXED BY entry_visibility" : "") ON e.id = o.entryId
         LEFT JOIN juryRound r ON r.editionId = o.editionId AND r.number = (SELECT MAX(number) FROM juryRound WHERE editionId = o.editionId)\(ballotJoin)
         WHERE o.jurorId = ? AND o.editionId = ? AND e.status = 'active' AND e.eligibility = 'eligible'
         AND e.establishmentUai NOT IN (SELECT uai FROM jurorConflict WHERE userId = ?)
         AND (r.perPoster IS NULL OR EXISTS (SELECT 1 FROM juryAssignment a WHERE a.editionId = o.editionId AND a.round = r.number AND a.jurorId = o.jurorId AND a.entryId = o.entryId))
         AND (COALESCE(r.number, 1) = 1 OR EXISTS (SELECT 1 FROM shortlist s WHERE s.editionId = o.editionId AND s.entryId = o.entryId))
        """
    }

    /// Stores the juror's order for every entry of the edition that has none yet (all of them the first time, entries added
    /// later afterwards). Cheap when nothing is missing: two indexed counts.
    public func prepareJurorOrder(editionId: Int64, jurorId: Int64) throws(StorageError) {
        let missing = try read { db in
            try Int.fetchOne(cached: db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM entry WHERE editionId = ?) - (SELECT COUNT(*) FROM jurorOrder WHERE jurorId = ? AND editionId = ?)
                    """, arguments: [editionId, jurorId, editionId]) ?? 0
        }
        guard missing > 0 else { return }
        try write { db in try Self.fillJurorOrder(db, editionId: editionId, jurorId: jurorId) }
    }

    static func fillJurorOrder(_ db: Database, editionId: Int64, jurorId: Int64) throws {
        let seed = try String.fetchOne(cached: db, sql: "SELECT orderSeed FROM user WHERE id = ?", arguments: [jurorId]) ?? ""
        let rows = try Row.fetchAll(cached: db,
            sql: """
                SELECT id, anonymousCode FROM entry WHERE editionId = ? AND anonymousCode IS NOT NULL
                AND id NOT IN (SELECT entryId FROM jurorOrder WHERE jurorId = ?)
                """, arguments: [editionId, jurorId])
        let statement = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO jurorOrder (jurorId, entryId, editionId, sortKey) VALUES (?, ?, ?, ?)")
        for row in rows {
            let code: String = row["anonymousCode"]
            try statement.execute(arguments: [jurorId, row["id"] as Int64, editionId, jurorSortKey(seed: seed, code: code)])
        }
    }

    /// Stores the order of every juror for an edition (when judging opens).
    static func fillJurorOrders(_ db: Database, editionId: Int64) throws {
        for jurorId in try Int64.fetchAll(cached: db, sql: "SELECT id FROM user WHERE role = ?", arguments: [Role.juror.rawValue]) {
            try fillJurorOrder(db, editionId: editionId, jurorId: jurorId)
        }
    }

    // MARK: - Reading a juror's order

    static func ballotCondition(_ filter: JurorListFilter) -> String {
        switch filter {
        case .all: return ""
        case .toScore: return " AND (b.submitted IS NULL OR b.submitted = 0)"
        case .scored: return " AND b.submitted = 1"
        case .favourites:
            return " AND EXISTS (SELECT 1 FROM juryFavourite f WHERE f.entryId = e.id AND f.jurorId = o.jurorId AND f.editionId = o.editionId)"
        }
    }

    /// How many of the juror's posters the filter keeps.
    public func jurorPosterCount(editionId: Int64, jurorId: Int64, filter: JurorListFilter) async throws(StorageError) -> Int {
        try await asyncRead { db in
            try Int.fetchOne(cached: db,
                sql: "SELECT COUNT(*) " + Self.jurorBallotIndexSQL
                    + Self.ballotCondition(filter),
                arguments: [jurorId, jurorId, editionId, jurorId]) ?? 0
        }
    }

    /// One page of the juror's posters, in their order.
    public func jurorPosters(editionId: Int64, jurorId: Int64, filter: JurorListFilter, limit: Int, offset: Int) async throws(StorageError)
        -> [JurorPoster]
    {
        try await asyncRead { db in
            let sql =
                "SELECT e.anonymousCode, e.title, e.categoryCode, b.submitted, "
                + "EXISTS (SELECT 1 FROM juryFavourite f WHERE f.entryId = e.id AND f.jurorId = o.jurorId AND f.editionId = o.editionId) AS favourite"
                + Self.jurorBallotSQL + Self.ballotCondition(filter)
                + " ORDER BY o.sortKey, o.entryId LIMIT ? OFFSET ?"
            return try Row.fetchAll(cached: db, sql: sql, arguments: [jurorId, jurorId, editionId, jurorId, limit, offset]).map { row in
                let submitted: Bool? = row["submitted"]
                return JurorPoster(
                    code: row["anonymousCode"], title: row["title"], categoryCode: row["categoryCode"],
                    state: submitted == nil ? .todo : (submitted == true ? .done : .draft), isFavourite: row["favourite"])
            }
        }
    }

    /// The juror's progress: visible posters, submitted ballots among them, and the first one still to score.
    public func jurorProgress(editionId: Int64, jurorId: Int64) async throws(StorageError) -> JurorProgress {
        try await asyncRead { db in
            let joined = Self.jurorBallotIndexSQL
            let arguments: StatementArguments = [jurorId, jurorId, editionId, jurorId]
            let row = try Row.fetchOne(cached: db, sql: "SELECT COUNT(*) AS total, COUNT(CASE WHEN b.submitted = 1 THEN 1 END) AS submitted " + joined, arguments: arguments)
            let next = try String.fetchOne(cached: db, sql: "SELECT e.anonymousCode " + joined + Self.ballotCondition(.toScore) + " ORDER BY o.sortKey, o.entryId LIMIT 1",
                arguments: arguments)
            return JurorProgress(total: row?["total"] ?? 0, submitted: row?["submitted"] ?? 0, nextCode: next)
        }
    }

    /// The poster behind a code with its place in the juror's order, only if the juror may see it (`nil` otherwise,
    /// whatever the reason: unknown code, conflict, other edition, not eligible).
    public func jurorPlacement(editionId: Int64, jurorId: Int64, anonymousCode: String) async throws(StorageError) -> JurorPlacement? {
        try await asyncRead { db in
            let arguments: StatementArguments = [jurorId, editionId, jurorId]
            guard
                let row = try Row.fetchOne(cached: db, sql: "SELECT e.*, o.sortKey AS jurorSortKey " + Self.jurorOrderSQL + " AND e.anonymousCode = ?",
                    arguments: arguments + [anonymousCode]),
                let entry = try EntryRecord(row: row).entry
            else { return nil }
            let key: String = row["jurorSortKey"]
            let id = entry.id ?? 0
            let before = try Int.fetchOne(cached: db, sql: "SELECT COUNT(*) " + Self.jurorOrderIndexSQL + " AND (o.sortKey, o.entryId) < (?, ?)", arguments: arguments + [key, id]) ?? 0
            let total = try Int.fetchOne(cached: db, sql: "SELECT COUNT(*) " + Self.jurorOrderIndexSQL, arguments: arguments) ?? 0
            let previous = try String.fetchOne(cached: db,
                sql: "SELECT e.anonymousCode " + Self.jurorOrderIndexSQL
                    + " AND (o.sortKey, o.entryId) < (?, ?) ORDER BY o.sortKey DESC, o.entryId DESC LIMIT 1",
                arguments: arguments + [key, id])
            let next = try String.fetchOne(cached: db,
                sql: "SELECT e.anonymousCode " + Self.jurorOrderIndexSQL + " AND (o.sortKey, o.entryId) > (?, ?) ORDER BY o.sortKey, o.entryId LIMIT 1",
                arguments: arguments + [key, id])
            return JurorPlacement(entry: entry, position: before + 1, total: total, previousCode: previous, nextCode: next, sortKey: key)
        }
    }

    /// The next poster still to score after `placement` in the juror's order, going round to the start; nil when all are scored.
    public func nextToScore(after placement: JurorPlacement, editionId: Int64, jurorId: Int64) async throws(StorageError) -> String? {
        try await asyncRead { db in
            let joined = Self.jurorBallotIndexSQL + Self.ballotCondition(.toScore)
            let arguments: StatementArguments = [jurorId, jurorId, editionId, jurorId]
            let id = placement.entry.id ?? 0
            if let after = try String.fetchOne(cached: db, sql: "SELECT e.anonymousCode " + joined + " AND (o.sortKey, o.entryId) > (?, ?) ORDER BY o.sortKey, o.entryId LIMIT 1",
                arguments: arguments + [placement.sortKey, id])
            {
                return after
            }
            return try String.fetchOne(cached: db, sql: "SELECT e.anonymousCode " + joined + " AND (o.sortKey, o.entryId) < (?, ?) ORDER BY o.sortKey, o.entryId LIMIT 1",
                arguments: arguments + [placement.sortKey, id])
        }
    }

    /// The juror's order as stored, every entry of the edition (visible or not), for checks.
    public func storedJurorOrder(editionId: Int64, jurorId: Int64) throws(StorageError) -> [String] {
        try read { db in
            try String.fetchAll(cached: db,
                sql: """
                    SELECT e.anonymousCode FROM jurorOrder o JOIN entry e ON e.id = o.entryId
                    WHERE o.jurorId = ? AND o.editionId = ? ORDER BY o.sortKey, o.entryId
                    """,
                arguments: [jurorId, editionId])
        }
    }

    /// A read through GRDB's async access: it runs on the pool's reader queue while the task is suspended, so the event
    /// loop that serves the request goes on serving its other connections (the juror's pages read their order on each
    /// view not kept whole, 5,000 rows of it at most). Errors become `StorageError.database`, as with ``read(_:)``.
    func asyncRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw Self.readFailure(error)
        }
    }

    /// Runs a read, turning errors into `StorageError.database`.
    func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Self.readFailure(error)
        }
    }

    /// A read's error as the storage reports it: its own errors as they are, any other as `.database`.
    private static func readFailure(_ error: any Error) -> StorageError {
        (error as? StorageError) ?? .database(String(describing: error))
    }
}
