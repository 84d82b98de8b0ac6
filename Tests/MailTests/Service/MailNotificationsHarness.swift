import Foundation
import GuichetCore
import GuichetCrypto
import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport

@testable import Mail

/// A mail service whose outbox delivers email to a real SMTP server (aiosmtpd, ``SMTPSink``) and
/// whose webhook policy accepts local http endpoints. Other mail services of the test process have
/// no mail server: they never claim email messages, so every email reaches this sink. Tests tell
/// their messages apart by recipient (each uses addresses of its own).
final class MailNotificationsHarness: Sendable {
    let sink: SMTPSink
    let harness: MailHarness

    /// One for the tests of a process.
    static let shared = Task { try await MailNotificationsHarness() }

    init() async throws {
        sink = try await SMTPSink()
        harness = try await MailHarness(environment: [
            "GUICHET_SMTP_HOST": "127.0.0.1", "GUICHET_SMTP_PORT": String(sink.port), "GUICHET_SMTP_SECURITY": "none",
            "GUICHET_SMTP_TIMEOUT_MS": "5000", "GUICHET_MAIL_FROM": "bureau-ordre@guichet.test",
            "GUICHET_MAIL_FROM_NAME": "Bureau d'ordre", "GUICHET_OUTBOX_POLL_MS": "100", "GUICHET_OUTBOX_RETRY_INITIAL_MS": "200",
            "GUICHET_WEBHOOK_ALLOW_HTTP": "true", "GUICHET_WEBHOOK_PRIVATE_NETWORKS": "*",
        ])
    }

    /// The emails the sink accepted for `recipient`, once at least `count` arrived (or after a
    /// generous safety timeout, with those there are).
    func emails(to recipient: String, atLeast count: Int) async -> [SentEmail] {
        let deadline = ContinuousClock.now + .seconds(90)
        while true {
            let found = sink.messages.filter { $0.recipients.contains(recipient) }.map { SentEmail($0.data) }
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The tenant's outbox messages of `channel` (read as the runtime role, with the tenant set).
    func outbox(_ channel: String, tenant: Tenant) async throws -> [(topic: String, payload: JSONValue)] {
        let rows = try await MailHarness.database.query(
            """
            SELECT topic, payload::text FROM mail.outbox_messages
            WHERE tenant_id = \(tenant.id) AND channel = \(channel) ORDER BY id
            """,
            tenant: tenant.id)
        return try rows.map { row in
            let (topic, payload) = try row.decode((String, String).self)
            return (topic, try JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8)))
        }
    }
}

/// An email as the sink received it, read as a mail client would: its decoded subject and the
/// decoded text and HTML parts.
struct SentEmail: Sendable {
    let subject: String
    let text: String
    let html: String
    let headers: [String: String]

    init(_ data: [UInt8]) {
        let (headers, body) = Self.split(data)
        self.headers = headers
        subject = Self.decodeWords(headers["subject"] ?? "")
        var text = ""
        var html = ""
        if let type = headers["content-type"], let range = type.range(of: "boundary=\"") {
            let boundary = String(type[range.upperBound...].prefix { $0 != "\"" })
            for piece in String(decoding: body, as: UTF8.self).components(separatedBy: "--\(boundary)").dropFirst()
            where !piece.hasPrefix("--") {
                let (partHeaders, partBody) = Self.split(Array(piece.drop { $0 == "\r\n" || $0 == "\n" }.utf8))
                let decoded = Self.decode(partBody, encoding: partHeaders["content-transfer-encoding"])
                if partHeaders["content-type"]?.hasPrefix("text/html") == true { html = decoded } else { text = decoded }
            }
        } else {
            text = Self.decode(body, encoding: headers["content-transfer-encoding"])
        }
        self.text = text
        self.html = html
    }

    /// Unfolded headers (lower-cased names) and the body.
    private static func split(_ data: [UInt8]) -> ([String: String], [UInt8]) {
        let message = String(decoding: data, as: UTF8.self)
        let parts = message.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        var last: String?
        for line in parts[0].components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let name = last {
                headers[name, default: ""] += line
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                headers[name] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                last = name
            }
        }
        return (headers, Array(parts.dropFirst().joined(separator: "\r\n\r\n").utf8))
    }

    private static func decode(_ body: [UInt8], encoding: String?) -> String {
        let text = String(decoding: body, as: UTF8.self)
        switch encoding?.lowercased() {
        case "base64": return String(decoding: Base64.decode(text.replacingOccurrences(of: "\r\n", with: "")) ?? [], as: UTF8.self)
        case "quoted-printable": return String(decoding: QuotedPrintable.decode(text) ?? [], as: UTF8.self)
        default: return text
        }
    }

    /// `=?UTF-8?B?…?=` words decoded, the white space between two words dropped.
    private static func decodeWords(_ value: String) -> String {
        var output: [UInt8] = []
        for token in value.split(separator: " ", omittingEmptySubsequences: true) {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="), let bytes = Base64.decode(token.dropFirst(10).dropLast(2)) {
                output += bytes
            } else {
                if !output.isEmpty { output.append(0x20) }
                output += Array(token.utf8)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
