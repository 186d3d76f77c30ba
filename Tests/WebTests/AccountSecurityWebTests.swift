import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import Web

/// Guessing passwords slows the guesser, not the owner; passwords are strong; sessions end when they should.
struct AccountSecurityWebTests {
    static let attacker: HTTPFields = [.xForwardedFor: "203.0.113.66"]
    static let owner: HTTPFields = [.xForwardedFor: "198.51.100.7"]

    static func login(_ browser: Browser, password: String, from client: HTTPFields) async throws -> Browser.Page {
        try await browser.send("/connexion", method: .get, body: nil, contentType: nil, extraHeaders: client)
        let token = try await browser.token(nil)
        let form = "_csrf=\(token)&email=orga%40ac-creteil.fr&password=\(Browser.encode(password))"
        return try await browser.send(
            "/connexion", method: .post, body: ByteBuffer(string: form), contentType: "application/x-www-form-urlencoded", extraHeaders: client)
    }

    @Test func a_guesser_slows_himself_and_never_locks_the_owner_out() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        app.config.trustedProxies = ["127.0.0.1"]
        try app.seedOrganiser()
        let clock = app.clock
        // The owner signed in once from their own browser: it keeps a device cookie.
        let ownerBrowser = try await app.testLive { client in
            let browser = Browser(client)
            let signIn = try await Self.login(browser, password: "motdepasse-solide", from: Self.owner)
            #expect(signIn.status == .seeOther)
            #expect(browser.cookies["concours_appareil"] != nil)
            return browser.cookies
        }
        try await app.testLive { client in
            // Three free failures, then the guesser waits 2 s, 4 s, 8 s… (the clock is moved, no real waiting).
            let guesser = Browser(client)
            for _ in 0..<3 { #expect(try await Self.login(guesser, password: "essai-au-hasard", from: Self.attacker).status == .unauthorized) }
            #expect(try await Self.login(guesser, password: "essai-au-hasard", from: Self.attacker).status == .unauthorized)
            let blocked = try await Self.login(guesser, password: "motdepasse-solide", from: Self.attacker)
            #expect(blocked.status == .tooManyRequests && blocked.body.contains("réessayez dans 2 secondes"))
            for wait in [2.0, 4, 8, 16, 32] {
                clock.now = clock.now.addingTimeInterval(wait)
                #expect(try await Self.login(guesser, password: "essai-au-hasard", from: Self.attacker).status == .unauthorized)
                #expect(try await Self.login(guesser, password: "essai-au-hasard", from: Self.attacker).status == .tooManyRequests)
            }
            // The owner, from another address, is not slowed at all.
            #expect(try await Self.login(Browser(client), password: "motdepasse-solide", from: Self.owner).status == .seeOther)
            // From the guesser's own address (the same school network), the owner's browser with its device cookie gets in.
            let returning = Browser(client)
            for (name, value) in ownerBrowser where name == "concours_appareil" { returning.setCookie(name, value) }
            #expect(try await Self.login(returning, password: "motdepasse-solide", from: Self.attacker).status == .seeOther)
        }
        // A restart forgets nothing: the guesser still waits.
        try await app.testLive { client in
            let again = try await Self.login(Browser(client), password: "essai-au-hasard", from: Self.attacker)
            #expect(again.status == .tooManyRequests)
        }
    }

    /// bcrypt runs off the threads that serve requests: while sign-ins are being checked, a page is answered at once.
    /// (Checked inline, six sign-ins held both of Swift's cooperative threads and the home page waited behind them.)
    /// Each client has its own connection (the test client's one connection answers in turn).
    @Test func sign_ins_being_checked_do_not_hold_up_other_requests() async throws {
        var app = try TestApp()
        defer { app.cleanUp() }
        app.config.trustedProxies = ["127.0.0.1"]
        try app.seedOrganiser()
        try await app.testLive { client in
            let port = try #require(client.port)
            // The sign-ins' forms are posted by now (each first gets the form, then posts it).
            let order = try await CompletionOrder.homePage(
                amid: 6, as: "connexion", port: port, after: .milliseconds(150), headers: { [.xForwardedFor: "198.51.100.\(20 + $0)"] }
            ) { guesser, index in
                let status = try await guesser.signIn(password: "essai-au-hasard-\(index)")
                #expect(status == .unauthorized)
            }
            #expect(order.first == "accueil", "order: \(order)")
        }
    }

