import Foundation
import GuichetCore
import GuichetIO
@testable import GuichetNotifications
import GuichetTestSupport
import Testing

@Suite("SMTP client against a real local SMTP server (aiosmtpd)")
struct SMTPClientTests {
    static func message(_ text: String = "Bonjour,\n.Une ligne qui commence par un point.\nMerci.") -> EmailMessage {
        EmailMessage(
            from: Mailbox(EmailAddress("noreply@guichet.test")!), to: [Mailbox(EmailAddress("amina@example.ma")!, name: "Amina")],
            subject: "Réclamation 7K3M reçue", text: text, html: "<p>Bonjour</p>", language: .fr, messageID: "m1@guichet.test")
    }

    static func configuration(port: UInt16, _ adjust: (inout SMTPClient.Configuration) -> Void = { _ in }) -> SMTPClient.Configuration {
        var configuration = SMTPClient.Configuration(
            host: "127.0.0.1", port: port, security: .none, connectTimeout: .seconds(5), commandTimeout: .seconds(10),
            totalTimeout: .seconds(20))
        adjust(&configuration)
        return configuration
    }

    /// The error `send` throws, or nil when it succeeds.
    static func failure(_ client: SMTPClient, _ message: EmailMessage = message()) async -> SMTPError? {
        do {
            _ = try await client.send(message)
            return nil
        } catch {
            return error
        }
    }

    @Test("a message goes through: envelope, headers, dot-stuffing undone by the server")
    func plain() async throws {
        let sink = try await SMTPSink()
        defer { Task { await sink.stop() } }
        let client = try SMTPClient(configuration: Self.configuration(port: sink.port))
        let receipt = try await client.send(Self.message())
        #expect(receipt.reply.hasPrefix("250"))
        #expect(!receipt.encrypted)
        let messages = sink.messages
        #expect(messages.count == 1)
        let received = try #require(messages.first)
        #expect(received.from == "noreply@guichet.test")
        #expect(received.recipients == ["amina@example.ma"])
        #expect(!received.tls)
        let reader = MIMEReader(received.data)
        #expect(reader.header("Subject") == "Réclamation 7K3M reçue")
        #expect(reader.parts.first?.decodedText == "Bonjour,\r\n.Une ligne qui commence par un point.\r\nMerci.")
    }

    @Test("STARTTLS with a self-signed certificate: refused when verifying against the system, accepted when trusted or unverified")
    func startTLS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certificate = try SMTPSink.selfSignedCertificate(in: directory)
        let sink = try await SMTPSink(certificate: certificate)
        defer { Task { await sink.stop() } }

        // Verification is on by default: an unknown authority is refused, and nothing is sent.
        let verifying = try SMTPClient(configuration: Self.configuration(port: sink.port) { $0.security = .starttls })
        #expect(verifying.configuration.verifyCertificate)
        let refused = try #require(await Self.failure(verifying))
        #expect(refused.kind == .transient && refused.stage == "STARTTLS", "\(refused)")
        #expect(refused.message.contains("certificate"), "\(refused)")

        let trusting = try SMTPClient(configuration: Self.configuration(port: sink.port) {
            $0.security = .starttlsRequired
            $0.trustedCertificatesFile = certificate.certificate
        })
        #expect(try await trusting.send(Self.message()).encrypted)

