import Core
import Foundation
import GRDB
import Testing

@testable import Storage

/// The retention purge and a person's erasure on a real SQLite file and a real file store.
struct RetentionStorageTests {
    static let published = ParisTime.parse("2022-04-20T10:00")!
    static let policy = RetentionPolicy(personalDataMonths: 12, nonAwardedOriginalsMonths: 12)
    static let due = ParisTime.parse("2023-04-20T10:00")!

    /// An edition published on 20 April 2022 with four entries, and a 2023 edition still open with one:
    /// - `awarded` (a prize; its original is also the withdrawn entry's),
    /// - `plain` (no prize, its own original),
    /// - `sharedAcross` (no prize, same original as the 2023 entry),
    /// - `withdrawn` (no prize, same original as `awarded`).
    struct Fixture {
        let directory: URL
        let database: AppDatabase
        let files: FileStore
        var ids: [String: Int64] = [:]
        var originals: [String: String] = [:]
        var renditions: [String] = []
        var jurorId: Int64 = 0

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("concours-retention-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            database = try AppDatabase(path: directory.appendingPathComponent("concours.sqlite").path)
            files = try FileStore(root: directory.appendingPathComponent("files"))
            let csv = """
                identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
                0951099D;Collège Jean Moulin;Collège;Sarcelles;95
                0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
                """
            _ = try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
            let opening = ParisTime.parse("2022-02-01T10:00")!
            let edition = try database.insertEdition(AppDatabaseTests.edition())
            let id = try #require(edition.id)
            try database.moveEdition(id: id, to: .open, now: opening)
            try add("withdrawn", original: "shared-with-awarded", edition: id, uai: "0930001W")
            try database.withdrawEntry(id: ids["withdrawn"]!, now: opening)
            try add("awarded", original: "shared-with-awarded", edition: id, uai: "0951099D")
            try add("plain", original: "plain", edition: id, uai: "0930001W")
            try add("sharedAcross", original: "across-editions", edition: id, uai: "0951099D")
            var next = AppDatabaseTests.edition()
            next.year = 2023
            next.submissionDeadline = ParisTime.parse("2023-03-31T23:59")!
            let nextId = try #require(try database.insertEdition(next).id)
            try database.moveEdition(id: nextId, to: .open, now: opening)
            try add("next", original: "across-editions", edition: nextId, uai: "0951099D")
            for step in [EditionState.closed, .judging] { try database.moveEdition(id: id, to: step, now: opening) }
            let juror = try database.createJuror(name: "Jeanne Juré", email: "jeanne@ac-creteil.fr", conflicts: [], now: opening)
            jurorId = try #require(juror.id)
            for name in ["awarded", "plain", "sharedAcross"] {
                try database.saveBallot(Ballot(entryId: ids[name]!, jurorId: jurorId, scores: ["theme": 4], submitted: true, updatedAt: opening))
            }
            try database.moveEdition(id: id, to: .deliberation, now: opening)
            try database.assignAward(
                Award(editionId: id, prizeCode: "premier", categoryCode: "college", entryId: ids["awarded"]!, reason: nil, assignedBy: "orga", assignedAt: opening),
                audit: "prix")
            try database.moveEdition(id: id, to: .published, now: RetentionStorageTests.published)
        }

        mutating func add(_ name: String, original: String, edition: Int64, uai: String) throws {
            let stored = try files.put(Data("original \(original)".utf8), fileExtension: "png")
            let thumbnail = try files.put(Data("thumbnail \(name)".utf8), fileExtension: "jpg")
            let preview = try files.put(Data("preview \(name)".utf8), fileExtension: "jpg")
            let now = ParisTime.parse("2022-02-02T10:00")!
            let entry = Entry(
                editionId: edition, reference: "REF-\(name)", establishment: try UAI(uai), categoryCode: "college",
                details: EntryDetails(
                    title: "Titre \(name)", statement: "Intention", classLabel: "4e B", studentCount: 20, teacherName: "Mme \(name)",
                    teacherEmail: "\(name.lowercased())@ac-creteil.fr"),
                consent: Consent(imageRights: true, authorsRights: true, publicGallery: true, recordedAt: now),
                poster: PosterFile(
                    hash: stored.hash, originalPath: stored.path, format: "png", byteCount: 10, width: 600, height: 800,
                    thumbnailPath: thumbnail.path, previewPath: preview.path, originalFileName: "\(name).png"),
                createdAt: now, updatedAt: now)
            ids[name] = try database.insertEntry(entry, tokenHash: "token-\(name)", maxPerCategory: 5).id
            originals[name] = stored.path
            renditions += [thumbnail.path, preview.path]
        }

