import Foundation
import GuichetCore
import GuichetHTTP
import GuichetIO
@testable import GuichetNotifications
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("SMS provider over HTTP: requests, refusals, 500s and timeouts")
struct SMSProviderTests {
    static let phone = PhoneNumber("0612345678")!

    static func provider(_ server: FakeHTTPServer, path: String = "/sms", _ adjust: (inout SMSProvider.Configuration) -> Void = { _ in }) throws -> SMSProvider {
        var configuration = SMSProvider.Configuration(
            url: OutboundURL("http://127.0.0.1:\(server.port)\(path)")!, sender: "GUICHET", token: Secret("tok-123"), timeout: .seconds(5))
        adjust(&configuration)
        return try SMSProvider(configuration: configuration, client: HTTPClient(group: TestDatabase.group))
    }

    @Test("a message is posted as JSON with the token, the idempotency key and its encoding")
    func accepted() async throws {
        let server = try await FakeHTTPServer { _, _ in FakeHTTPServer.answer(202, json: #"{"id":"prov-42","status":"queued"}"#) }
        defer { Task { await server.stop() } }
        let outcome = try await Self.provider(server).send("تم استلام طلبكم. رمز التتبع: 7K3M", to: Self.phone, reference: "msg-1")
        #expect(outcome == .accepted(reference: "prov-42", status: 202))
        let request = try #require(server.requests(to: "/sms").first)
        #expect(request.method == .post)
        #expect(request.headers["authorization"] == "Bearer tok-123")
        #expect(request.headers["idempotency-key"] == "msg-1")
        #expect(request.headers["content-type"] == "application/json")
        let body = request.json
        #expect(body["to"] as? String == "+212612345678")
        #expect(body["from"] as? String == "GUICHET")
        #expect(body["text"] as? String == "تم استلام طلبكم. رمز التتبع: 7K3M")
        #expect(body["encoding"] as? String == "ucs2")
        #expect(body["segments"] as? Int == 1)
        #expect(body["reference"] as? String == "msg-1")
    }

    @Test("Basic authentication when a username is configured")
    func basic() async throws {
        let server = try await FakeHTTPServer { _, _ in FakeHTTPServer.answer(200) }
        defer { Task { await server.stop() } }
        let provider = try Self.provider(server) {
            $0.token = nil
            $0.basic = ("guichet", Secret("pa:ss"))
        }
        #expect(await provider.send("Bonjour", to: Self.phone, reference: "m") == .accepted(reference: nil, status: 200))
        #expect(server.requests.first?.headers["authorization"] == "Basic Z3VpY2hldDpwYTpzcw==")
    }

    @Test("500 and 429 are retried (Retry-After kept), 400 is a refusal")
    func statuses() async throws {
        let server = try await FakeHTTPServer { request, _ in
            switch request.path {
            case "/down": FakeHTTPServer.answer(500, json: #"{"error":"internal"}"#)
            case "/busy": FakeHTTPServer.answer(429, headers: [("Retry-After", "30")])
            default: FakeHTTPServer.answer(400, json: #"{"error":"invalid number"}"#)
            }
        }
        defer { Task { await server.stop() } }
        guard case .failed(let detail, 500, nil) = try await Self.provider(server, path: "/down").send("x", to: Self.phone, reference: "a") else {
            Issue.record("500 was not a transient failure")
            return
        }
        #expect(detail.contains("internal"))
        #expect(try await Self.provider(server, path: "/busy").send("x", to: Self.phone, reference: "b")
            == .failed("HTTP 429 ", status: 429, retryAfter: .seconds(30)))
        guard case .refused(_, 400) = try await Self.provider(server, path: "/bad").send("x", to: Self.phone, reference: "c") else {
            Issue.record("400 was not a refusal")
            return
        }
    }

    @Test("a provider that answers too late or not at all is a transient failure")
    func timeouts() async throws {
        let server = try await FakeHTTPServer { _, _ in
            try? await Task.sleep(for: .seconds(3))
            return FakeHTTPServer.answer(200)
        }
        defer { Task { await server.stop() } }
        guard case .failed = try await Self.provider(server, { $0.timeout = .milliseconds(300) }).send("x", to: Self.phone, reference: "t") else {
            Issue.record("a slow provider was not a transient failure")
            return
        }
        let closed = try SMSProvider(
            configuration: .init(url: OutboundURL("http://127.0.0.1:1/sms")!, sender: "G", timeout: .seconds(2)),
            client: HTTPClient(group: TestDatabase.group))
        guard case .failed = await closed.send("x", to: Self.phone, reference: "c") else {
            Issue.record("a closed port was not a transient failure")
            return
        }
    }

    @Test("a text longer than the segments allowed is refused without calling the provider")
    func tooLong() async throws {
        let server = try await FakeHTTPServer { _, _ in FakeHTTPServer.answer(200) }
        defer { Task { await server.stop() } }
        let provider = try Self.provider(server) { $0.maximumSegments = 2 }
        guard case .refused(let detail, nil) = await provider.send(String(repeating: "ب", count: 135), to: Self.phone, reference: "l") else {
            Issue.record("a three-part text was sent")
            return
        }
        #expect(detail.contains("3 SMS"))
        #expect(await provider.send(String(repeating: "ب", count: 134), to: Self.phone, reference: "k") == .accepted(reference: nil, status: 200))
        #expect(await provider.send("", to: Self.phone, reference: "e") == .refused("empty text", status: nil))
        #expect(server.requests.count == 1)
    }

    @Test("through the outbox: a 500 is retried with back-off, then the SMS is delivered in the recipient's language")
    func outbox() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let database = service.runtime.database
        let server = try await FakeHTTPServer { _, count in count == 1 ? FakeHTTPServer.answer(503) : FakeHTTPServer.answer(200, json: #"{"id":"p-1"}"#) }
        defer { Task { await server.stop() } }
        let library = TemplateLibrary(catalog: NotificationsTestService.templates, store: TemplateStore(database: database, schema: "notiftest"))
        let channel = SMSChannel(provider: try Self.provider(server), library: library)
        let message = try SMSChannel.message(SMSPayload(to: Self.phone, language: .ar, template: "test.reminder", variables: ["code": "7K3M"]))
        _ = try await database.query(NotificationsTestService.outbox.recording(message, tenant: tenant.id), tenant: tenant.id)
        let dispatcher = try OutboxDispatcher(
            OutboxDelivery(
                outbox: NotificationsTestService.outbox, channels: [channel],
                configuration: .init(retry: RetryPolicy(maximumAttempts: 5, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(20)))),
            database: database, logger: TestDatabase.logger, metrics: MetricsRegistry(), loop: TestDatabase.group.next())
        var delivered = false
        for _ in 0..<200 where !delivered {
            await dispatcher.runOnce()
            let record = try await OutboxStore(database: database, outbox: NotificationsTestService.outbox).message(message.id, tenant: tenant.id)
            delivered = record?.state == .delivered
            if !delivered { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(delivered)
        let requests = server.requests(to: "/sms")
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.headers["idempotency-key"] == message.id.lowercaseString })
        #expect(requests.last?.json["text"] as? String == "تذكير: 7K3M")
        let attempts = try await OutboxStore(database: database, outbox: NotificationsTestService.outbox).attempts(of: message.id, tenant: tenant.id)
        #expect(attempts.map(\.outcome) == [.failed, .delivered])
        #expect(attempts.map(\.statusCode) == [503, 200])
    }
}
