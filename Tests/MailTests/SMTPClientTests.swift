import Core
import Foundation
import Mail
import TestSupport
import Testing

/// The SMTP client against a real server (python3-aiosmtpd) on loopback.
@Suite(.serialized, .enabled(if: SMTPTestServer.isAvailable, "python3-aiosmtpd is not installed (bash .ci/install)"))
struct SMTPClientTests {
    static let message = MailMessage(
        kind: .receipt, to: MailAddress("prof@ac-creteil.fr", name: "Hélène Lefèvre"),
        subject: "Affiche 2022-ABCD bien reçue — « Été » à l’école", text: "Bonjour,\n.ligne qui commence par un point\n..et deux\nFin.\n",
        html: "<p>Bonjour, <strong>été</strong></p>")

    func data(_ id: String = "outbox-1.abcdef") -> String {
        MIMEMessage(
            from: MailAddress("concours@ac-creteil.fr", name: "Concours d’affiches"), replyTo: MailAddress("organisation@ac-creteil.fr"),
            messageID: "<\(id)@ac-creteil.fr>", date: Date(timeIntervalSince1970: 1_700_000_000), boundary: "b-1"
        ).render(Self.message)
    }

    func client(_ server: SMTPTestServer, security: SMTPSettings.Security = .none, host: String = "127.0.0.1", user: String? = nil,
        password: String? = nil, caFile: String? = nil) throws -> SMTPClient {
        try SMTPClient(
            settings: SMTPSettings(host: host, port: server.port, security: security, username: user, password: password, caFile: caFile, timeoutSeconds: 20))
    }

    @Test func plainDeliveryKeepsHeadersPartsAndDots() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let answer = try await client(server).send(from: "concours@ac-creteil.fr", to: ["prof@ac-creteil.fr"], data: data())
        #expect(answer.hasPrefix("250 "))
        let mails = try await server.waitForMessages(1)
        let mail = try #require(mails.first)
        #expect(mail.subject == Self.message.subject)
        #expect(mail.rawSubject.contains("=?UTF-8?B?"))
        #expect(mail.messageId == "<outbox-1.abcdef@ac-creteil.fr>")
        #expect(mail.replyTo == "organisation@ac-creteil.fr")
        #expect(mail.autoSubmitted == "auto-generated")
        #expect(mail.to == "Hélène Lefèvre <prof@ac-creteil.fr>")
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.text == Self.message.text.replacingOccurrences(of: "\n", with: "\r\n") || mail.text == Self.message.text)
        #expect(mail.html.contains("<strong>été</strong>"))
        #expect(mail.defects == 0)
        #expect(mail.longestLine <= 78)
        #expect(mail.envelopeTo == "prof@ac-creteil.fr")
        #expect(mail.tls == "no")
    }

    @Test func startTLSWithAuthVerifiesTheCertificate() async throws {
        let certificate = try TestCertificate()
        let server = try SMTPTestServer(user: "concours", password: "s3cret é", certificate: certificate)
        defer { server.stop() }
        let smtp = try client(server, security: .starttls, host: "localhost", user: "concours", password: "s3cret é", caFile: certificate.certificate.path)
        _ = try await smtp.send(from: "concours@ac-creteil.fr", to: ["prof@ac-creteil.fr"], data: data())
        let mail = try #require(try await server.waitForMessages(1).first)
        #expect(mail.tls == "yes")
        #expect(mail.auth == "True")
    }

    @Test func untrustedCertificateIsRefused() async throws {
        let certificate = try TestCertificate()
        let server = try SMTPTestServer(user: "concours", password: "pw", certificate: certificate)
        defer { server.stop() }
        // No CA file: the system's authorities do not know the test's self-signed certificate.
        let smtp = try client(server, security: .starttls, host: "localhost", user: "concours", password: "pw")
        await #expect {
            _ = try await smtp.send(from: "concours@ac-creteil.fr", to: ["prof@ac-creteil.fr"], data: data())
        } throws: { error in
            guard case .tls = error as? SMTPError else { return false }
            return true
        }
        // A certificate for another name is refused too, even with its CA trusted.
        let other = try TestCertificate(commonName: "relais.example", includeLoopbackIP: false)
        let wrongName = try SMTPTestServer(certificate: other)
        defer { wrongName.stop() }
        let mismatch = try client(wrongName, security: .starttls, host: "localhost", caFile: other.certificate.path)
        await #expect(throws: SMTPError.self) { _ = try await mismatch.send(from: "a@b.fr", to: ["c@d.fr"], data: data()) }
        #expect(server.messageFiles().isEmpty && wrongName.messageFiles().isEmpty)
    }

    @Test func wrongPasswordIsPermanent() async throws {
        let certificate = try TestCertificate()
        let server = try SMTPTestServer(user: "concours", password: "right", certificate: certificate)
        defer { server.stop() }
        let smtp = try client(server, security: .starttls, host: "localhost", user: "concours", password: "wrong", caFile: certificate.certificate.path)
        do {
            _ = try await smtp.send(from: "a@b.fr", to: ["c@d.fr"], data: data())
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.isPermanent)
            #expect(error.answer.contains("535"))
        }
    }

    @Test func temporaryThenAccepted() async throws {
        let server = try SMTPTestServer(mode: .tempfail, failures: 1)
        defer { server.stop() }
        let smtp = try client(server)
        do {
            _ = try await smtp.send(from: "a@b.fr", to: ["c@d.fr"], data: data())
            Issue.record("the 451 was not reported")
        } catch {
            #expect(!error.isPermanent)
            #expect(error.answer.hasPrefix("451 "))
        }
        _ = try await smtp.send(from: "a@b.fr", to: ["c@d.fr"], data: data())
        #expect(try await server.waitForMessages(1).count == 1)
    }

    @Test func rejectionIsPermanentWithTheReply() async throws {
        let server = try SMTPTestServer(mode: .reject)
        defer { server.stop() }
        let smtp = try client(server)
        do {
            _ = try await smtp.send(from: "a@b.fr", to: ["inconnu@d.fr"], data: data())
            Issue.record("the 550 was not reported")
        } catch {
            #expect(error.isPermanent)
            #expect(error.answer.contains("550 5.1.1"))
        }
    }

    @Test func nobodyListeningIsAConnectionError() async throws {
        let server = try SMTPTestServer()
        let port = server.port
        server.stop()
        let smtp = try SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: port, security: .none, timeoutSeconds: 2))
        await #expect {
            _ = try await smtp.send(from: "a@b.fr", to: ["c@d.fr"], data: data())
        } throws: { error in
            guard case .connection = error as? SMTPError else { return false }
            return true
        }
    }
}