        func entry(_ name: String) throws -> Entry { try #require(try database.entry(id: ids[name]!)) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: files.url(forRelativePath: path).path) }
        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func publication_is_recorded_once_and_nothing_is_due_before_the_period_ends() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let record = try fixture.database.retentionRecord(editionId: 1)
        #expect(record.publishedAt == Self.published)
        // Unpublishing and publishing again keeps the first date.
        try fixture.database.moveEdition(id: 1, to: .deliberation, now: Self.due)
        try fixture.database.moveEdition(id: 1, to: .published, now: Self.due)
        #expect(try fixture.database.retentionRecord(editionId: 1).publishedAt == Self.published)
        let before = ParisTime.parse("2023-04-20T09:59")!
        #expect(try fixture.database.purgeDue(editionId: 1, policy: Self.policy, actor: "test", now: before, files: fixture.files) == nil)
        #expect(try fixture.entry("plain").details.teacherEmail == "plain@ac-creteil.fr")
        // The 2023 edition is not published: never due.
        #expect(try fixture.database.purgeDue(editionId: 2, policy: RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 0), actor: "test", now: Self.due, files: fixture.files) == nil)
    }

    @Test func the_purge_erases_names_and_non_awarded_originals_and_keeps_what_the_palmares_needs() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        // The dry run (the overview) tells what would go and changes nothing.
        let overview = try #require(try fixture.database.retentionOverview(policy: Self.policy, now: Self.due).first { $0.edition.year == 2022 })
        #expect(overview.pending == [.personalData, .nonAwardedOriginals])
        #expect(overview.preview == PurgeCounts(personalDataErased: 4, originalsDeleted: 3, filesDeleted: 1))
        #expect(try fixture.entry("plain").details.teacherName == "Mme plain" && fixture.exists(fixture.originals["plain"]!))
        let auditBefore = try fixture.database.auditEvents().count

        let outcome = try #require(try fixture.database.purgeDue(editionId: 1, policy: Self.policy, actor: "test", now: Self.due, files: fixture.files))
        #expect(outcome.counts == overview.preview)
        // Deleted: every 2022 teacher's name and e-mail; the originals of non-awarded entries.
        for name in ["awarded", "plain", "sharedAcross", "withdrawn"] {
            let entry = try fixture.entry(name)
            #expect(entry.details.teacherName.isEmpty && entry.details.teacherEmail.isEmpty && entry.personalDataErasedAt == Self.due, "\(name)")
            #expect(entry.details.title == "Titre \(name)" && entry.details.classLabel == "4e B", "\(name)")
        }
        #expect(!fixture.exists(fixture.originals["plain"]!))
        for name in ["plain", "sharedAcross", "withdrawn"] {
            let entry = try fixture.entry(name)
            #expect(entry.poster.originalPath.isEmpty && entry.originalDeletedAt == Self.due, "\(name)")
        }
        // Kept: the awarded original, files another entry still refers to, every rendition, the 2023 entry, ballots.
        let awarded = try fixture.entry("awarded")
        #expect(awarded.poster.originalPath == fixture.originals["awarded"] && awarded.originalDeletedAt == nil && fixture.exists(awarded.poster.originalPath))
        #expect(fixture.exists(fixture.originals["sharedAcross"]!), "the 2023 entry still uses these bytes")
        for path in fixture.renditions { #expect(fixture.exists(path), "\(path)") }
        #expect(try fixture.entry("next").details.teacherEmail == "next@ac-creteil.fr")
        #expect(try fixture.database.ballots(editionId: 1).count == 3)
        #expect(try fixture.database.awards(editionId: 1).count == 1)
        // Recorded on the edition and in the journal, with counts and no address.
        let record = try fixture.database.retentionRecord(editionId: 1)
        #expect(record.personalDataPurgedAt == Self.due && record.originalsPurgedAt == Self.due)
        #expect(record.personalDataErasedCount == 4 && record.originalsDeletedCount == 3 && record.filesDeletedCount == 1)
        let events = try fixture.database.auditEvents()
        #expect(events.count == auditBefore + 1)
        let line = try #require(events.first)
        #expect(line.action == "conservation" && line.editionId == 1)
        #expect(line.details.replacingOccurrences(of: "\u{00A0}", with: " ") == "Édition 2022 : 4 noms et e-mails d’encadrants effacés ; 3 originaux non primés supprimés (1 fichier)")
        #expect(!line.details.contains("@"))

        // Idempotent: nothing is due any more, nothing changes, nothing is logged.
        #expect(try fixture.database.purgeDue(editionId: 1, policy: Self.policy, actor: "test", now: Self.due.addingTimeInterval(86_400), files: fixture.files) == nil)
        #expect(try fixture.database.auditEvents().count == auditBefore + 1)
        #expect(try fixture.database.retentionOverview(policy: Self.policy, now: Self.due).first { $0.edition.year == 2022 }?.pending == [])
    }

