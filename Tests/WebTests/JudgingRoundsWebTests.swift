import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Web

/// Rounds in the running service: k jurors per poster dealt from the jury dashboard, redealt when the jury changes,
/// closed with missing ballots on purpose, and a second round on a shortlist scored afresh.
struct JudgingRoundsWebTests {
    /// 30 eligible posters (3 categories, 3 establishments), five jurors, the last one in conflict with 0951099D.
    static func judging(_ app: TestApp) throws -> (entries: [Entry], jurors: [Int64]) {
        let entries = try ScaleFixture.edition(app, count: 30)
        var jurors: [Int64] = []
        for index in 0..<4 { jurors.append(try ScaleFixture.juror(app, email: "jure\(index)@ac-creteil.fr")) }
        jurors.append(try ScaleFixture.juror(app, email: "jure4@ac-creteil.fr", conflicts: ["0951099D"]))
        return (entries, jurors)
    }

    static func signIn(_ client: any TestClientProtocol, juror index: Int) async throws -> Browser {
        let browser = Browser(client)
        let page = try await browser.login(email: "jure\(index)@ac-creteil.fr", password: ScaleFixture.password)
        #expect(page.status == .seeOther)
        return browser
    }

    /// Loads of enabled jurors and jurors per poster in the stored deal.
    static func shape(_ database: AppDatabase, jurors: [Int64]) throws -> (loads: [Int], perPoster: [Int64: Int], pairs: Set<JuryAssignment.Pair>) {
        let pairs = try database.dealtPairs(editionId: 1, round: 1)
        var perPoster: [Int64: Int] = [:]
        for pair in pairs { perPoster[pair.posterId, default: 0] += 1 }
        return (jurors.map { juror in pairs.filter { $0.jurorId == juror }.count }, perPoster, Set(pairs))
    }

    @Test func k_per_poster_is_dealt_balanced_without_conflicts_and_jurors_see_only_theirs() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try Self.judging(app)
        let conflicted = Set(entries.filter { $0.establishment.code == "0951099D" }.compactMap(\.id))
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let dealt = try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")])
            #expect(dealt.status == .seeOther)
            let database = try app.database()
            let (loads, perPoster, pairs) = try Self.shape(database, jurors: jurors)
            // 30 posters × 2 = 60 pairs over 5 jurors: 12 each; every poster exactly 2; the conflicted juror none of 0951099D.
            #expect(perPoster.count == 30 && perPoster.values.allSatisfy { $0 == 2 })
            #expect(loads.max()! - loads.min()! <= 1 && loads.reduce(0, +) == 60, "\(loads)")
            #expect(pairs.allSatisfy { !($0.jurorId == jurors[4] && conflicted.contains($0.posterId)) })
            #expect(JuryAssignment.components(Array(pairs), jurors: jurors).count == 1, "connected design")
            let board = try await organiser.get("/organisation/editions/2022/jury")
            #expect(board.body.contains("2 jurés par affiche") && board.body.contains("Charge par juré : 12 affiches."))
            #expect(board.body.contains("0 / 60 notations attendues rendues"))
            let audit = try database.auditEvents(limit: 5)
            #expect(audit.contains { $0.action == "répartition" && $0.details.contains("2\u{00A0}jurés par affiche") })

