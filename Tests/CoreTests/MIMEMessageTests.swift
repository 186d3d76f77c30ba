import Core
import Foundation
import Testing

@Suite struct MIMEMessageTests {
    @Test func asciiSubjectStaysReadable() {
        #expect(MIMEMessage.encodedWords("Invitation") == "Invitation")
        // Text that looks like an encoded word is encoded, so that a reader does not decode it.
        #expect(MIMEMessage.encodedWords("a =?x?= b").hasPrefix("=?UTF-8?B?"))
    }

    @Test func utf8SubjectIsBase64EncodedWordsOfWholeCharacters() {
        #expect(MIMEMessage.encodedWords("Été") == "=?UTF-8?B?w4l0w6k=?=")
        let long = String(repeating: "é", count: 30)
        let words = MIMEMessage.encodedWords(long).split(separator: " ")
        #expect(words.count == 2)
        // 39 bytes at most per word: 19 « é » (38 bytes), never half of one.
        #expect(words[0] == "=?UTF-8?B?\(Data(String(repeating: "é", count: 19).utf8).base64EncodedString())?=")
        #expect(words.allSatisfy { $0.count <= 75 })
    }

    @Test func namesAreQuotedOrEncoded() {
        #expect(MIMEMessage.address(MailAddress("a@b.fr")) == "a@b.fr")
        #expect(MIMEMessage.address(MailAddress("a@b.fr", name: "Jean \"JD\" Dupont")) == "\"Jean \\\"JD\\\" Dupont\" <a@b.fr>")
        #expect(MIMEMessage.address(MailAddress("a@b.fr", name: "Hélène")) == "=?UTF-8?B?SMOpbMOobmU=?= <a@b.fr>")
    }

    @Test func rfc5322Date() {
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 1_700_000_000)) == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test func quotedPrintable() {
        #expect(MIMEMessage.quotedPrintable("été = 1\n") == "=C3=A9t=C3=A9 =3D 1\r\n")
        // A space ending a line is encoded (transports strip trailing spaces).
        #expect(MIMEMessage.quotedPrintable("fin \nsuite") == "fin=20\r\nsuite")
        let long = String(repeating: "a", count: 100)
        let lines = MIMEMessage.quotedPrintable(long).components(separatedBy: "\r\n")
        #expect(lines == [String(repeating: "a", count: 75) + "=", String(repeating: "a", count: 25)])
        // A soft break never cuts an encoded byte.
        let accents = MIMEMessage.quotedPrintable(String(repeating: "é", count: 40)).components(separatedBy: "\r\n")
        #expect(accents.allSatisfy { $0.count <= 76 })
        #expect(accents[0] == String(repeating: "=C3=A9", count: 12) + "=C3=")
    }

    @Test func wholeMessageHeadersAndParts() {
        let message = MailMessage(kind: .receipt, to: MailAddress("prof@ac-creteil.fr", name: "Mme Durand"), subject: "Affiche reçue", text: "Bonjour\n", html: "<p>Bonjour</p>")
        let rendered = MIMEMessage(
            from: MailAddress("concours@ac-creteil.fr", name: "Concours"), replyTo: MailAddress("orga@ac-creteil.fr"),
            messageID: "<outbox-7.00ff@ac-creteil.fr>", date: Date(timeIntervalSince1970: 0), boundary: "B"
        ).render(message)
        #expect(rendered.hasPrefix("From: \"Concours\" <concours@ac-creteil.fr>\r\nTo: \"Mme Durand\" <prof@ac-creteil.fr>\r\nReply-To: orga@ac-creteil.fr\r\n"))
        #expect(rendered.contains("\r\nSubject: =?UTF-8?B?QWZmaWNoZSByZcOndWU=?=\r\n"))
        #expect(rendered.contains("\r\nMessage-ID: <outbox-7.00ff@ac-creteil.fr>\r\n"))
        #expect(rendered.contains("\r\nAuto-Submitted: auto-generated\r\n"))
        #expect(rendered.contains("Content-Type: multipart/alternative;\r\n boundary=\"B\"\r\n"))
        #expect(rendered.contains("--B\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour\r\n\r\n--B\r\n"))
        #expect(rendered.hasSuffix("--B--\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func receiptSaysWhatToDoAndEscapesHTML() {
        let facts = EntryFactsFixture.make(title: "<b>Été</b> & co")
        let message = MailTexts.receipt(facts, privateLink: "https://concours.example/depot/abc")
        #expect(message.kind == .receipt)
        #expect(message.text.contains("https://concours.example/depot/abc"))
        #expect(message.text.contains("Référence\u{00A0}: 2022-ABCD"))
        #expect(message.html.contains("&lt;b&gt;Été&lt;/b&gt; &amp; co"))
        #expect(!message.html.contains("<img"))
        #expect(message.html.contains("href=\"https://concours.example/depot/abc\""))
    }
}

enum EntryFactsFixture {
    static func make(title: String) -> EntryFacts {
        EntryFacts(
            entryId: 5, editionId: 1, reference: "2022-ABCD", title: title, category: "Collège", establishment: "Collège Test (Melun)",
            teacher: MailAddress("durand@ac-creteil.fr", name: "Mme Durand"), deadline: Date(timeIntervalSince1970: 1_650_000_000),
            editionTitle: "8e édition (2022)", year: 2022)
    }
}
