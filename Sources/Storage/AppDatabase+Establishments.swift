import Core
import Foundation
import GRDB

/// What an establishment import changed.
public struct ImportReport: Sendable, Equatable {
    public var imported: Int = 0
    public var updated: Int = 0
    public var unchanged: Int = 0
    public var rejected: [EstablishmentDirectory.Rejection] = []

    public init() {}
}

extension AppDatabase {
    /// Inserts new establishments and updates changed ones, in one transaction.
    public func importEstablishments(_ parsed: EstablishmentDirectory.Parsed, now: Date = Date()) throws -> ImportReport {
        var report = ImportReport()
        report.rejected = parsed.rejections
        try writer.write { db in
            for establishment in parsed.establishments {
                let record = EstablishmentRecord(establishment, updatedAt: now)
                if let existing = try EstablishmentRecord.fetchOne(db, key: record.uai) {
                    if existing.sameContent(as: record) {
                        report.unchanged += 1
                    } else {
                        try record.update(db)
                        report.updated += 1
                    }
                } else {
                    try record.insert(db)
                    report.imported += 1
                }
            }
        }
        return report
    }

    public func establishment(uai: UAI) throws -> Establishment? {
        try writer.read { db in try EstablishmentRecord.fetchOne(db, key: uai.code)?.establishment }
    }

    public func establishmentCount() throws -> Int {
        try writer.read { db in try EstablishmentRecord.fetchCount(db) }
    }

    /// Establishments whose UAI, name or commune contain every word of `query` (case and accents ignored).
    public func searchEstablishments(_ query: String, limit: Int = 20) throws -> [Establishment] {
        // A few words of bounded length: a longer query would only build an expression SQLite refuses.
        let words = EstablishmentRecord.fold(String(query.prefix(Self.maxSearchLength))).split(separator: " ").prefix(8).map { String($0.prefix(60)) }
            .filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        return try writer.read { db in
            var request = EstablishmentRecord.all()
            for word in words {
                request = request.filter(EstablishmentRecord.Columns.searchText.like("%\(Self.escapeLike(word))%", escape: "\\"))
            }
            return try request.order(EstablishmentRecord.Columns.name).limit(limit).fetchAll(db).compactMap(\.establishment)
        }
    }

    /// The longest search text looked at.
    public static let maxSearchLength = 200

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
