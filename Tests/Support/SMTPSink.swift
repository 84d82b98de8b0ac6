import Foundation
import Glibc

/// A real SMTP server for tests: `aiosmtpd` (installed by scripts/install-deps.sh) driven by a small
/// handler script written to the sink's directory, listening on a free port of 127.0.0.1. Every
/// message it accepts is written to `message-<n>.json` (envelope, whether TLS and AUTH were used,
/// and the raw message), and every DATA it receives is counted, accepted or not.
///
/// Behaviours, for bad-input tests: accept; refuse recipients (550) or defer them (450); refuse the
/// content (554) or defer it (451); drop the connection once the data has arrived, before answering;
/// hold the first DATA for one recipient until `release()` (to kill a client in the middle of a
/// delivery; released, it is answered 451 and not stored); STARTTLS
/// with a certificate; AUTH PLAIN/LOGIN with one username and password (over TLS only).
public final class SMTPSink: Sendable {
    /// What the server does with a message.
    public enum Mode: String, Sendable {
        case accept
        case refuseRecipient = "refuse-rcpt"
        case deferRecipient = "defer-rcpt"
        case refuseData = "refuse-data"
        case deferData = "defer-data"
        case drop
    }

    /// A message the server accepted.
    public struct Message: Sendable {
        /// `MAIL FROM`.
        public let from: String
        /// `RCPT TO`s.
        public let recipients: [String]
        /// Whether the conversation was encrypted.
        public let tls: Bool
        /// The username that authenticated, if any.
        public let login: String?
        /// The message as received (dot-stuffing undone).
        public let data: [UInt8]

        /// The message as text.
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// The port it listens on.
    public let port: UInt16
    /// Its directory (messages, markers, the script, its log).
    public let directory: String
    private let process: ChildProcess

