import Foundation
import GuichetCore
import GuichetHTTP
import GuichetIO
@testable import GuichetNotifications
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Webhook deliveries: signed posts, slow, hanging and redirecting endpoints, 410, the SSRF guard")
struct WebhookChannelTests {
    /// A receiver with an answer per path.
    static func receiver() async throws -> FakeHTTPServer {
        try await FakeHTTPServer { request, _ in
            switch request.path {
            case "/ok": return FakeHTTPServer.answer(204)
            case "/gone": return FakeHTTPServer.answer(410)
            case "/redirect": return FakeHTTPServer.answer(302, headers: [("Location", "/ok")])
            case "/busy": return FakeHTTPServer.answer(503, headers: [("Retry-After", "120")])
            case "/slow":
                try? await Task.sleep(for: .seconds(5))
                return FakeHTTPServer.answer(200)
            default: return FakeHTTPServer.answer(404)
            }
        }
    }

    /// An endpoint at `url` for `tenant`, written straight to the store (no checks).
    static func endpoint(_ url: String, tenant: UUID, database: PostgresPool, types: [String] = ["test.happened"]) async throws -> WebhookEndpoint {
        try await WebhookStore(database: database, outbox: NotificationsTestService.outbox).create(
            url: url, eventTypes: types, description: nil, secret: .generate(), tenant: tenant)
    }

    static func channel(database: PostgresPool, _ adjust: (inout WebhookPolicy) -> Void = { _ in }) throws -> WebhookChannel {
        var policy = NotificationsTestService.configuration().webhooks
        policy.http.timeout = .seconds(1)
        adjust(&policy)
        return try WebhookChannel(store: WebhookStore(database: database, outbox: NotificationsTestService.outbox), policy: policy)
    }

    /// An envelope as the dispatcher would hand it.
    static func envelope(endpoint: WebhookEndpoint, tenant: Tenant, body: String = #"{"type":"test.happened","data":{"n":1}}"#) throws -> OutboxEnvelope {
        let payload = try JSONCoding.encode(["endpoint_id": endpoint.id.lowercaseString, "tenant": tenant.slug, "body": body])
        return OutboxEnvelope(
            tenant: tenant.id, id: .timeOrdered(), channel: "webhook", topic: "test.happened", payload: payload, attempt: 1, createdAt: Date())
    }

