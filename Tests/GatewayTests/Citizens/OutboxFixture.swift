import Foundation
@testable import Gateway
import GuichetCore
import GuichetHTTP
import GuichetPostgres
import GuichetTestSupport
import Synchronization

/// A gateway that sends citizens' verification messages through its outbox, as in production (no
/// `GUICHET_VERIFICATION_CODES`: SMTP and SMS are configured, so `outbox` is the default): emails
/// to a real SMTP server (aiosmtpd), SMS to a fake provider; everything it logs is kept.
///
/// One for the process: the gateway's outbox is shared by every gateway on the database, and
/// only this one has channels (the other fixtures record codes instead and run no dispatcher).
final class OutboxFixture: Sendable {
    let sink: SMTPSink
    let sms: FakeSMSProvider
    let log = CapturedLog()
    let gateway: GatewayFixture
    let database: PostgresPool

    static let shared = Task { try await OutboxFixture() }

    init() async throws {
        sink = try await SMTPSink()
        sms = try await FakeSMSProvider()
        gateway = try await GatewayFixture(
            environment: [
                "GUICHET_SMTP_HOST": "127.0.0.1", "GUICHET_SMTP_PORT": String(sink.port), "GUICHET_SMTP_SECURITY": "none",
                "GUICHET_SMTP_TIMEOUT_MS": "10000", "GUICHET_MAIL_FROM": "noreply@guichet.test",
                "GUICHET_SMS_URL": "http://127.0.0.1:\(sms.port)/messages", "GUICHET_SMS_TOKEN": "sms-token",
                "GUICHET_OUTBOX_POLL_MS": "50", "GUICHET_OUTBOX_RETRY_INITIAL_MS": "100",
            ],
            recordsCodes: false, logSink: log)
        database = TestDatabase.pool()
    }

    /// The emails the sink accepted for `address`, once there are `count` (or after a generous
    /// safety timeout).
    func emails(to address: String, count: Int) async -> [SMTPSink.Message] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let messages = sink.messages.filter { $0.recipients.contains(address) }
            if messages.count >= count || ContinuousClock.now >= deadline { return messages }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    /// The texts the provider received for `number`, once there are `count` (or after a safety timeout).
    func texts(to number: String, count: Int) async -> [String] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let texts = sms.messages(to: number)
            if texts.count >= count || ContinuousClock.now >= deadline { return texts }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    /// The gateway's outbox messages to `recipient` (an email address or an E.164 number), oldest first.
    func outboxMessages(to recipient: String) async throws -> [(topic: String, state: String, payload: [String: Any])] {
        let rows = try await database.query(
            """
            SELECT topic, state, payload::text FROM gateway.outbox_messages
            WHERE tenant_id = \(OutboxVerificationCodes.tenant) AND payload ->> 'to' = \(recipient)
            ORDER BY id
            """,
            tenant: OutboxVerificationCodes.tenant)
        return try rows.map { row in
            let (topic, state, payload) = try row.decode((String, String, String).self)
            let object = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] ?? [:]
            return (topic, state, object)
        }
    }

    /// Waits until every outbox message to `recipient` is delivered (or a safety timeout); their states.
    func deliveredStates(to recipient: String) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let states = try await outboxMessages(to: recipient).map(\.state)
            if states.allSatisfy({ $0 == "delivered" }) || ContinuousClock.now >= deadline { return states }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// The first run of six digits in `text`.
    static func code(in text: String) -> String? {
        guard let range = text.range(of: #"(?<![0-9])[0-9]{6}(?![0-9])"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }
}

/// Every line a logger wrote, kept in memory.
final class CapturedLog: LogSink {
    private let lines = Mutex<[String]>([])

    func write(_ line: [UInt8]) {
        let text = String(decoding: line, as: UTF8.self)
        lines.withLock { $0.append(text) }
    }

    /// Everything written so far.
    var text: String { lines.withLock { $0.joined() } }

    /// Whether a line holds `code` as a number of its own (not inside a longer one, nor as the
    /// fraction of a timestamp or a duration).
    func mentions(_ code: String) -> Bool {
        text.range(of: "(?<![0-9.])\(code)(?![0-9])", options: .regularExpression) != nil
    }
}

/// An SMS provider's HTTP API standing in for a real one: accepts every message (202 with an id)
/// and keeps what it received.
final class FakeSMSProvider: Sendable {
    /// One message as the provider received it.
    struct Received: Sendable {
        let to: String
        let text: String
        let authorization: String?
    }

    /// The messages received, behind a lock (handlers run on the server's loops).
    final class Log: Sendable {
        let items = Mutex<[Received]>([])
    }

    private let server: HTTPServer
    private let log = Log()
    let port: UInt16

    init() async throws {
        let routes = Routes()
        let log = self.log
        routes.post("/messages", options: RouteOptions(access: .anyone)) { request, _ in
            let object = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
            let count = log.items.withLock { items in
                items.append(Received(
                    to: object["to"] as? String ?? "", text: object["text"] as? String ?? "",
                    authorization: request.headers["authorization"]))
                return items.count
            }
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            return HTTPResponse(status: .accepted, headers: headers, body: Array(#"{"id":"fake-\#(count)"}"#.utf8))
        }
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), routes: routes, group: TestDatabase.group,
            logger: TestDatabase.logger)
        port = try await server.start().port
    }

    /// Everything received so far.
    var received: [Received] { log.items.withLock { $0 } }

    /// The texts received for `number` (E.164), in order.
    func messages(to number: String) -> [String] {
        received.filter { $0.to == number }.map(\.text)
    }
}
