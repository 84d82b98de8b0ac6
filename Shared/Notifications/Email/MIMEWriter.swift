import GuichetCrypto

/// Writes an ``EmailMessage`` as an Internet message (RFC 5322, MIME): UTF-8 headers as RFC 2047
/// encoded words, and a `multipart/alternative` of text and HTML (or the text alone), each part
/// in quoted-printable when mostly ASCII and base64 otherwise (Arabic), with CRLF line ends and no
/// line over 76 characters.
public enum MIMEWriter {
    /// The message's bytes. `boundary` separates the parts; the default cannot occur in either
    /// encoding (`=_` never appears in quoted-printable or base64).
    public static func write(_ message: EmailMessage, boundary: String = "=_guichet_" + Hex.encode(SecureRandom.bytes(count: 12))) -> [UInt8] {
        var head = ""
        func header(_ name: String, _ value: String) {
            head += "\(name): \(value)\r\n"
        }
        header("Date", RFC5322Date.format(message.date))
        header("From", mailbox(message.from, used: 6))
        header("To", message.to.map { mailbox($0, used: 4) }.joined(separator: ",\r\n "))
        if let replyTo = message.replyTo { header("Reply-To", mailbox(replyTo, used: 10)) }
        header("Subject", EncodedWord.headerValue(message.subject, used: 9))
        header("Message-ID", "<\(message.messageID)>")
        header("MIME-Version", "1.0")
        header("Content-Language", message.language.tag)
        // RFC 3834: an automatic message; out-of-office replies should not answer it.
        header("Auto-Submitted", "auto-generated")
        var body = ""
        if let html = message.html {
            header("Content-Type", "multipart/alternative;\r\n boundary=\"\(boundary)\"")
            body += "This is a MIME message in text and HTML.\r\n"
            body += "--\(boundary)\r\n" + part(message.text, type: "text/plain")
            body += "--\(boundary)\r\n" + part(html, type: "text/html")
            body += "--\(boundary)--\r\n"
        } else {
            let (encoding, encoded) = encode(message.text)
            header("Content-Type", "text/plain; charset=UTF-8")
            header("Content-Transfer-Encoding", encoding)
            body += encoded + "\r\n"
        }
        return Array((head + "\r\n" + body).utf8)
    }

    /// `"Name" <address>`, or the address alone.
    static func mailbox(_ mailbox: Mailbox, used: Int) -> String {
        guard let name = mailbox.name, !name.isEmpty else { return mailbox.address.value }
        return EncodedWord.displayName(name, used: used) + " <\(mailbox.address.value)>"
    }

    private static func part(_ text: String, type: String) -> String {
        let (encoding, encoded) = encode(text)
        return "Content-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n\(encoded)\r\n"
    }

    /// The encoding that keeps `text` smaller: quoted-printable when at most a sixth of its bytes
    /// are not ASCII, base64 (76-character lines) otherwise.
    static func encode(_ text: String) -> (encoding: String, text: String) {
        let bytes = text.utf8
        let nonASCII = bytes.lazy.filter { $0 >= 0x80 }.count
        if nonASCII * 6 <= bytes.count {
            return ("quoted-printable", QuotedPrintable.encode(text))
        }
        let normalized = QuotedPrintable.lines(of: text).map { Array($0) }.joined(separator: [13, 10])
        let encoded = Base64.encode(Array(normalized))
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return ("base64", lines.joined(separator: "\r\n"))
    }
}
