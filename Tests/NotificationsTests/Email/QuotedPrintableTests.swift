import Foundation
import GuichetCore
import GuichetNotifications
import Testing

@Suite("Quoted-printable")
struct QuotedPrintableTests {
    @Test("printable ASCII stays, everything else is escaped, and it decodes back", arguments: [
        "Bonjour", "Réclamation reçue — merci !", "a = b", "شكاية رقم 12", "tab\tinside", "emoji 🇲🇦 ok", "",
    ])
    func roundTrip(text: String) throws {
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        #expect(try #require(QuotedPrintable.decode(encoded)) == Array(text.utf8))
    }

    @Test("lines stay within 76 characters, soft breaks never split an escape")
    func lineLength() throws {
        let text = String(repeating: "é", count: 100) + " " + String(repeating: "x", count: 200) + "\n" + String(repeating: "=", count: 80)
        let encoded = QuotedPrintable.encode(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(!line.hasSuffix("=E") && !line.hasSuffix("=C3"), "an escape split across lines: \(line)")
        }
        #expect(String(decoding: try #require(QuotedPrintable.decode(encoded)), as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("a space or tab ending a line is encoded; line breaks become CRLF")
    func trailingWhitespace() {
        #expect(QuotedPrintable.encode("end \nnext\t") == "end=20\r\nnext=09")
        #expect(QuotedPrintable.encode("a\r\nb\rc") == "a\r\nb\r\nc")
        #expect(QuotedPrintable.encode("x=1") == "x=3D1")
    }

    @Test("malformed escapes do not decode")
    func malformed() {
        #expect(QuotedPrintable.decode("=G1") == nil)
        #expect(QuotedPrintable.decode("abc=") == nil)
        #expect(QuotedPrintable.decode("soft=\r\nbreak") == Array("softbreak".utf8))
    }
}

@Suite("RFC 2047 headers and RFC 5322 dates")
struct HeaderEncodingTests {
    @Test("plain ASCII is kept, anything else becomes encoded words that decode back", arguments: [
        "Votre réclamation 7K3M-9QXR", "تم استلام شكايتكم رقم 7K3M", "Plain subject", "=?UTF-8?B?trap?=",
        String(repeating: "مرحبا بكم ", count: 20), "Emoji 🇲🇦🇲🇦🇲🇦 " + String(repeating: "é", count: 60),
    ])
    func encodedWords(text: String) {
        let value = EncodedWord.headerValue(text, used: 9)
        let lines = ("Subject: " + value).components(separatedBy: "\r\n")
        for line in lines {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
        }
        for (index, line) in lines.enumerated() where index > 0 {
            #expect(line.hasPrefix(" "), "a folded line must start with white space")
        }
        #expect(MIMEReader.decodeWords(value) == text)
    }

    @Test("a display name is quoted when ASCII, encoded otherwise")
    func displayNames() {
        #expect(EncodedWord.displayName("Amina \"A\" Alaoui", used: 4) == #""Amina \"A\" Alaoui""#)
        let arabic = EncodedWord.displayName("أمينة", used: 4)
        #expect(arabic.hasPrefix("=?UTF-8?B?"))
        #expect(MIMEReader.decodeWords(arabic) == "أمينة")
    }

    @Test("dates are written in UTC with the weekday", arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 +0000"), (1_796_410_800, "Fri, 04 Dec 2026 19:00:00 +0000"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"), (-86_400, "Wed, 31 Dec 1969 00:00:00 +0000"),
    ])
    func dates(seconds: Int64, expected: String) {
        #expect(RFC5322Date.format(Date(secondsSince1970: seconds)) == expected)
    }
}
