import Foundation
import GuichetCore
import GuichetCrypto
import GuichetHTTP
@testable import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Service runner: health, readiness, metrics, context tokens")
struct ServiceTests {
    @Test("healthz, readyz and metrics answer")
    func health() async throws {
        let service = try await NotesService.shared.value
        let connection = try RawConnection(port: service.address.port)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.status == 200)
        try connection.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        let ready = try #require(await connection.readResponse())
        #expect(ready.status == 200)
        #expect(ready.text.contains("\"database\":\"ok\""))
        try connection.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        let metrics = try #require(await connection.readResponse())
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("http_requests_total{route=\"/readyz\",method=\"GET\",status=\"200\"}"))
        #expect(metrics.text.contains("http_request_duration_seconds_bucket"))
        #expect(metrics.text.contains("db_pool_connections{state=\"in_use\"}"))
        #expect(metrics.header("x-request-id") != nil)
    }

    @Test("a request id from the client is kept when well-formed and replaced otherwise")
    func requestIDs() async throws {
        let service = try await NotesService.shared.value
        let connection = try RawConnection(port: service.address.port)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc-123\r\n\r\n")
        #expect(await connection.readResponse()?.header("x-request-id") == "abc-123")
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-ID: bad id\"\r\n\r\n")
        let replaced = try #require(await connection.readResponse()?.header("x-request-id"))
        #expect(replaced != "bad id\"" && replaced.count == 36)
    }

    @Test("a service route without the gateway's context token is 401; with it the principal and tenant arrive")
    func contextTokens() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let other = try await TestDatabase.makeTenant(in: database)
        try await NotesService.addNote("one", tenant: tenant.id, database: database)

        let key = Ed25519.PrivateKey()
        let keyID = "test-\(UUID().uuidString.prefix(8))"
        let signer = ContextTokenSigner(privateKey: key, keyID: keyID)
        try await SigningKeyStore(database: database).publish(key.publicKey, keyID: keyID, for: .context, overlap: .seconds(300))

        let connection = try RawConnection(port: service.address.port)
        func get(_ path: String, token: String?) async throws -> RawResponse? {
            let header = token.map { "X-Guichet-Context: \($0)\r\n" } ?? ""
            try connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\(header)\r\n")
            return await connection.readResponse()
        }
        #expect(try await get("/v1/\(tenant.slug)/notes", token: nil)?.status == 401)
        #expect(try await get("/v1/\(tenant.slug)/notes", token: "not-a-token")?.status == 401)

        let agent = Principal(subject: "account:agent-1", kind: .agent, tenantID: tenant.id, roles: ["complaints.handler"])
        let token = try signer.token(for: agent, tenant: tenant.reference)
        let answer = try #require(try await get("/v1/\(tenant.slug)/notes", token: token))
        #expect(answer.status == 200)
        #expect(answer.text == "1 notes for agent")

        // The same token on another tenant's path.
        #expect(try await get("/v1/\(other.slug)/notes", token: token)?.status == 401)

        // Forged: signed by a key the services do not know.
        let forger = ContextTokenSigner(privateKey: Ed25519.PrivateKey(), keyID: keyID)
        #expect(try await get("/v1/\(tenant.slug)/notes", token: try forger.token(for: agent, tenant: tenant.reference))?.status == 401)

        // Expired: signed three minutes ago with a two-minute lifetime.
        let past = ManualWallClock(Date().addingTimeInterval(-180))
        let stale = ContextTokenSigner(privateKey: key, keyID: keyID, clock: past)
        #expect(try await get("/v1/\(tenant.slug)/notes", token: try stale.token(for: agent, tenant: tenant.reference))?.status == 401)
    }

    @Test("a key published after start is picked up without a restart")
    func keyRotation() async throws {
        let service = try await NotesService.shared.value
        let database = service.runtime.database
        let tenant = try await TestDatabase.makeTenant(in: database)
        let key = Ed25519.PrivateKey()
        let keyID = "rotated-\(UUID().uuidString.prefix(8))"
        try await SigningKeyStore(database: database).publish(key.publicKey, keyID: keyID, for: .context, overlap: .seconds(300))
        let token = try ContextTokenSigner(privateKey: key, keyID: keyID)
            .token(for: Principal(subject: "", kind: .anonymous), tenant: tenant.reference)
        let connection = try RawConnection(port: service.address.port)
        try connection.send("GET /v1/\(tenant.slug)/notes HTTP/1.1\r\nHost: x\r\nX-Guichet-Context: \(token)\r\n\r\n")
        #expect(await connection.readResponse()?.status == 200)
    }
}
