/// A server's reply to an SMTP command (RFC 5321 section 4.2): a three-digit code and one or more
/// lines of text (`250-…` continues, `250 …` ends).
struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code.
    let code: Int
    /// The text of each line, without the code.
    let lines: [String]

    /// 2xx.
    var isPositive: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (after DATA, during AUTH).
    var isIntermediate: Bool { (300..<400).contains(code) }
    /// 5xx: refused for good.
    var isPermanentFailure: Bool { (500..<600).contains(code) }

    var description: String { "\(code) \(lines.joined(separator: " / "))" }

    /// Reads one reply, line by line, from `readLine`; throws `.malformed` on anything else.
    static func read(_ readLine: () throws(TransportError) -> String) throws(SMTPError) -> SMTPReply {
        var lines: [String] = []
        var code: Int?
        for _ in 0..<100 {
            let line: String
            do {
                line = try readLine()
            } catch {
                throw SMTPError(transport: error)
            }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let value = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(value),
                bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw SMTPError(.transient, stage: "reply", code: nil, message: "malformed reply: \(line.prefix(100))") }
            if let code, code != value {
                throw SMTPError(.transient, stage: "reply", code: nil, message: "reply lines with different codes")
            }
            code = value
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: value, lines: lines) }
        }
        throw SMTPError(.transient, stage: "reply", code: nil, message: "reply of more than 100 lines")
    }
}

/// Why an email could not be sent, and whether trying again may help.
///
/// Only what concerns the message itself is permanent: a recipient refused (`RCPT TO` 5xx) or the
/// content refused (5xx after the data). A server that refuses the connection, the sender or our
/// credentials, drops the connection or times out, is a transient failure: the message is tried
/// again (and the same failure for every message points at the configuration or the server).
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether trying again may help.
    public enum Kind: String, Sendable, Hashable {
        /// Try again later.
        case transient
        /// The message will never be accepted as it is.
        case permanent
    }

    /// Whether trying again may help.
    public var kind: Kind
    /// Where the conversation failed (`connect`, `greeting`, `EHLO`, `STARTTLS`, `AUTH`, `MAIL FROM`,
    /// `RCPT TO`, `DATA`, `message`).
    public var stage: String
    /// The server's reply code, when it answered.
    public var code: Int?
    /// The server's text or the local reason (never a credential).
    public var message: String

    /// An error from its parts.
    public init(_ kind: Kind, stage: String, code: Int?, message: String) {
        self.kind = kind
        self.stage = stage
        self.code = code
        self.message = message
    }

    /// A transport failure: always transient.
    init(transport: TransportError, stage: String = "connection") {
        self.init(.transient, stage: stage, code: nil, message: transport.description)
    }

    public var description: String {
        "\(stage): " + (code.map { "\($0) " } ?? "") + message
    }
}

/// What the server said when it accepted a message.
public struct SMTPReceipt: Sendable, Hashable {
    /// The final reply (`250 2.0.0 Ok: queued as …`).
    public var reply: String
    /// Whether the conversation was encrypted.
    public var encrypted: Bool
}