            // A juror's list holds exactly the posters dealt to them; any other code, image included, is a 404.
            let juror = try await Self.signIn(client, juror: 0)
            let mine = Set(pairs.filter { $0.jurorId == jurors[0] }.map(\.posterId))
            let codes = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0.anonymousCode) })
            let list = try await juror.get("/jury?par=100")
            #expect(Set(ScaleFixture.listedCodes(in: list.body)) == Set(mine.compactMap { codes[$0] }))
            #expect(list.body.contains("0 / 12 notées"))
            let other = try #require(entries.first { !mine.contains($0.id!) })
            for path in ["/jury/affiches/\(other.anonymousCode)", "/jury/affiches/\(other.anonymousCode)/image", "/jury/affiches/\(other.anonymousCode)/vignette"] {
                #expect(try await juror.get(path).status == .notFound, "\(path)")
            }
            let form = ScaleFixture.criteria.map { ("note_\($0)", "3") } + [("action", "valider")]
            #expect(try await juror.post("/jury/affiches/\(other.anonymousCode)", form: form).status == .notFound)
            #expect(try database.ballot(entryId: other.id!, jurorId: jurors[0]) == nil)
            // Their own poster saves as a round-1 ballot.
            let own = try #require(codes[mine.sorted().first!])
            #expect(try await juror.post("/jury/affiches/\(own)", form: form).status == .seeOther)
            #expect(try database.ballot(entryId: mine.sorted().first!, jurorId: jurors[0], round: 1)?.submitted == true)

            // The statistics expect the dealt pairs, not every juror × every poster.
            let figures = try await organiser.get("/organisation/editions/2022/statistiques.csv")
            #expect(figures.body.contains("Jury : notes attendues;Ensemble;60") && figures.body.contains("Jury : notes remises;Ensemble;1"))
            // Back to every juror: the conflicted juror still does not see 0951099D's posters.
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "tous")]).status == .seeOther)
            #expect(try database.dealtPairs(editionId: 1, round: 1).isEmpty)
            #expect(try await juror.get("/jury?par=100").body.contains("1 / 30 notées"))
        }
    }

    @Test func bad_k_and_unknown_modes_change_nothing() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        _ = try Self.judging(app)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            for k in ["0", "51", "deux", ""] {
                let page = try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", k)])
                #expect(page.status == .seeOther)
                let after = try await organiser.get("/organisation/editions/2022/jury")
                #expect(after.body.contains("entre 1 et 50 ; rien n’a changé"))
            }
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "pirate")]).status == .badRequest)
            #expect(try app.database().judgingRounds(editionId: 1).isEmpty)
            // A juror may not deal.
            let juror = try await Self.signIn(client, juror: 0)
            let refused = try await juror.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")])
            #expect(refused.status == .forbidden)
            #expect(try app.database().judgingRounds(editionId: 1).isEmpty)
        }
    }

    @Test func too_few_jurors_for_k_says_which_posters_and_why() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        _ = try Self.judging(app)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            // Five jurors, one in conflict with a third of the posters: k = 5 leaves those 10 posters one juror short.
            let dealt = try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "5")])
            #expect(dealt.status == .seeOther)
            let board = try await organiser.get("/organisation/editions/2022/jury")
            #expect(board.body.contains("10 affiches n’ont pas assez de jurés") || board.body.contains("Affiches sans assez de jurés"))
            #expect(board.body.contains("Cette affiche n’a que 4 jurés sans conflit d’intérêts pour 5 demandés : ajoutez des jurés"))
        }
    }

    @Test func withdrawing_and_adding_jurors_redeals_the_rest_and_keeps_every_cast_ballot() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let jurors = try Self.judging(app).jurors
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")]).status == .seeOther)
            let database = try app.database()
            let before = try Self.shape(database, jurors: jurors)
            // Juror 1 scores three of theirs, then is withdrawn; a draft of juror 2 counts as cast too.
            let scored = before.pairs.filter { $0.jurorId == jurors[1] }.map(\.posterId).sorted().prefix(3)
            let scores = Dictionary(uniqueKeysWithValues: ScaleFixture.criteria.map { ($0, 4) })
            for id in scored { try database.saveBallot(Ballot(entryId: id, jurorId: jurors[1], scores: scores, submitted: true, updatedAt: app.clock.now)) }
            let draft = try #require(before.pairs.first { $0.jurorId == jurors[2] }?.posterId)
            try database.saveBallot(Ballot(entryId: draft, jurorId: jurors[2], scores: scores, submitted: false, updatedAt: app.clock.now))
            try database.setUserDisabled(userID: jurors[1], disabled: true)
            let stale = try await organiser.get("/organisation/editions/2022/jury")
            #expect(stale.body.contains("Depuis la dernière répartition") && stale.body.contains("Redistribuer"))
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")]).status == .seeOther)
            let after = try Self.shape(database, jurors: jurors)
            // The withdrawn juror keeps only what they cast; the draft stays with its juror; nobody gets a poster twice.
            #expect(Set(after.pairs.filter { $0.jurorId == jurors[1] }.map(\.posterId)) == Set(scored))
            #expect(after.pairs.contains(JuryAssignment.Pair(jurorId: jurors[2], posterId: draft)))
            #expect(after.perPoster.count == 30 && after.perPoster.values.allSatisfy { $0 == 2 })
            let active = [jurors[0], jurors[2], jurors[3], jurors[4]]
            let activeLoads = active.map { juror in after.pairs.filter { $0.jurorId == juror }.count }
            #expect(activeLoads.max()! - activeLoads.min()! <= 1, "\(activeLoads)")
            #expect(try !(await organiser.get("/organisation/editions/2022/jury").body.contains("Depuis la dernière répartition")))

            // A new juror joins: the redeal gives them a fair share, taken from work not yet started.
            let newcomer = try ScaleFixture.juror(app, email: "jure5@ac-creteil.fr")
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("Depuis la dernière répartition"))
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")]).status == .seeOther)
            let joined = try Self.shape(database, jurors: jurors + [newcomer])
            let loads = (active + [newcomer]).map { juror in joined.pairs.filter { $0.jurorId == juror }.count }
            #expect(loads.max()! - loads.min()! <= 1 && loads.last! >= 8, "\(loads)")
            #expect(Set(joined.pairs.filter { $0.jurorId == jurors[1] }.map(\.posterId)) == Set(scored))
            #expect(joined.pairs.contains(JuryAssignment.Pair(jurorId: jurors[2], posterId: draft)))
            // k raised mid-round: 3 per poster now, cast ballots still there.
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "3")]).status == .seeOther)
            let raised = try Self.shape(database, jurors: jurors + [newcomer])
            #expect(raised.perPoster.values.allSatisfy { $0 == 3 } && raised.perPoster.count == 30)
            #expect(try database.ballots(editionId: 1).count == 4)
        }
    }

    @Test func closing_a_round_with_missing_ballots_is_explicit_and_audited() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try Self.judging(app)
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "2")]).status == .seeOther)
            let database = try app.database()
            let mine = try database.dealtPairs(editionId: 1, round: 1).filter { $0.jurorId == jurors[0] }.map(\.posterId)
            let scores = Dictionary(uniqueKeysWithValues: ScaleFixture.criteria.map { ($0, 4) })
            for id in mine.prefix(2) { try database.saveBallot(Ballot(entryId: id, jurorId: jurors[0], scores: scores, submitted: true, updatedAt: app.clock.now)) }
            // Without the confirmation, nothing closes.
            #expect(try await organiser.post("/organisation/editions/2022/jury/tour/cloture", form: []).status == .seeOther)
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("58 notations manquent encore"))
            #expect(try database.currentRound(editionId: 1).isOpen)
            #expect(try await organiser.post("/organisation/editions/2022/jury/tour/cloture", form: [("confirmer", "1")]).status == .seeOther)
            let round = try database.currentRound(editionId: 1)
            #expect(!round.isOpen && round.missingAtClose == 58 && round.closedBy == "orga@ac-creteil.fr")
            #expect(try database.auditEvents(limit: 5).contains { $0.action == "clôture du tour" && $0.details.contains("58\u{00A0}notes manquantes") })
            // Jurors read their ballots, cannot change them, and are told why.
            let juror = try await Self.signIn(client, juror: 0)
            let code = try #require(entries.first { $0.id == mine[0] }?.anonymousCode)
            let page = try await juror.get("/jury/affiches/\(code)")
            #expect(page.status == .ok && page.body.contains("Premier tour est clos : vos notes sont consultables"))
            let form = ScaleFixture.criteria.map { ("note_\($0)", "1") } + [("action", "valider")]
            let refused = try await juror.post("/jury/affiches/\(code)", form: form)
            #expect(refused.status == .forbidden && refused.body.contains("Premier tour est clos"))
            #expect(try database.ballot(entryId: mine[0], jurorId: jurors[0])?.scores["theme"] == 4)
            // Neither dealing nor closing again.
            #expect(try await organiser.post("/organisation/editions/2022/jury/repartition", form: [("mode", "k"), ("k", "3")]).status == .seeOther)
            #expect(try database.currentRound(editionId: 1).perPoster == 2)
        }
    }

    @Test func leaving_judging_closes_the_round_and_coming_back_reopens_it() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        _ = try Self.judging(app)
        let database = try app.database()
        try database.deal(editionId: 1, perPoster: 2, actor: "orga@ac-creteil.fr", now: app.clock.now)
        try database.moveEdition(id: 1, to: .deliberation, actor: "orga@ac-creteil.fr", now: app.clock.now)
        let closed = try database.currentRound(editionId: 1)
        #expect(!closed.isOpen && closed.missingAtClose == 60)
        try database.moveEdition(id: 1, to: .judging, actor: "orga@ac-creteil.fr", now: app.clock.now)
        #expect(try database.currentRound(editionId: 1).isOpen)
        let actions = try database.auditEvents(limit: 10).map(\.action)
        #expect(actions.contains("clôture du tour") && actions.contains("réouverture du tour"))
        #expect(try database.dealtPairs(editionId: 1, round: 1).count == 60)
    }

    @Test func a_second_round_scores_the_shortlist_afresh_and_gives_the_final_ranking() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try Self.judging(app)
        // Round 1: every juror scored every poster (no conflict in this ranking's way: ScaleFixture's scores are distinct).
        try ScaleFixture.score(app, entries: entries, jurors: Array(jurors.prefix(4)))
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let preview = try await organiser.get("/organisation/editions/2022/jury/second-tour?n=2")
            #expect(preview.status == .ok && preview.body.contains("6 affiches proposées"))
            let ticked = preview.body.matches(of: /name="affiche" value="(\d+)" id="affiche-\d+" aria-label="[^"]*" checked/).map { Int64($0.1)! }
            #expect(ticked.count == 6)
            let unticked = try #require(preview.body.firstMatch(of: /name="affiche" value="(\d+)" id="affiche-\d+" aria-label="[^"]*" >/).map { Int64($0.1)! })
            let extra = try #require(entries.first { !ticked.contains($0.id!) && $0.id != unticked })
            // An unknown code refuses the whole form.
            let wrong = try await organiser.post(
                "/organisation/editions/2022/jury/second-tour", form: [("n", "2"), ("affiche", String(ticked[0])), ("ajout", "ZZ-999")])
            #expect(wrong.status == .seeOther && wrong.location == "/organisation/editions/2022/jury/second-tour?n=2")
            #expect(try app.database().currentRound(editionId: 1).number == 1)
            // Drop one of the proposed, add one ticked below the cut and one by code.
            let chosen = Array(ticked.dropFirst()) + [unticked]
            let opened = try await organiser.post(
                "/organisation/editions/2022/jury/second-tour",
                form: [("n", "2")] + chosen.map { ("affiche", String($0)) } + [("ajout", extra.anonymousCode.lowercased())])
            #expect(opened.status == .seeOther)
            let database = try app.database()
            let shortlist = try database.shortlist(editionId: 1)
            #expect(Set(shortlist.keys) == Set(chosen + [extra.id!]) && shortlist[unticked] == .added && shortlist[extra.id!] == .added)
            #expect(shortlist[ticked[1]] == .rank)
            let rounds = try database.judgingRounds(editionId: 1)
            #expect(rounds.map(\.number) == [1, 2] && !rounds[0].isOpen && rounds[1].isOpen)

            // A juror sees the shortlist only, with a fresh form: no round-1 score shows.
            let juror = try await Self.signIn(client, juror: 0)
            let list = try await juror.get("/jury?par=100")
            let codes = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0.anonymousCode) })
            #expect(Set(ScaleFixture.listedCodes(in: list.body)) == Set(shortlist.keys.compactMap { codes[$0] }))
            #expect(list.body.contains("0 / 7 notées") && list.body.contains("Second tour : notez à nouveau"))
            let code = try #require(codes[chosen[0]])
            let form = try await juror.get("/jury/affiches/\(code)")
            #expect(form.status == .ok && !form.body.contains("checked"))
            let dropped = try #require(codes[ticked[0]])
            #expect(try await juror.get("/jury/affiches/\(dropped)").status == .notFound)
            let fields = ScaleFixture.criteria.map { ("note_\($0)", "5") } + [("action", "valider")]
            #expect(try await juror.post("/jury/affiches/\(code)", form: fields).status == .seeOther)
            #expect(try database.ballot(entryId: chosen[0], jurorId: jurors[0], round: 2)?.scores["theme"] == 5)
            #expect(try database.ballots(editionId: 1, round: 1).count == 120, "round 1 untouched")

            // The ranking is round 2's; round 1 stays visible to organisers.
            let final = try await organiser.execute(json: "/organisation/editions/2022/classement.json")
            #expect(final.round == 2 && final.countedRounds == [2] && final.categories.flatMap(\.entries).count == 7)
            #expect(final.categories.flatMap(\.entries).allSatisfy { $0.round == 2 })
            let scored = try #require(try database.entry(id: chosen[0])).reference
            #expect(final.categories.flatMap(\.entries).first { $0.reference == scored }?.ballots == 1)
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("Le classement final est celui du second tour seul."))

            // The organisers may count both rounds instead: round 1's 4 ballots on that poster join round 2's, audited;
            // then back to round 2 alone. An unknown value changes nothing.
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour/regle", form: [("cumul", "2")]).status == .badRequest)
            #expect(try database.currentRound(editionId: 1).cumulative == false)
            let changed = try await organiser.post("/organisation/editions/2022/jury/second-tour/regle", form: [("cumul", "1")])
            #expect(changed.status == .seeOther && changed.location == "/organisation/editions/2022/jury")
            #expect(try database.currentRound(editionId: 1).cumulative)
            let cumulated = try await organiser.execute(json: "/organisation/editions/2022/classement.json")
            #expect(cumulated.countedRounds == [1, 2] && cumulated.categories.flatMap(\.entries).count == 7)
            #expect(cumulated.categories.flatMap(\.entries).first { $0.reference == scored }?.ballots == 5)
            let cumulatedBoard = try await organiser.get("/organisation/editions/2022/jury")
            #expect(cumulatedBoard.body.contains("Le classement final cumule les notes des deux tours sur les affiches retenues."))
            #expect(try database.auditEvents(limit: 5).contains { $0.details.contains("Règle du classement final changée") })
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour/regle", form: [("cumul", "0")]).status == .seeOther)
            #expect(try await organiser.execute(json: "/organisation/editions/2022/classement.json").countedRounds == [2])
            let first = try await organiser.execute(json: "/organisation/editions/2022/classement.json?tour=1")
            #expect(first.round == 1 && first.categories.flatMap(\.entries).count == 30)
            let board = try await organiser.get("/organisation/editions/2022/jury")
            #expect(board.body.contains("Second tour ouvert sur 7 affiches") && board.body.contains("?tour=1"))
            let page = try await organiser.get("/organisation/editions/2022/classement")
            #expect(page.body.contains("Second tour : classement final, sur les 7 affiches retenues"))

            // Cancelling is refused once a juror has scored in round 2.
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour/annulation", form: []).status == .seeOther)
            #expect(try database.currentRound(editionId: 1).number == 2)
            #expect(try await organiser.get("/organisation/editions/2022/jury").body.contains("il ne peut plus être annulé"))
        }
    }

    @Test func jurors_coups_de_coeur_can_join_the_shortlist() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try Self.judging(app)
        try ScaleFixture.score(app, entries: entries, jurors: Array(jurors.prefix(2)))
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let before = try await organiser.get("/organisation/editions/2022/jury/second-tour?n=1")
            let ticked = Set(before.body.matches(of: /name="affiche" value="(\d+)" id="affiche-\d+" aria-label="[^"]*" checked/).map { Int64($0.1)! })
            #expect(ticked.count == 3 && !before.body.contains("coups de cœur des jurés hors de la proposition"))
            // A juror flags a poster far below the cut.
            let flagged = try #require(entries.first { !ticked.contains($0.id!) })
            let juror = try await Self.signIn(client, juror: 0)
            let flag = try await juror.post("/jury/affiches/\(flagged.anonymousCode)/coup-de-coeur", form: [("valeur", "1")])
            #expect(flag.status == .seeOther)
            let preview = try await organiser.get("/organisation/editions/2022/jury/second-tour?n=1")
            #expect(preview.body.contains("★ 1") && preview.body.contains("coups de cœur des jurés hors de la proposition (1 affiche, marquées ★)"))
            let opened = try await organiser.post(
                "/organisation/editions/2022/jury/second-tour", form: [("n", "1")] + ticked.map { ("affiche", String($0)) } + [("coups-de-coeur", "1")])
            #expect(opened.status == .seeOther)
            let shortlist = try app.database().shortlist(editionId: 1)
            #expect(shortlist.count == 4 && shortlist[flagged.id!] == .favourite)
            #expect(try app.database().auditEvents(limit: 3).contains { $0.details.contains("1 coup de cœur") })
        }
    }

    @Test func a_second_round_without_ballots_can_be_cancelled() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        let (entries, jurors) = try Self.judging(app)
        try ScaleFixture.score(app, entries: entries, jurors: Array(jurors.prefix(2)))
        try await app.test { client in
            let organiser = Browser(client)
            _ = try await organiser.login()
            let ids = entries.prefix(3).map { String($0.id!) }
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour", form: ids.map { ("affiche", $0) }).status == .seeOther)
            #expect(try app.database().currentRound(editionId: 1).number == 2)
            // One poster is not enough; another edition's or a made-up id is a 400.
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour", form: [("affiche", "999999")]).status == .seeOther)
            #expect(try await organiser.post("/organisation/editions/2022/jury/second-tour/annulation", form: []).status == .seeOther)
            let database = try app.database()
            #expect(try database.judgingRounds(editionId: 1).map(\.number) == [1] && database.currentRound(editionId: 1).isOpen)
            #expect(try database.shortlist(editionId: 1).isEmpty)
            let refused = try await organiser.post("/organisation/editions/2022/jury/second-tour", form: [("affiche", "999999"), ("affiche", ids[0])])
            #expect(refused.status == .badRequest)
            #expect(try database.judgingRounds(editionId: 1).map(\.number) == [1])
        }
    }
}

extension Browser {
    /// `classement.json` decoded.
    func execute(json path: String) async throws -> ClassementWebTests.Report {
        let page = try await get(path)
        #expect(page.status == .ok, "\(path)")
        return try JSONDecoder().decode(ClassementWebTests.Report.self, from: Data(page.body.utf8))
    }
}
