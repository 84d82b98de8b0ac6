import Foundation
import GuichetCore
@testable import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Outbox routes: dead letters listed, inspected and replayed by administrators")
struct OutboxRoutesTests {
    func send(_ method: String, _ path: String, token: String?, port: UInt16) async throws -> RawResponse {
        let connection = try RawConnection(port: port)
        let header = token.map { "X-Guichet-Context: \($0)\r\n" } ?? ""
        let length = method == "POST" ? "Content-Length: 0\r\n" : ""
        try connection.send("\(method) \(path) HTTP/1.1\r\nHost: x\r\n\(header)\(length)\r\n")
        return try #require(await connection.readResponse())
    }

    func json(_ response: RawResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    @Test("an administrator lists the dead letters, sees the attempts, replays one; others are refused")
    func deadLetters() async throws {
        let service = try await OutboxTestService.shared.value
        let database = service.runtime.database
        let port = service.address.port
        let tenant = try await TestDatabase.makeTenant(in: database)
        let other = try await TestDatabase.makeTenant(in: database)
        let channel = OutboxTestService.uniqueChannel()
        let ids = try await OutboxTestService.record(3, channel: channel, tenant: tenant.id, database: database)
        let dispatcher = try OutboxDispatcher(
            OutboxDelivery(
                outbox: OutboxTestService.outbox,
                channels: [RecordingChannel(name: channel) { envelope in
                    envelope.id == ids[1] ? .rejected("550 5.1.1 mailbox unknown", statusCode: 550) : .delivered("250 ok", statusCode: 250)
                }]),
            database: database, logger: TestDatabase.logger, metrics: MetricsRegistry(), loop: TestDatabase.group.next())
        #expect(await dispatcher.runOnce() == 3)

        let admin = try TestContextTokens.token(for: TestContextTokens.tenantAdministrator(of: tenant.id), in: tenant.reference)
        let base = "/v1/\(tenant.slug)/outboxtest/outbox/messages"
        let dead = try await send("GET", "\(base)?state=dead", token: admin, port: port)
        #expect(dead.status == 200, "\(dead.text)")
        let messages = try json(dead)["messages"] as? [[String: Any]] ?? []
        #expect(messages.map { $0["id"] as? String } == [ids[1].lowercaseString])
        #expect(messages.first?["state"] as? String == "dead")
        #expect(messages.first?["last_error"] as? String == "550 5.1.1 mailbox unknown")
        #expect(messages.first?["payload"] == nil)

        let all = try json(try await send("GET", "\(base)?limit=2", token: admin, port: port))
        #expect((all["messages"] as? [[String: Any]])?.count == 2)
        let next = try #require(all["next_before"] as? String)
        let rest = try json(try await send("GET", "\(base)?limit=2&before=\(next)", token: admin, port: port))
        #expect((rest["messages"] as? [[String: Any]])?.count == 1)
        #expect(rest["next_before"] == nil)

        let detail = try json(try await send("GET", "\(base)/\(ids[1].lowercaseString)", token: admin, port: port))
        let attempts = detail["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.count == 1)
        #expect(attempts.first?["outcome"] as? String == "rejected")
        #expect(attempts.first?["status_code"] as? Int == 550)

        let replayed = try await send("POST", "\(base)/\(ids[1].lowercaseString)/replay", token: admin, port: port)
        #expect(replayed.status == 200, "\(replayed.text)")
        #expect(try json(replayed)["state"] as? String == "pending")
        #expect(try await send("POST", "\(base)/\(ids[1].lowercaseString)/replay", token: admin, port: port).status == 409)
        #expect(try await send("POST", "\(base)/\(ids[0].lowercaseString)/replay", token: admin, port: port).status == 409)

        // Bad input.
        #expect(try await send("GET", "\(base)?state=lost", token: admin, port: port).status == 422)
        #expect(try await send("GET", "\(base)?limit=0", token: admin, port: port).status == 422)
        #expect(try await send("GET", "\(base)?before=nope", token: admin, port: port).status == 422)
        #expect(try await send("GET", "\(base)/not-a-uuid", token: admin, port: port).status == 404)
        #expect(try await send("GET", "\(base)/\(UUID().uuidString)", token: admin, port: port).status == 404)

        // Who may not: anonymous (401), an agent (403), another tenant's administrator (404), and
        // this tenant's messages are not another's.
        #expect(try await send("GET", base, token: nil, port: port).status == 401)
        let anonymous = try TestContextTokens.token(for: .anonymous, in: tenant.reference)
        #expect(try await send("GET", base, token: anonymous, port: port).status == 401)
        let agent = try TestContextTokens.token(
            for: TestContextTokens.agent(of: tenant.id, roles: [Roles.complaintsHandler]), in: tenant.reference)
        #expect(try await send("GET", base, token: agent, port: port).status == 403)
        let stranger = try TestContextTokens.token(for: TestContextTokens.tenantAdministrator(of: other.id), in: tenant.reference)
        #expect(try await send("GET", base, token: stranger, port: port).status == 404)
        let otherAdmin = try TestContextTokens.token(for: TestContextTokens.tenantAdministrator(of: other.id), in: other.reference)
        let empty = try json(try await send("GET", "/v1/\(other.slug)/outboxtest/outbox/messages", token: otherAdmin, port: port))
        #expect((empty["messages"] as? [[String: Any]])?.isEmpty == true)
        #expect(try await send("GET", "/v1/\(other.slug)/outboxtest/outbox/messages/\(ids[0].lowercaseString)", token: otherAdmin, port: port).status == 404)
    }

    @Test("the routes match their OpenAPI fragment")
    func documented() async throws {
        let service = try await OutboxTestService.shared.value
        let document = try #require(service.parts.openAPIDocument)
        let ownRoutes = service.routes.filter { $0.pattern.hasPrefix("/v1/") }
        #expect(OpenAPICoverage.mismatches(routes: ownRoutes, document: document) == [])
    }
}
