import Core
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// The organisers' reminders: jurors with unfinished ballots, teachers of entries still waiting; once a day each.
struct ReminderWebTests {
    struct Queued: Equatable {
        let kind: String
        let recipient: String
        let subject: String
    }

    static func outbox(_ app: TestApp, kind: String) throws -> [Queued] {
        let queue = try DatabaseQueue(path: app.config.databasePath)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, recipient, subject FROM mailOutbox WHERE kind = ? ORDER BY id", arguments: [kind]).map {
                Queued(kind: $0["kind"], recipient: $0["recipient"], subject: $0["subject"])
            }
        }
    }

    /// Every message in the outbox, whatever its kind or state.
    static func outboxCount(_ app: TestApp) throws -> Int {
        try DatabaseQueue(path: app.config.databasePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mailOutbox") ?? 0 }
    }

    @Test func jurors_who_have_not_finished_are_reminded_once_a_day() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = Browser(client)
            try await JuryFixture.prepare(app, client: organiser)
            try await organiser.login()
            let database = try app.database()
            let done = try database.createJuror(name: "Finie", email: "finie@ac-creteil.fr", conflicts: [], now: app.clock.now)
            _ = try database.createJuror(name: "En cours", email: "encours@ac-creteil.fr", conflicts: [], now: app.clock.now)
            for listing in try database.entries(editionId: 1) {
                let scores = Dictionary(uniqueKeysWithValues: ["theme", "message", "creativite", "graphisme"].map { ($0, 3) })
                try database.saveBallot(Ballot(entryId: listing.entry.id!, jurorId: done.id!, scores: scores, submitted: true, updatedAt: app.clock.now))
            }
            let dashboard = try await organiser.get("/organisation/editions/2022/jury")
            #expect(dashboard.body.contains("Relancer par courriel le juré qui n’a pas fini"))
            let sent = try await organiser.post("/organisation/editions/2022/jury/relance", form: [])
            #expect(sent.status == .seeOther)
            let first = try Self.outbox(app, kind: "juryReminder")
            #expect(first.map(\.recipient) == ["encours@ac-creteil.fr"])
            #expect(first.first?.subject == "Rappel\u{00A0}: 3\u{00A0}affiches à évaluer")
            let after = try await organiser.get("/organisation/editions/2022/jury")
            #expect(after.body.contains("1 relance mise en file d’envoi"))
            // The same day again: nothing more is queued, and the organiser is told why.
            _ = try await organiser.post("/organisation/editions/2022/jury/relance", form: [])
            #expect(try Self.outbox(app, kind: "juryReminder").count == 1)
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("1 relance déjà envoyée aujourd’hui"))
            // The next day (signed in again: sessions do not last a day), once more.
            app.clock.now = app.clock.now.addingTimeInterval(86_400)
            try await organiser.login()
            _ = try await organiser.post("/organisation/editions/2022/jury/relance", form: [])
            #expect(try Self.outbox(app, kind: "juryReminder").count == 2)
            #expect(try await organiser.get("/organisation/journal").body.contains("Relance du jury 2022"))
            // Without the form's token, nothing is sent.
            let forged = try await organiser.post("/organisation/editions/2022/jury/relance", form: [], csrf: "jeton-forge")
            #expect(forged.status == .forbidden)
            #expect(try Self.outbox(app, kind: "juryReminder").count == 2)
        }
    }

    @Test func teachers_of_waiting_entries_are_reminded_before_the_deadline_only() async throws {
        let app = try SubmissionWebTests.openApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            _ = try await SubmissionFixture.submit(Browser(client))
            let organiser = Browser(client)
            try await organiser.login()
            let list = try await organiser.get("/organisation/editions/2022/depots")
            #expect(list.body.contains("Relancer par courriel les enseignants des dépôts en attente"))
            _ = try await organiser.post("/organisation/editions/2022/depots/relance", form: [])
            let queued = try Self.outbox(app, kind: "teacherReminder")
            let reference = try #require(try app.database().entries(editionId: 1).first?.entry.reference)
            #expect(queued == [Queued(kind: "teacherReminder", recipient: "durand@ac-creteil.fr", subject: "Rappel\u{00A0}: dépôt \(reference) à compléter")])
            // Once checked (eligible, current wording), the entry waits for nothing: no reminder the next day.
            let id = try #require(try app.database().entries(editionId: 1).first?.entry.id)
            _ = try await organiser.post("/organisation/depots/\(id)/recevabilite", form: [("decision", "eligible")])
            app.clock.now = app.clock.now.addingTimeInterval(86_400)
            try await organiser.login()
            _ = try await organiser.post("/organisation/editions/2022/depots/relance", form: [])
            #expect(try Self.outbox(app, kind: "teacherReminder").count == 1)
            #expect(try await organiser.get("/organisation/editions/2022/depots").body.contains("Personne à relancer"))
        }
    }
}