    /// Starts a server (waits until it listens).
    public init(
        mode: Mode = .accept, holdFirstMessageTo holdRecipient: String? = nil, certificate: (certificate: String, key: String)? = nil,
        login: (username: String, password: String)? = nil
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = "\(directory)/smtp_sink.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        var arguments = ["/usr/bin/env", "python3", script, "--dir", directory, "--mode", mode.rawValue,
                         "--parent", String(getpid())]
        if let holdRecipient { arguments += ["--hold", holdRecipient] }
        if let certificate { arguments += ["--cert", certificate.certificate, "--key", certificate.key] }
        if let login { arguments += ["--login", login.username, "--password", login.password] }
        process = try ChildProcess(arguments, outputPath: "\(directory)/server.log")
        let ready = "\(directory)/ready"
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: ready) {
            guard ContinuousClock.now < deadline, await process.waitForExit(timeout: .zero) == nil else {
                throw SMTPSinkError(description: "the SMTP sink did not start: \(process.output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let text = try String(contentsOfFile: ready, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = UInt16(text) else { throw SMTPSinkError(description: "the SMTP sink wrote no port") }
        self.port = port
    }

    /// Stops the server and removes its directory.
    public func stop() async {
        await process.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The messages accepted so far, in order.
    public var messages: [Message] {
        var messages: [Message] = []
        var index = 1
        while let data = FileManager.default.contents(atPath: "\(directory)/message-\(index).json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            messages.append(Message(
                from: object["from"] as? String ?? "", recipients: object["to"] as? [String] ?? [], tls: object["tls"] as? Bool ?? false,
                login: object["login"] as? String, data: Array(Data(base64Encoded: object["data"] as? String ?? "") ?? Data())))
            index += 1
        }
        return messages
    }

    /// How many DATA commands the server received, accepted or not.
    public var dataCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("data-") }.count
    }

    /// Whether the server is holding a DATA (see `holdFirstMessageTo`).
    public var isHolding: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains { $0.hasPrefix("holding-") }
    }

    /// Lets held DATA commands go (they are answered 451 and not stored).
    public func release() {
        _ = FileManager.default.createFile(atPath: "\(directory)/release", contents: Data())
    }

    /// Waits until `count` messages were accepted (or `timeout`, a safety net); returns them.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(60)) async -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let messages = self.messages
            if messages.count >= count { return messages }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return messages
    }

    /// Makes a self-signed certificate for `name` (and 127.0.0.1) with the openssl command in
    /// `directory`; returns the certificate's and key's paths.
    /// Without `loopback`, the certificate names only `name` (not 127.0.0.1): a client connecting
    /// to 127.0.0.1 and checking names refuses it.
    public static func selfSignedCertificate(
        name: String = "localhost", loopback: Bool = true, in directory: String
    ) throws -> (certificate: String, key: String) {
        let certificate = "\(directory)/cert.pem"
        let key = "\(directory)/key.pem"
        let status = try Subprocess.run([
            "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "subjectAltName=DNS:\(name)" + (loopback ? ",IP:127.0.0.1" : ""), "-keyout", key, "-out", certificate,
        ])
        guard status == 0 else { throw SMTPSinkError(description: "openssl req failed with status \(status)") }
        return (certificate, key)
    }

    /// The server: aiosmtpd with a handler that behaves as asked and writes what it accepts.
    static let script = #"""
        import argparse, asyncio, base64, json, os, ssl, sys
        from aiosmtpd.smtp import SMTP, AuthResult

        parser = argparse.ArgumentParser()
        parser.add_argument("--dir", required=True)
        parser.add_argument("--mode", default="accept")
        parser.add_argument("--hold")
        parser.add_argument("--parent", type=int, default=0)
        parser.add_argument("--cert")
        parser.add_argument("--key")
        parser.add_argument("--login")
        parser.add_argument("--password")
        args = parser.parse_args()

        def write(name, payload):
            path = os.path.join(args.dir, name)
            with open(path + ".tmp", "w") as f:
                f.write(payload)
            os.replace(path + ".tmp", path)

        class Sink:
            def __init__(self):
                self.data_count = 0
                self.stored = 0
                self.held = False

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if args.mode == "refuse-rcpt":
                    return "550 5.1.1 <%s>: recipient address rejected" % address
                if args.mode == "defer-rcpt":
                    return "450 4.2.1 mailbox busy, try later"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                self.data_count += 1
                number = self.data_count
                write("data-%d" % number, "")
                if args.mode == "drop":
                    server.transport.close()
                    return "451 4.3.0 (never sent: the connection is closed)"
                if args.mode == "refuse-data":
                    return "554 5.6.0 message content refused"
                if args.mode == "defer-data":
                    return "451 4.3.0 temporary failure, try later"
                if args.hold and not self.held and args.hold in envelope.rcpt_tos:
                    self.held = True
                    write("holding-%d" % number, "")
                    while not os.path.exists(os.path.join(args.dir, "release")):
                        await asyncio.sleep(0.02)
                    return "451 4.3.0 held and released"
                self.stored += 1
                write("message-%d.json" % self.stored, json.dumps({
                    "from": envelope.mail_from,
                    "to": envelope.rcpt_tos,
                    "tls": session.ssl is not None,
                    "login": session.auth_data.login.decode() if session.auth_data is not None else None,
                    "data": base64.b64encode(envelope.original_content or envelope.content).decode(),
                }))
                return "250 2.0.0 OK queued as %d" % self.stored

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (args.login is not None and auth_data.login.decode() == args.login
                  and auth_data.password.decode() == args.password)
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        async def main():
            context = None
            if args.cert:
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(args.cert, args.key)
            options = {"tls_context": context, "require_starttls": False, "auth_require_tls": True}
            if args.login:
                options["authenticator"] = authenticator
                options["auth_required"] = True
            handler = Sink()
            loop = asyncio.get_running_loop()
            server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test", **options), "127.0.0.1", 0)
            write("ready", str(server.sockets[0].getsockname()[1]))
            # Ends with the test process that started it, whatever happens to the test.
            while args.parent == 0 or os.getppid() == args.parent:
                await asyncio.sleep(0.5)

        asyncio.run(main())
        """#
}

/// The SMTP sink could not start.
public struct SMTPSinkError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