    @Test func unknown_and_known_addresses_take_as_long() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            func timed(_ email: String) async throws -> Double {
                let browser = Browser(client)
                try await browser.get("/connexion")
                let start = Date()
                _ = try await browser.post("/connexion", form: [("email", email), ("password", "un-mauvais-mot-de-passe")])
                return Date().timeIntervalSince(start)
            }
            var known: [Double] = []
            var unknown: [Double] = []
            for i in 0..<4 {
                known.append(try await timed("orga@ac-creteil.fr"))
                unknown.append(try await timed("inconnu\(i)@ac-creteil.fr"))
            }
            // bcrypt (cost 11) runs in both cases. Without it an unknown address answers some hundred times faster; the
            // margin (a quarter) leaves room for the other tests that load the machine while this one runs.
            #expect(unknown.min()! > known.min()! * 0.25, "known \(known), unknown \(unknown)")
        }
    }

    @Test func new_passwords_are_long_and_not_common() throws {
        let rules = try Passwords.rules(for: TestApp().config)
        #expect(rules.problem(with: "court-11car")?.contains("12 caractères") == true)
        for common in ["password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "ILOVEYOU2024!", "abababababab"] {
            #expect(rules.problem(with: common)?.contains("plus courants") == true, "\(common)")
        }
        #expect(rules.problem(with: "orga@ac-creteil.fr1", context: ["orga@ac-creteil.fr"]) != nil)
        #expect(rules.problem(with: "trois mots sans lien") == nil)
        #expect(rules.problem(with: "motdepasse-solide") == nil)
    }

    @Test func changing_the_password_ends_every_other_session() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try app.seedOrganiser()
        try await app.test { client in
            let laptop = Browser(client)
            let phone = Browser(client)
            _ = try await laptop.login()
            _ = try await phone.login()
            #expect(try await phone.get("/organisation").status == .ok)
            let weak = try await laptop.post(
                "/compte/mot-de-passe", form: [("current", "motdepasse-solide"), ("password", "password1234"), ("password2", "password1234")])
            #expect(weak.status == .unprocessableContent && weak.body.contains("plus courants"))
            let wrong = try await laptop.post(
                "/compte/mot-de-passe", form: [("current", "pas-le-bon"), ("password", "un nouveau mot de passe"), ("password2", "un nouveau mot de passe")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("actuel est incorrect"))
            let changed = try await laptop.post(
                "/compte/mot-de-passe",
                form: [("current", "motdepasse-solide"), ("password", "un nouveau mot de passe"), ("password2", "un nouveau mot de passe")])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/organisation").status == .ok)
            #expect(try await phone.get("/organisation").status == .seeOther)
            #expect(try await Browser(client).login(password: "un nouveau mot de passe").status == .seeOther)
            #expect(try await Browser(client).login().status == .unauthorized)
            let journal = try await laptop.get("/organisation/journal")
            #expect(journal.body.contains("Mot de passe changé"))
        }
    }

    @Test func a_reissued_invitation_ends_the_jurors_sessions() async throws {
        let app = try TestApp()
        defer { app.cleanUp() }
        try await app.test { client in
            let organiser = try await JuryFixture.signedInOrganiser(app, client: client)
            let link = try await JuryFixture.invite(organiser, name: "Juré Un", email: "jure1@ac-creteil.fr")
            let juror = Browser(client)
            try await JuryFixture.juror(client, invitation: link, browser: juror)
            #expect(try await juror.get("/jury").status == .ok)
            let id = try #require(try app.database().user(email: "jure1@ac-creteil.fr")?.id)
            #expect(try await organiser.post("/organisation/jury/\(id)/invitation", form: []).status == .ok)
            #expect(try await juror.get("/jury").status == .seeOther)
        }
    }
}
