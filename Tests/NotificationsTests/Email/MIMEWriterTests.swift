import Foundation
import GuichetCore
@testable import GuichetNotifications
import Testing

@Suite("MIME messages: multipart text and HTML, UTF-8 headers, CRLF")
struct MIMEWriterTests {
    static func message(language: Language, subject: String, text: String, html: String?) -> EmailMessage {
        EmailMessage(
            from: Mailbox(EmailAddress("noreply@guichet.ma")!, name: "Guichet — Ministère"),
            to: [Mailbox(EmailAddress("amina@example.ma")!, name: "أمينة العلوي")], subject: subject, text: text, html: html,
            language: language, messageID: "01a2-test@guichet.ma", date: Date(secondsSince1970: 1_796_410_800))
    }

    @Test("an Arabic message: headers decode, parts decode, HTML is right to left, lines are CRLF and short")
    func arabic() throws {
        let html = HTMLLayout.document(body: "<p>شكرا</p>", title: "شكاية", language: .ar)
        let bytes = MIMEWriter.write(Self.message(language: .ar, subject: "تم استلام شكايتكم 7K3M", text: "شكرا لكم.\nرقم التتبع: 7K3M", html: html))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 }, "an encoded message is 7-bit")
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
        }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
        let reader = MIMEReader(bytes)
        #expect(reader.header("Subject") == "تم استلام شكايتكم 7K3M")
        #expect(reader.header("To") == "أمينة العلوي <amina@example.ma>")
        #expect(reader.header("From") == "Guichet — Ministère <noreply@guichet.ma>")
        #expect(reader.header("Message-ID") == "<01a2-test@guichet.ma>")
        #expect(reader.header("Date") == "Fri, 04 Dec 2026 19:00:00 +0000")
        #expect(reader.header("Content-Language") == "ar")
        #expect(reader.header("MIME-Version") == "1.0")
        #expect(reader.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=") == true)
        let parts = reader.parts
        #expect(parts.count == 2)
        #expect(parts.first?.raw("Content-Type") == "text/plain; charset=UTF-8")
        #expect(parts.first?.raw("Content-Transfer-Encoding") == "base64")
        #expect(parts.first?.decodedText == "شكرا لكم.\r\nرقم التتبع: 7K3M")
        #expect(parts.last?.raw("Content-Type") == "text/html; charset=UTF-8")
        let decodedHTML = try #require(parts.last?.decodedText)
        #expect(decodedHTML.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(decodedHTML.contains("<p>شكرا</p>"))
    }

    @Test("a French message is quoted-printable; a message without HTML is a single text part")
    func frenchTextOnly() {
        let bytes = MIMEWriter.write(Self.message(language: .fr, subject: "Réclamation reçue", text: "Bonjour Amina,\n\nVotre réclamation est reçue.", html: nil))
        let reader = MIMEReader(bytes)
        #expect(reader.raw("Content-Type") == "text/plain; charset=UTF-8")
        #expect(reader.raw("Content-Transfer-Encoding") == "quoted-printable")
        #expect(reader.decodedContent == "Bonjour Amina,\r\n\r\nVotre réclamation est reçue.")
        #expect(reader.header("Subject") == "Réclamation reçue")
        #expect(reader.parts.isEmpty)
    }

    @Test("dot-stuffing doubles a dot starting a line and ends the data with CRLF")
    func dotStuffing() {
        #expect(SMTPClient.dotStuffed(Array(".a\r\nb\r\n..c".utf8)) == Array("..a\r\nb\r\n...c\r\n".utf8))
        #expect(SMTPClient.dotStuffed(Array("x.\r\n".utf8)) == Array("x.\r\n".utf8))
        #expect(SMTPClient.dotStuffed([]) == [13, 10])
    }

    @Test("the HTML layout escapes the title and follows the language's direction")
    func layout() {
        #expect(HTMLLayout.document(body: "", title: "<b>", language: .en).contains("<title>&lt;b&gt;</title>"))
        #expect(HTMLLayout.document(body: "", title: nil, language: .fr).contains("dir=\"ltr\""))
        #expect(HTMLLayout.paragraphs(of: "a <b>\nline\n\n\nnext") == "<p>a &lt;b&gt;<br>\nline</p>\n<p>next</p>")
    }
}