    @Test("a delivery is posted with the exact body and verifiable Standard Webhooks headers")
    func signed() async throws {
        let tenant = try await NotificationsTestService.privateTenant.value
        let database = try await NotificationsTestService.shared.value.runtime.database
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        let endpoint = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database)
        let envelope = try Self.envelope(endpoint: endpoint, tenant: tenant)
        let result = try await Self.channel(database: database).deliver(envelope)
        #expect(result.outcome == .delivered && result.statusCode == 204)
        let request = try #require(server.requests(to: "/ok").first)
        #expect(request.text == #"{"type":"test.happened","data":{"n":1}}"#)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["webhook-id"] == envelope.messageID)
        #expect(WebhookSignature.verify(
            id: request.headers["webhook-id"] ?? "", timestamp: request.headers["webhook-timestamp"] ?? "",
            signature: request.headers["webhook-signature"] ?? "", body: request.body, secrets: [endpoint.secret]))
    }

    @Test("slow and hanging endpoints time out; redirects are not followed; 503 keeps its Retry-After: all retried")
    func failures() async throws {
        let tenant = try await NotificationsTestService.privateTenant.value
        let database = try await NotificationsTestService.shared.value.runtime.database
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        let channel = try Self.channel(database: database)
        func deliver(_ path: String) async throws -> DeliveryResult {
            let endpoint = try await Self.endpoint("http://127.0.0.1:\(server.port)\(path)", tenant: tenant.id, database: database)
            return await channel.deliver(try Self.envelope(endpoint: endpoint, tenant: tenant))
        }
        let slow = try await deliver("/slow")
        #expect(slow.outcome == .failed && slow.detail?.contains("timed out") == true, "\(slow)")

        // Accepting connections but never answering.
        let silent = try Socket.listen(on: SocketAddress(numericHost: "127.0.0.1", port: 0)!, reusePort: false)
        defer { silent.close() }
        let hanging = try await Self.endpoint("http://127.0.0.1:\(try silent.localAddress().port)/", tenant: tenant.id, database: database)
        let hung = await channel.deliver(try Self.envelope(endpoint: hanging, tenant: tenant))
        #expect(hung.outcome == .failed && hung.detail?.contains("timed out") == true, "\(hung)")

        let redirected = try await deliver("/redirect")
        #expect(redirected.outcome == .failed && redirected.statusCode == 302)
        #expect(redirected.detail?.contains("redirects are not followed") == true)
        #expect(server.requests(to: "/ok").isEmpty, "the redirect was followed")

        let busy = try await deliver("/busy")
        #expect(busy.outcome == .failed && busy.statusCode == 503 && busy.retryAfter == .seconds(120))
        let missing = try await deliver("/nowhere")
        #expect(missing.outcome == .failed && missing.statusCode == 404)
    }

    @Test("410 Gone disables the endpoint and refuses the message; removed or disabled endpoints refuse theirs")
    func gone() async throws {
        let tenant = try await NotificationsTestService.privateTenant.value
        let database = try await NotificationsTestService.shared.value.runtime.database
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        let channel = try Self.channel(database: database)
        let store = WebhookStore(database: database, outbox: NotificationsTestService.outbox)
        let endpoint = try await Self.endpoint("http://127.0.0.1:\(server.port)/gone", tenant: tenant.id, database: database)
        let result = await channel.deliver(try Self.envelope(endpoint: endpoint, tenant: tenant))
        #expect(result.outcome == .rejected && result.statusCode == 410)
        let disabled = try #require(try await store.endpoint(endpoint.id, tenant: tenant.id))
        #expect(disabled.disabledAt != nil && disabled.disabledReason?.contains("410") == true)
        let again = await channel.deliver(try Self.envelope(endpoint: endpoint, tenant: tenant))
        #expect(again.outcome == .rejected)
        #expect(server.requests(to: "/gone").count == 1)

        let removed = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database)
        #expect(try await store.delete(removed.id, tenant: tenant.id))
        #expect(await channel.deliver(try Self.envelope(endpoint: removed, tenant: tenant)).outcome == .rejected)
        #expect(await channel.deliver(OutboxEnvelope(
            tenant: tenant.id, id: UUID(), channel: "webhook", topic: "x", payload: Array("{}".utf8), attempt: 1, createdAt: Date())).outcome == .rejected)
    }

    @Test("an endpoint on a private address is refused at delivery for a tenant not allowed; plain http when https is required")
    func ssrf() async throws {
        let (tenant, service) = try await NotificationsTestService.tenant()
        let database = service.runtime.database
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        // Written straight to the store, as if the address had changed since registration.
        let endpoint = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database)
        let refused = try await Self.channel(database: database).deliver(try Self.envelope(endpoint: endpoint, tenant: tenant))
        #expect(refused.outcome == .rejected && refused.detail?.contains("not allowed") == true, "\(refused)")
        let allowed = try await NotificationsTestService.privateTenant.value
        let other = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: allowed.id, database: database)
        let httpsOnly = try await Self.channel(database: database) { $0.allowsPlainHTTP = false }.deliver(try Self.envelope(endpoint: other, tenant: allowed))
        #expect(httpsOnly.outcome == .rejected)
        #expect(server.requests.isEmpty)
    }

    @Test("an event fans out to the subscribed endpoints only, and their deliveries and attempts are listed")
    func fanOut() async throws {
        let tenant = try await NotificationsTestService.privateTenant.value
        let service = try await NotificationsTestService.shared.value
        let database = service.runtime.database
        let server = try await Self.receiver()
        defer { Task { await server.stop() } }
        let fanned = ["test.fanned_out"]
        let first = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database, types: fanned)
        let second = try await Self.endpoint(
            "http://127.0.0.1:\(server.port)/busy", tenant: tenant.id, database: database, types: ["test.happened", "test.fanned_out"])
        let elsewhere = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database, types: ["test.other_thing"])
        let store = WebhookStore(database: database, outbox: NotificationsTestService.outbox)
        let off = try await Self.endpoint("http://127.0.0.1:\(server.port)/ok", tenant: tenant.id, database: database, types: fanned)
        _ = try await store.update(off.id, tenant: tenant.id, url: nil, eventTypes: nil, description: nil, disabled: true, reason: "off")

        let event = try WebhookEvent(type: NotificationsTestService.fannedOut, tenant: tenant.reference, data: ["n": 7])
        let rows = try await database.transaction([store.recording(event, tenant: tenant.reference)], tenant: tenant.id)
        #expect(rows[0].rowsAffected == 2)

        let dispatcher = try OutboxDispatcher(
            OutboxDelivery(outbox: NotificationsTestService.outbox, channels: [try Self.channel(database: database)]),
            database: database, logger: TestDatabase.logger, metrics: MetricsRegistry(), loop: TestDatabase.group.next())
        #expect(await dispatcher.runOnce() >= 2)
        let okRequests = server.requests(to: "/ok")
        #expect(okRequests.count == 1)
        #expect(okRequests.first?.text == String(decoding: event.body, as: UTF8.self))
        #expect(server.requests(to: "/busy").count == 1)

        let admin = try NotificationsTestService.administrator(tenant)
        let base = "/v1/\(tenant.slug)/notiftest/webhooks/endpoints"
        let delivered = NotificationsTestService.json(try await NotificationsTestService.send(
            "GET", "\(base)/\(first.id.lowercaseString)/deliveries", token: admin, port: service.address.port))
        let deliveries = delivered["deliveries"] as? [[String: Any]] ?? []
        #expect(deliveries.count == 1)
        #expect(deliveries.first?["state"] as? String == "delivered")
        #expect(deliveries.first?["id"] as? String == okRequests.first?.headers["webhook-id"])
        let retrying = NotificationsTestService.json(try await NotificationsTestService.send(
            "GET", "\(base)/\(second.id.lowercaseString)/deliveries", token: admin, port: service.address.port))
        let pending = (retrying["deliveries"] as? [[String: Any]])?.first
        #expect(pending?["state"] as? String == "pending")
        #expect(pending?["next_attempt_at"] != nil)
        #expect((pending?["attempts"] as? [[String: Any]])?.first?["status_code"] as? Int == 503)
        let none = NotificationsTestService.json(try await NotificationsTestService.send(
            "GET", "\(base)/\(elsewhere.id.lowercaseString)/deliveries", token: admin, port: service.address.port))
        #expect((none["deliveries"] as? [[String: Any]])?.isEmpty == true)
        // The pending retry is this test's own: drop its endpoint so no later run delivers it.
        _ = try await store.delete(second.id, tenant: tenant.id)
    }
}
