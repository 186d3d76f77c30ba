import Core
import Foundation
import GRDB

extension AppDatabase {
    /// The text of the version `version` of an edition's règlement, as someone accepted it (nil if nobody did).
    public func acceptedRules(editionId: Int64, version: String) throws -> ContestRules? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    cached: db, sql: "SELECT articles FROM contestRules WHERE editionId = ? AND version = ?", arguments: [editionId, version]),
                let json: String = row["articles"]
            else { return nil }
            return try JSONDecoder().decode(ContestRules.self, from: Data(json.utf8))
        }
    }

    /// The versions of an edition's règlement that entries accepted, oldest first, with when each was first accepted.
    public func acceptedRuleVersions(editionId: Int64) throws -> [(version: String, firstAcceptedAt: Date)] {
        try writer.read { db in
            try Row.fetchAll(
                cached: db, sql: "SELECT version, firstAcceptedAt FROM contestRules WHERE editionId = ? ORDER BY firstAcceptedAt, version",
                arguments: [editionId]
            ).map { (version: $0["version"], firstAcceptedAt: $0["firstAcceptedAt"]) }
        }
    }

    /// Records the text of `rules` under its version, once (the first acceptance keeps its date).
    static func keepRules(_ db: Database, _ rules: ContestRules, editionId: Int64, at date: Date) throws {
        let json = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        try db.execute(
            sql: "INSERT OR IGNORE INTO contestRules (editionId, version, articles, firstAcceptedAt) VALUES (?, ?, ?, ?)",
            arguments: [editionId, rules.version, json, date])
    }
}