    @Test func the_periods_are_separate() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let policy = RetentionPolicy(personalDataMonths: 0, nonAwardedOriginalsMonths: 24)
        let outcome = try #require(try fixture.database.purgeDue(editionId: 1, policy: policy, actor: "test", now: Self.due, files: fixture.files))
        #expect(outcome.tasks == [.personalData])
        let plain = try fixture.entry("plain")
        #expect(fixture.exists(fixture.originals["plain"]!) && plain.originalDeletedAt == nil)
        let later = try #require(try fixture.database.purgeDue(editionId: 1, policy: policy, actor: "test", now: ParisTime.parse("2024-04-20T10:00")!, files: fixture.files))
        #expect(later.tasks == [.nonAwardedOriginals] && later.counts.originalsDeleted == 3)
        #expect(!fixture.exists(fixture.originals["plain"]!))
    }

    @Test func a_crash_between_the_commit_and_the_file_deletion_is_harmless() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        // The transaction commits, then the process "dies" before deleting anything.
        _ = try #require(try fixture.database.commitPurge(editionId: 1, policy: Self.policy, actor: "test", now: Self.due))
        let plain = fixture.originals["plain"]!
        #expect(fixture.exists(plain))
        #expect(try fixture.database.referencedFilePaths().contains(plain) == false)
        // A new entry that came to use the same bytes in the meantime keeps them.
        var shared = try fixture.entry("next")
        shared.poster.originalPath = plain
        try fixture.database.writer.write { db in
            try db.execute(sql: "UPDATE entry SET originalPath = ? WHERE id = ?", arguments: [plain, shared.id!])
        }
        #expect(fixture.database.deletePendingFiles(files: fixture.files) == 0)
        #expect(fixture.exists(plain))
        #expect(try fixture.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pendingFileDeletion") } == 0)