        let unverified = try SMTPClient(configuration: Self.configuration(port: sink.port) {
            $0.security = .starttls
            $0.verifyCertificate = false
        })
        #expect(try await unverified.send(Self.message()).encrypted)
        let messages = sink.messages
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.tls })
    }

    @Test("a certificate for another name is refused even when its authority is trusted")
    func wrongName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-name-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certificate = try SMTPSink.selfSignedCertificate(name: "mail.other.test", loopback: false, in: directory)
        let sink = try await SMTPSink(certificate: certificate)
        defer { Task { await sink.stop() } }
        let client = try SMTPClient(configuration: Self.configuration(port: sink.port) {
            $0.security = .starttls
            $0.trustedCertificatesFile = certificate.certificate
        })
        let refused = try #require(await Self.failure(client))
        #expect(refused.stage == "STARTTLS", "\(refused)")
        #expect(sink.messages.isEmpty)
    }

    @Test("STARTTLS required but not offered: nothing is sent in clear")
    func startTLSRequired() async throws {
        let sink = try await SMTPSink()
        defer { Task { await sink.stop() } }
        let client = try SMTPClient(configuration: Self.configuration(port: sink.port) { $0.security = .starttlsRequired })
        let refused = try #require(await Self.failure(client))
        #expect(refused.kind == .transient && refused.stage == "STARTTLS")
        #expect(sink.dataCount == 0)
    }

    @Test("AUTH over STARTTLS: the right password passes, a wrong one is refused, and never over clear text")
    func authentication() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-auth-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certificate = try SMTPSink.selfSignedCertificate(in: directory)
        let sink = try await SMTPSink(certificate: certificate, login: ("guichet", "s3cret pass"))
        defer { Task { await sink.stop() } }
        func client(password: String, security: SMTPClient.Security = .starttls) throws -> SMTPClient {
            try SMTPClient(configuration: Self.configuration(port: sink.port) {
                $0.security = security
                $0.trustedCertificatesFile = certificate.certificate
                $0.credentials = .init(username: "guichet", password: Secret(password))
            })
        }
        #expect(try await client(password: "s3cret pass").send(Self.message()).encrypted)
        #expect(sink.messages.first?.login == "guichet")

        let wrong = try #require(await Self.failure(try client(password: "nope")))
        #expect(wrong.stage == "AUTH" && wrong.code == 535, "\(wrong)")
        #expect(!wrong.description.contains("nope"))

        let clear = try #require(await Self.failure(try client(password: "s3cret pass", security: .none)))
        #expect(clear.stage == "AUTH" && clear.code == nil, "\(clear)")
        #expect(sink.messages.count == 1)
    }

    @Test("a server that refuses: recipients or content refused for good, or deferred", arguments: [
        (SMTPSink.Mode.refuseRecipient, SMTPError.Kind.permanent, "RCPT TO", 550),
        (.deferRecipient, .transient, "RCPT TO", 450),
        (.refuseData, .permanent, "message", 554),
        (.deferData, .transient, "message", 451),
    ])
    func refusals(mode: SMTPSink.Mode, kind: SMTPError.Kind, stage: String, code: Int) async throws {
        let sink = try await SMTPSink(mode: mode)
        defer { Task { await sink.stop() } }
        let error = try #require(await Self.failure(try SMTPClient(configuration: Self.configuration(port: sink.port))))
        #expect(error.kind == kind && error.stage == stage && error.code == code, "\(error)")
        #expect(sink.messages.isEmpty)
    }

    @Test("a server that drops the connection mid-message: a transient failure")
    func dropped() async throws {
        let sink = try await SMTPSink(mode: .drop)
        defer { Task { await sink.stop() } }
        let error = try #require(await Self.failure(try SMTPClient(configuration: Self.configuration(port: sink.port))))
        #expect(error.kind == .transient && error.stage == "message", "\(error)")
        #expect(sink.dataCount == 1 && sink.messages.isEmpty)
    }

    @Test("a silent server times out; a closed port fails to connect")
    func timeouts() async throws {
        // Listening but never accepting: the connection opens, the greeting never comes.
        let silent = try Socket.listen(on: SocketAddress(numericHost: "127.0.0.1", port: 0)!, reusePort: false)
        defer { silent.close() }
        let port = try silent.localAddress().port
        let client = try SMTPClient(configuration: Self.configuration(port: port) { $0.commandTimeout = .milliseconds(300) })
        let error = try #require(await Self.failure(client))
        #expect(error.kind == .transient && error.stage == "greeting" && error.message.contains("timed out"), "\(error)")

        let closed = try SMTPClient(configuration: Self.configuration(port: port &+ 0) { $0.port = 1 })
        let refused = try #require(await Self.failure(closed))
        #expect(refused.kind == .transient && refused.stage == "connect", "\(refused)")
    }

    @Test("an unreadable authorities file is a configuration error")
    func badAuthorities() {
        #expect(throws: TransportError.self) {
            _ = try SMTPClient(configuration: Self.configuration(port: 25) {
                $0.security = .starttls
                $0.trustedCertificatesFile = "/nonexistent/ca.pem"
            })
        }
    }
}
