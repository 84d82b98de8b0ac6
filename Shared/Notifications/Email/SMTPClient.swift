import GuichetCrypto
import GuichetIO

/// An SMTP client (RFC 5321) that sends one message per connection: EHLO, STARTTLS when offered
/// (or TLS from the start), AUTH PLAIN or LOGIN when configured, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT — every reply awaited up to a deadline.
///
/// The conversation blocks, so it runs on a dispatch queue of its own, never on an event loop or
/// the cooperative pool:
/// ```swift
/// let client = try SMTPClient(configuration: .init(host: "smtp.example.ma"))
/// let receipt = try await client.send(message)     // SMTPError: transient or permanent
/// ```
public final class SMTPClient: Sendable {
    /// The settings in force.
    public let configuration: Configuration
    private let tls: TLSContext?

    /// A client for the server of `configuration`; throws when its TLS settings cannot be loaded
    /// (an unreadable authorities file).
    public init(configuration: Configuration) throws(TransportError) {
        self.configuration = configuration
        tls = configuration.security == .none
            ? nil
            : try TLSContext(verifyPeer: configuration.verifyCertificate, trustedCertificatesFile: configuration.trustedCertificatesFile)
    }

    /// Sends `message` to its recipients through the server.
    public func send(_ message: EmailMessage) async throws(SMTPError) -> SMTPReceipt {
        let data = MIMEWriter.write(message)
        let envelope = (from: message.from.address.value, to: message.to.map(\.address.value))
        return try await BlockingWork.run { () throws(SMTPError) -> SMTPReceipt in
            try self.converse(from: envelope.from, to: envelope.to, data: data)
        }
    }

    /// Sends already-written message `data` (CRLF line ends) from `sender` to `recipients`; blocks.
    func converse(from sender: String, to recipients: [String], data: [UInt8]) throws(SMTPError) -> SMTPReceipt {
        let total = Deadline.after(configuration.totalTimeout)
        let addresses: [SocketAddress]
        do {
            addresses = try SocketAddress.resolve(configuration.host, port: configuration.port)
        } catch {
            throw SMTPError(.transient, stage: "connect", code: nil, message: "cannot resolve \(configuration.host): \(error)")
        }
        let stream: NetworkStream
        do {
            stream = try NetworkStream.connect(to: addresses, deadline: min(total, .after(configuration.connectTimeout)))
        } catch {
            throw SMTPError(transport: error, stage: "connect")
        }
        defer { stream.close() }
        let session = Session(stream: stream, configuration: configuration, total: total)
        if configuration.security == .tls, let tls {
            try session.startTLS(tls, serverName: configuration.host)
        }
        try session.expect(session.reply(stage: "greeting"), stage: "greeting", code: 220)
        var extensions = try session.hello()
        if !stream.isEncrypted, configuration.security != .none {
            if extensions.contains("STARTTLS"), let tls {
                try session.expect(session.command("STARTTLS", stage: "STARTTLS"), stage: "STARTTLS", code: 220)
                try session.startTLS(tls, serverName: configuration.host)
                extensions = try session.hello()
            } else if configuration.security == .starttlsRequired {
                throw SMTPError(.transient, stage: "STARTTLS", code: nil, message: "the server does not offer STARTTLS, which is required")
            }
        }
        if let credentials = configuration.credentials {
            try session.authenticate(credentials, extensions: extensions)
        }
        try session.expect(session.command("MAIL FROM:<\(sender)>", stage: "MAIL FROM"), stage: "MAIL FROM", code: 250)
        for recipient in recipients {
            let reply = try session.command("RCPT TO:<\(recipient)>", stage: "RCPT TO")
            guard reply.code == 250 || reply.code == 251 else {
                throw SMTPError(reply.isPermanentFailure ? .permanent : .transient, stage: "RCPT TO", code: reply.code, message: reply.description)
            }
        }
        try session.expect(session.command("DATA", stage: "DATA"), stage: "DATA", code: 354)
        try session.send(Self.dotStuffed(data) + Array(".\r\n".utf8), stage: "message")
        let accepted = try session.reply(stage: "message")
        guard accepted.isPositive else {
            throw SMTPError(accepted.isPermanentFailure ? .permanent : .transient, stage: "message", code: accepted.code,
                            message: accepted.description)
        }
        // The message is accepted; a failed QUIT changes nothing.
        _ = try? session.command("QUIT", stage: "QUIT")
        return SMTPReceipt(reply: accepted.description, encrypted: stream.isEncrypted)
    }

