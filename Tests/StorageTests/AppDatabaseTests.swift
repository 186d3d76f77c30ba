import Core
import Foundation
import Storage
import Testing

struct AppDatabaseTests {
    static func edition() -> Edition {
        Edition(
            number: 8, year: 2022, theme: "Autonomies, Mobilités et Persévérance",
            weekStart: CalendarDay(year: 2022, month: 4, day: 11), weekEnd: CalendarDay(year: 2022, month: 4, day: 16),
            submissionOpensAt: ParisTime.parse("2022-01-10T08:00")!, submissionDeadline: ParisTime.parse("2022-03-31T23:59:59")!,
            categories: [Category(code: "college", label: "Collèges")],
            criteria: [Criterion(code: "theme", label: "Respect du thème", weight: 1, scale: .init(min: 0, max: 5))])
    }

    @Test func editions_round_trip_and_move_along_the_lifecycle() throws {
        // Given an empty database
        let database = try AppDatabase.inMemory()
        #expect(try database.isEmpty())
        // When an edition is stored and opened
        let stored = try database.insertEdition(Self.edition())
        let id = try #require(stored.id)
        let opened = try database.moveEdition(id: id, to: .open, now: ParisTime.parse("2022-02-01T00:00")!)
        // Then it reads back whole, in its new state
        let read = try #require(try database.edition(year: 2022))
        #expect(read == opened)
        #expect(read.state == .open && read.criteria == Self.edition().criteria)
        #expect(try database.currentEdition()?.id == id)
    }

    @Test func illegal_moves_and_duplicate_years_are_refused() throws {
        let database = try AppDatabase.inMemory()
        let id = try #require(try database.insertEdition(Self.edition()).id)
        #expect(throws: StorageError.self) { try database.insertEdition(Self.edition()) }
        do {
            try database.moveEdition(id: id, to: .published, now: Date())
            Issue.record("move should have been refused")
        } catch {
            #expect(error.message.contains("Impossible de passer"))
        }
        #expect(try database.edition(id: id)?.state == .draft)
    }

    @Test func establishment_import_reports_new_updated_and_unchanged() throws {
        let database = try AppDatabase.inMemory()
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
            """
        let first = try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
        #expect(first.imported == 2 && first.updated == 0 && first.unchanged == 0)
        let changed = csv.replacingOccurrences(of: "Lycée Paul Éluard", with: "Lycée polyvalent Paul Éluard")
        let second = try database.importEstablishments(EstablishmentDirectory.parse(Data(changed.utf8)))
        #expect(second.imported == 0 && second.updated == 1 && second.unchanged == 1)
        #expect(try database.establishment(uai: UAI("0930001W"))?.name == "Lycée polyvalent Paul Éluard")
    }

    @Test func establishment_search_ignores_case_and_accents() throws {
        let database = try AppDatabase.inMemory()
        let csv = """
            identifiant_de_l_etablissement;nom_etablissement;type_etablissement;nom_commune;code_departement
            0951099D;Collège Jean Moulin;Collège;Sarcelles;95
            0930001W;Lycée Paul Éluard;Lycée;Saint-Denis;93
            """
        _ = try database.importEstablishments(EstablishmentDirectory.parse(Data(csv.utf8)))
        #expect(try database.searchEstablishments("eluard").map(\.uai.code) == ["0930001W"])
        #expect(try database.searchEstablishments("saint denis").map(\.uai.code) == ["0930001W"])
        #expect(try database.searchEstablishments("0951").map(\.uai.code) == ["0951099D"])
        #expect(try database.searchEstablishments("%").isEmpty)
    }

    @Test func sessions_expire_and_end_when_the_account_is_disabled() throws {
        let database = try AppDatabase.inMemory()
        let user = try database.insertUser(User(email: "a@ac-creteil.fr", displayName: "A", role: .organiser, passwordHash: "x"))
        let id = try #require(user.id)
        let now = Date()
        try database.createSession(tokenHash: "h1", userID: id, now: now, lifetime: 3600)
        #expect(try database.sessionUser(tokenHash: "h1", now: now)?.email == "a@ac-creteil.fr")
        #expect(try database.sessionUser(tokenHash: "h1", now: now.addingTimeInterval(3601)) == nil)
        try database.setUserDisabled(userID: id, disabled: true)
        #expect(try database.sessionUser(tokenHash: "h1", now: now) == nil)
        #expect(throws: StorageError.self) { try database.insertUser(User(email: "a@ac-creteil.fr", displayName: "B", role: .juror)) }
    }
}

extension AppDatabaseTests {
    @Test func throttle_counters_count_restart_after_their_memory_and_survive_other_keys() throws {
        let database = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try database.recordThrottleFailure(["pair:a"], now: start, memory: 86_400)
        try database.recordThrottleFailure(["pair:a"], now: start.addingTimeInterval(10), memory: 86_400)
        #expect(try database.throttleCounters(["pair:a"])["pair:a"]?.failures == 2)
        // A short-memory key recorded hours later does not sweep the login counter away.
        try database.recordThrottleFailure(["submit:b"], now: start.addingTimeInterval(3 * 3600), memory: 3600)
        #expect(try database.throttleCounters(["pair:a", "submit:b"]).count == 2)
        // Past its memory, a counter starts again from one.
        try database.recordThrottleFailure(["pair:a"], now: start.addingTimeInterval(86_400 + 20), memory: 86_400)
        #expect(try database.throttleCounters(["pair:a"])["pair:a"]?.failures == 1)
        try database.clearThrottle(["pair:a"])
        #expect(try database.throttleCounters(["pair:a"]).isEmpty)
        #expect(try database.serverSecret(named: "x") == database.serverSecret(named: "x"))
    }
}

extension AppDatabaseTests {
    @Test func cached_editions_follow_changes_made_by_another_process() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concours-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("concours.sqlite").path
        let server = try AppDatabase(path: path)
        let stored = try server.insertEdition(Self.edition())
        #expect(try server.edition(id: stored.id!)?.theme == stored.theme)
        #expect(try server.currentEdition()?.state == .draft)
        // The command line opens its own connection (another process) and changes the edition.
        let cli = try AppDatabase(path: path)
        var changed = try #require(try cli.edition(id: stored.id!))
        changed.theme = "Un autre thème"
        try cli.updateEdition(changed)
        _ = try cli.moveEdition(id: stored.id!, to: .open, now: ParisTime.parse("2022-02-01T00:00")!)
        #expect(try server.edition(id: stored.id!)?.theme == "Un autre thème")
        #expect(try server.edition(year: stored.year)?.state == .open)
        #expect(try server.editions().first?.theme == "Un autre thème")
    }
}
