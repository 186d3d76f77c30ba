import Core
import Foundation
import GRDB

extension AppDatabase {
    /// Stores a new edition; its year must be free.
    @discardableResult
    public func insertEdition(_ edition: Edition, isDemo: Bool = false, now: Date = Date()) throws(StorageError) -> Edition {
        try write { db in
            if try EditionRecord.filter(EditionRecord.Columns.year == edition.year).fetchCount(db) > 0 {
                throw StorageError.duplicateEdition(year: edition.year)
            }
            var record = EditionRecord(edition, isDemo: isDemo, updatedAt: now)
            record.id = nil
            try record.insert(db)
            return record.edition
        }
    }

    /// A number that changes whenever anything is committed to the database (by this process, the CLI or another one),
    /// for callers that keep what they built from it; nil for a database without a file, where nothing may be kept.
    public func changeStamp() throws -> ChangeStamp? {
        try editionCache.version().map { ChangeStamp(database: editionCache.instance, version: $0) }
    }

    /// The state of what the jury's boards read (ballots, entries, jurors, rounds, prizes, editions…): it stays the same
    /// across sign-ins, journal lines and queued mail (migration 019's counter, moved by triggers).
    public func judgingStamp() throws -> ChangeStamp? {
        let value = try read { db in try VersionCounter.judging.value(in: db) }
        return value.map { ChangeStamp(database: editionCache.instance, version: $0, counter: .judging) }
    }

    /// ``changeStamp()`` or ``judgingStamp()``, by what the caller's kept value follows.
    public func stamp(_ counter: ChangeStamp.Counter) throws -> ChangeStamp? {
        switch counter {
        case .anyCommit: try changeStamp()
        case .judging: try judgingStamp()
        }
    }

    /// Every edition, newest year first.
    public func editions() throws -> [Edition] {
        try editionCache.snapshot(reading: writer).editions
    }

    public func edition(id: Int64) throws -> Edition? {
        try editions().first { $0.id == id }
    }

    public func edition(year: Int) throws -> Edition? {
        try editions().first { $0.year == year }
    }

    /// True when the edition was made by `serve --demo` (its dates were shifted).
    public func isDemoEdition(id: Int64) throws -> Bool {
        try editionCache.snapshot(reading: writer).demoIDs.contains(id)
    }

    /// The edition the public site is about: the newest one that is not a draft nor archived, else the newest.
    public func currentEdition() throws -> Edition? {
        let all = try editions()
        return all.first { $0.state != .draft && $0.state != .archived } ?? all.first
    }

    /// Moves an edition along its lifecycle (rules in `EditionLifecycle`), recorded in the audit log as done by the system.
    @discardableResult
    public func moveEdition(id: Int64, to target: EditionState, now: Date = Date()) throws(StorageError) -> Edition {
        try moveEdition(id: id, to: target, actor: "concours (ligne de commande)", now: now)
    }

    /// Replaces an edition's settings (not its state), e.g. a new deadline.
    public func updateEdition(_ edition: Edition, now: Date = Date()) throws(StorageError) {
        guard let id = edition.id else { throw .notFound("édition") }
        try write { db in
            guard let record = try EditionRecord.fetchOne(db, key: id) else { throw StorageError.notFound("édition") }
            var updated = EditionRecord(edition, isDemo: record.isDemo, updatedAt: now)
            updated.state = record.state
            try updated.update(db)
        }
    }
}