    /// `data` with a `.` doubled at the start of every line (RFC 5321 section 4.5.2), ending with
    /// CRLF.
    static func dotStuffed(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count + 16)
        var atLineStart = true
        for byte in data {
            if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == 10
        }
        if !output.suffix(2).elementsEqual([13, 10]) { output += [13, 10] }
        return output
    }
}

/// One conversation's state: the stream and its deadlines.
private struct Session {
    let stream: NetworkStream
    let configuration: SMTPClient.Configuration
    let total: Deadline

    /// The deadline of the next reply.
    var deadline: Deadline { min(total, .after(configuration.commandTimeout)) }

    func reply(stage: String) throws(SMTPError) -> SMTPReply {
        let deadline = self.deadline
        do {
            return try SMTPReply.read { () throws(TransportError) -> String in try stream.readLine(deadline: deadline) }
        } catch var error {
            if error.stage == "connection" || error.stage == "reply" { error.stage = stage }
            throw error
        }
    }

    func send(_ bytes: [UInt8], stage: String) throws(SMTPError) {
        do {
            try stream.write(bytes, deadline: deadline)
        } catch {
            throw SMTPError(transport: error, stage: stage)
        }
    }

    func command(_ line: String, stage: String) throws(SMTPError) -> SMTPReply {
        try send(Array("\(line)\r\n".utf8), stage: stage)
        return try reply(stage: stage)
    }

    /// Refuses `reply` unless it has `code`; transient whatever the code (only recipients and
    /// content are refused for good, see `SMTPError`).
    func expect(_ reply: SMTPReply, stage: String, code: Int) throws(SMTPError) {
        guard reply.code == code else {
            throw SMTPError(.transient, stage: stage, code: reply.code, message: reply.description)
        }
    }

    /// EHLO (HELO when the server does not know it); returns the extensions offered, uppercased
    /// keywords with their parameters (`AUTH PLAIN LOGIN`).
    func hello() throws(SMTPError) -> Set<String> {
        let reply = try command("EHLO \(configuration.localName)", stage: "EHLO")
        if reply.code == 250 {
            var extensions: Set<String> = []
            for line in reply.lines.dropFirst() {
                let words = line.uppercased().split(separator: " ")
                guard let keyword = words.first else { continue }
                extensions.insert(String(keyword))
                for parameter in words.dropFirst() { extensions.insert("\(keyword) \(parameter)") }
            }
            return extensions
        }
        try expect(command("HELO \(configuration.localName)", stage: "HELO"), stage: "HELO", code: 250)
        return []
    }

    func startTLS(_ context: TLSContext, serverName: String) throws(SMTPError) {
        do {
            try stream.startTLS(context, serverName: serverName, deadline: min(total, .after(configuration.connectTimeout)))
        } catch {
            throw SMTPError(transport: error, stage: "STARTTLS")
        }
    }

    /// AUTH PLAIN (preferred) or LOGIN; never in clear unless allowed.
    func authenticate(_ credentials: SMTPClient.Credentials, extensions: Set<String>) throws(SMTPError) {
        guard stream.isEncrypted || configuration.allowsPlaintextAuthentication else {
            throw SMTPError(.transient, stage: "AUTH", code: nil, message: "refusing to send credentials over an unencrypted connection")
        }
        let username = Array(credentials.username.utf8)
        let password = Array(credentials.password.value.utf8)
        if extensions.contains("AUTH PLAIN") {
            let token = Base64.encode([0] + username + [0] + password)
            try expect(command("AUTH PLAIN \(token)", stage: "AUTH"), stage: "AUTH", code: 235)
        } else if extensions.contains("AUTH LOGIN") {
            try expect(command("AUTH LOGIN", stage: "AUTH"), stage: "AUTH", code: 334)
            try expect(command(Base64.encode(username), stage: "AUTH"), stage: "AUTH", code: 334)
            try expect(command(Base64.encode(password), stage: "AUTH"), stage: "AUTH", code: 235)
        } else {
            throw SMTPError(.transient, stage: "AUTH", code: nil, message: "the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }
}
