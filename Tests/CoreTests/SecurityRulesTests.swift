import Foundation
import Testing

@testable import Core

/// Local paths, throttle delays and password rules, without I/O.
struct SecurityRulesTests {
    @Test func only_plain_local_paths_are_redirect_targets() {
        for good in ["/", "/organisation", "/organisation/editions/2022/depots?categorie=college", "/jury/affiches/K7-3QF"] {
            #expect(LocalPath.isSafeRedirect(good), "\(good)")
        }
        for bad in ["", "organisation", "//evil.example", "/\\evil", "/\t/evil.example", "/\n/evil", "https://evil.example", "javascript:alert(1)",
            "/%2F/evil", "/%5cevil", "/a b", "/a\u{85}b", "/x%00y"]
        {
            #expect(!LocalPath.isSafeRedirect(bad), "\(bad.debugDescription)")
        }
    }

    @Test func suspicious_request_paths_are_recognised() {
        for bad in ["/static//css", "/static/css%00@evil.example", "/a\\b", "/a%5Cb", "/x/%2f%2fy", "/x%1fy", "/x%7f"] {
            #expect(LocalPath.isSuspiciousRequestPath(bad), "\(bad)")
        }
        for good in ["/", "/static/css/site.css", "/depot/abc-DEF_123/affiche", "/palmares/2022/galerie", "/a%20b"] {
            #expect(!LocalPath.isSuspiciousRequestPath(good), "\(good)")
        }
    }

    @Test func delays_grow_after_the_free_attempts_up_to_the_cap() {
        let policy = ThrottlePolicy(freeAttempts: 3, firstDelay: 2, maximumDelay: 60, memory: 3600)
        #expect((0...3).map(policy.delay(afterFailures:)) == [0, 0, 0, 0])
        #expect((4...9).map(policy.delay(afterFailures:)) == [2, 4, 8, 16, 32, 60])
        #expect(policy.delay(afterFailures: 1000) == 60)
        let last = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.blockedUntil(failures: 5, lastFailureAt: last, now: last.addingTimeInterval(1)) == last.addingTimeInterval(4))
        #expect(policy.blockedUntil(failures: 5, lastFailureAt: last, now: last.addingTimeInterval(4)) == nil)
        #expect(policy.blockedUntil(failures: 50, lastFailureAt: last, now: last.addingTimeInterval(3601)) == nil)
        #expect(ThrottlePolicy.frenchWait(1) == "1 seconde" && ThrottlePolicy.frenchWait(8) == "8 secondes")
        #expect(ThrottlePolicy.frenchWait(61) == "2 minutes" && ThrottlePolicy.frenchWait(60) == "1 minute")
    }

    @Test func password_rules_strip_decorations_and_refuse_patterns() {
        let rules = PasswordRules(commonPasswords: ["password", "soleil", "azertyuiop"])
        #expect(rules.problem(with: "Password2024!!") != nil)
        #expect(rules.problem(with: "!!soleil123456") != nil)
        #expect(rules.problem(with: "azertyuiop12") != nil)
        #expect(rules.problem(with: "123456789012") != nil)
        #expect(rules.problem(with: "zzzzzzzzzzzz") != nil)
        #expect(rules.problem(with: "soleil de printemps") == nil)
        #expect(rules.problem(with: "Concours2022!") == nil)
    }
}
