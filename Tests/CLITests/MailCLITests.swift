import Core
import Foundation
import Storage
import TestSupport
import Testing

/// `concours serve` delivering the outbox to a real SMTP server, killed with SIGKILL in the middle and started again.
@Suite(.enabled(if: SMTPTestServer.isAvailable, "python3-aiosmtpd is not installed (bash .ci/install)"))
struct MailCLITests {
    static func startServe(data: URL, smtpPort: Int, log: URL) throws -> Process {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(Int.random(in: 19900..<20800)), "--data-dir", data.path]
        var environment = ProcessInfo.processInfo.environment
        environment["CONCOURS_SMTP_HOST"] = "127.0.0.1"
        environment["CONCOURS_SMTP_PORT"] = String(smtpPort)
        environment["CONCOURS_SMTP_SECURITY"] = "none"
        environment["CONCOURS_MAIL_RATE"] = "50"
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func kill9(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(10_000) }
    }

    struct Outcome: Sendable {
        var atKill: Int
        var sent: Int
        var expected: Set<String>
        var receivedIDs: [String]
        var receivedSubjects: [String]
    }

    /// The blocking part (processes, polling) on a thread of its own: polling there is not delayed by a busy task pool,
    /// and the pool's few threads are not held by this test while the rest of the suite runs.
    static func onThread(_ body: @escaping @Sendable () throws -> Outcome) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }.start()
        }
    }

    @Test func a_kill_9_during_delivery_loses_no_message_and_resends_with_the_same_message_id() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CLITests.executable.path))
        let dir = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 40
        let outcome = try await Self.onThread {
            let data = dir.appendingPathComponent("donnees")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            // Each DATA is answered after 300 ms (about 12 s for the lot), so that the kill lands while messages are in flight.
            let smtp = try SMTPTestServer(delay: 0.3)
            defer { smtp.stop() }
            let database = try AppDatabase(path: data.appendingPathComponent("concours.sqlite").path)
            let messages = (1...count).map { i in
                MailMessage(kind: .results, to: MailAddress("prof\(i)@ac-creteil.fr"), subject: "Résultats n° \(i)", text: "Bonjour \(i)\n", html: "<p>\(i)</p>")
            }
            _ = try database.enqueueMail(messages, now: Date())
            let first = try Self.startServe(data: data, smtpPort: smtp.port, log: dir.appendingPathComponent("serve1.log"))
            var deadline = Date().addingTimeInterval(120)
            while smtp.messageFiles().count < 5, Date() < deadline, first.isRunning { usleep(10_000) }
            Self.kill9(first)
            let atKill = smtp.messageFiles().count
            let second = try Self.startServe(data: data, smtpPort: smtp.port, log: dir.appendingPathComponent("serve2.log"))
            defer { Self.kill9(second) }
            deadline = Date().addingTimeInterval(120)
            while try database.outboxCounts().sent < count, Date() < deadline { usleep(100_000) }
            let received = try smtp.messages()
            let expected = Set(try (1...Int64(count)).compactMap { id in try database.mailItem(id: id).map { "<\($0.messageId)@ac-creteil.fr>" } })
            return Outcome(
                atKill: atKill, sent: try database.outboxCounts().sent, expected: expected, receivedIDs: received.map(\.messageId),
                receivedSubjects: received.map(\.subject))
        }
        #expect(outcome.atKill >= 5)
        #expect(outcome.atKill < count, "the kill came after the whole delivery: the test proves nothing")
        #expect(outcome.sent == count)
        #expect(outcome.expected.count == count)
        // Every message arrived at least once; a resend carries the Message-ID of the first attempt.
        #expect(Set(outcome.receivedIDs) == outcome.expected)
        #expect(outcome.receivedIDs.count >= count)
        let pairs = Dictionary(grouping: zip(outcome.receivedSubjects, outcome.receivedIDs), by: \.0)
        #expect(pairs.count == count)
        #expect(pairs.values.allSatisfy { Set($0.map(\.1)).count == 1 })
    }
}