        // Without that, the next start (or purge) deletes what the dead process left.
        let other = try Fixture()
        defer { other.cleanUp() }
        _ = try other.database.commitPurge(editionId: 1, policy: Self.policy, actor: "test", now: Self.due)
        let reopened = try AppDatabase(path: other.directory.appendingPathComponent("concours.sqlite").path)
        #expect(reopened.deletePendingFiles(files: other.files) == 1)
        #expect(!other.exists(other.originals["plain"]!))
        #expect(other.exists(other.originals["awarded"]!))
    }

    @Test func a_person_is_found_by_address_and_erased_keeping_the_ballots() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let organiser = try fixture.database.insertUser(User(email: "orga@ac-creteil.fr", displayName: "Orga", role: .organiser, passwordHash: "x"))
        let held = try fixture.database.personalData(email: "plain@ac-creteil.fr")
        #expect(held.entries.map(\.entry.reference) == ["REF-plain"] && held.account == nil)
        #expect(held.entries.first?.establishmentName == "Lycée Paul Éluard")
        let juror = try fixture.database.personalData(email: "JEANNE@ac-creteil.fr".lowercased())
        #expect(juror.account?.role == .juror && juror.ballotCount == 3 && juror.entries.isEmpty)
        try fixture.database.createSession(tokenHash: "juror-session", userID: fixture.jurorId, now: Self.due, lifetime: 3600)

        let outcome = try fixture.database.erasePersonalData(email: "jeanne@ac-creteil.fr", requestedBy: organiser, now: Self.due)
        #expect(outcome == ErasureOutcome(entriesErased: 0, accountRole: .juror))
        let anonymised = try #require(try fixture.database.user(id: fixture.jurorId))
        #expect(anonymised.email != "jeanne@ac-creteil.fr" && !anonymised.displayName.contains("Jeanne") && anonymised.disabled && anonymised.passwordHash == nil)
        #expect(try fixture.database.sessionUser(tokenHash: "juror-session", now: Self.due) == nil)
        #expect(try fixture.database.ballots(editionId: 1, jurorId: fixture.jurorId).count == 3)
        #expect(try fixture.database.personalData(email: "jeanne@ac-creteil.fr").isEmpty)

        let entries = try fixture.database.erasePersonalData(email: "plain@ac-creteil.fr", requestedBy: organiser, now: Self.due)
        #expect(entries == ErasureOutcome(entriesErased: 1, accountRole: nil))
        let plain = try fixture.entry("plain")
        #expect(plain.details.teacherName.isEmpty && plain.personalDataErasedAt == Self.due)
        #expect(try fixture.entry("awarded").details.teacherName == "Mme awarded")
        let journal = try fixture.database.auditEvents().filter { $0.action == "effacement sur demande" }.map { $0.details.replacingOccurrences(of: "\u{00A0}", with: " ") }
        #expect(journal == ["Demande pour p•••@ac-creteil.fr : 1 dépôt dont l’encadrant est effacé", "Demande pour j•••@ac-creteil.fr : compte de juré anonymisé"])
    }

    @Test func erasing_ones_own_or_the_last_organiser_account_is_refused() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let first = try fixture.database.insertUser(User(email: "orga@ac-creteil.fr", displayName: "Orga", role: .organiser, passwordHash: "x"))
        let second = try fixture.database.insertUser(User(email: "autre@ac-creteil.fr", displayName: "Autre", role: .organiser, passwordHash: nil))
        #expect { try fixture.database.erasePersonalData(email: "orga@ac-creteil.fr", requestedBy: first, now: Self.due) } throws: { error in
            (error as? StorageError)?.message.replacingOccurrences(of: "\u{00A0}", with: " ") == "Vous ne pouvez pas effacer votre propre compte : demandez-le à un autre organisateur."
        }
        // « autre » has no password yet: « orga » is the only organiser able to sign in.
        #expect { try fixture.database.erasePersonalData(email: "orga@ac-creteil.fr", requestedBy: second, now: Self.due) } throws: { error in
            (error as? StorageError)?.message.replacingOccurrences(of: "\u{00A0}", with: " ") == "C’est le seul compte organisateur : créez-en un autre avant de l’effacer."
        }
        #expect(try fixture.database.user(id: first.id!)?.email == "orga@ac-creteil.fr")
        #expect { try fixture.database.erasePersonalData(email: "personne@ac-creteil.fr", requestedBy: first, now: Self.due) } throws: { _ in true }
    }
}

/// Migration009 on a database whose editions were published before it.
struct RetentionMigrationTests {
    @Test func editions_published_before_the_migration_take_their_first_publication_from_the_journal() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "007-list-indexes")
        let journalled = ParisTime.parse("2022-04-20T10:00")!
        let republished = ParisTime.parse("2022-05-02T10:00")!
        let changed = ParisTime.parse("2022-06-01T10:00")!
        try queue.write { db in
            for (year, state) in [(2021, "archived"), (2022, "published"), (2023, "deliberation")] {
                var edition = AppDatabaseTests.edition()
                edition.year = year
                var record = EditionRecord(edition, isDemo: false, updatedAt: changed)
                record.state = state
                try record.insert(db)
            }
            for (at, details) in [
                (journalled, "Édition 2022 : « Délibération » → « Résultats publiés »"),
                (republished, "Édition 2022 : « Délibération » → « Résultats publiés »"),
                (journalled, "Édition 2022 : « Évaluation du jury » → « Délibération »"),
            ] {
                try db.execute(
                    sql: "INSERT INTO auditEvent (at, actor, action, details, editionId) VALUES (?, 'orga', 'étape', ?, 2)", arguments: [at, details])
            }
        }
        let database = try AppDatabase(writer: queue)
        #expect(try database.retentionRecord(editionId: 2).publishedAt == journalled)
        // No journal line: the last change, never earlier than the real publication.
        #expect(try database.retentionRecord(editionId: 1).publishedAt == changed)
        #expect(try database.retentionRecord(editionId: 3).publishedAt == nil)
    }
}
