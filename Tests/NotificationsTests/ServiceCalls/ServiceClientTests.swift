import Foundation
import GuichetCore
import GuichetHTTP
@testable import GuichetNotifications
import GuichetTestSupport
import Testing

@Suite("Service-to-service calls: client-credentials tokens, timeouts, retries only when safe")
struct ServiceClientTests {
    /// A gateway standing in for the real one: a token endpoint (client `complaints`, secret `s3cret`)
    /// and resources that fail the way a test needs.
    static func gateway() async throws -> FakeHTTPServer {
        try await FakeHTTPServer { request, count in
            switch (request.method, request.path) {
            case (.post, "/v1/auth/token"):
                let form = (try? URLQuery(decodingForm: request.body)).map { query in
                    Dictionary(query.items.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                } ?? [:]
                guard form["grant_type"] == "client_credentials", form["client_id"] == "complaints", form["client_secret"] == "s3 cr&t" else {
                    return FakeHTTPServer.answer(401, json: #"{"error":"invalid_client"}"#)
                }
                return FakeHTTPServer.answer(200, json: #"{"access_token":"token-\#(count)","token_type":"Bearer","expires_in":900}"#)
            case (_, "/v1/demo/mail/flaky"):
                return count < 3 ? FakeHTTPServer.answer(503) : FakeHTTPServer.answer(200, json: #"{"ok":true}"#)
            case (_, "/v1/demo/mail/down"):
                return FakeHTTPServer.answer(502)
            case (.get, "/v1/demo/mail/expiring"):
                return request.headers["authorization"] == "Bearer token-1" ? FakeHTTPServer.answer(401) : FakeHTTPServer.answer(200)
            case (_, "/v1/demo/mail/slow"):
                try? await Task.sleep(for: .seconds(3))
                return FakeHTTPServer.answer(200)
            default:
                return FakeHTTPServer.answer(404)
            }
        }
    }

    static func client(_ gateway: FakeHTTPServer, secret: String = "s3 cr&t", timeout: Duration = .seconds(5)) -> ServiceClient {
        let upstream = Upstream(host: "127.0.0.1", port: gateway.port)
        let http = HTTPClient(group: TestDatabase.group)
        let credentials = ClientCredentials(
            configuration: .init(gateway: upstream, clientID: "complaints", clientSecret: Secret(secret)), client: http)
        return ServiceClient(
            configuration: .init(gateway: upstream, timeout: timeout, retries: 2, retryDelay: .milliseconds(5)), client: http,
            credentials: credentials)
    }

    @Test("one token serves many calls; it is sent as a bearer; a repeatable call is retried through 503s")
    func retriesSafeCalls() async throws {
        let gateway = try await Self.gateway()
        defer { Task { await gateway.stop() } }
        let client = Self.client(gateway)
        let answer = try await client.call(.get, "/v1/demo/mail/flaky", requestID: "r-1")
        #expect(answer.status.code == 200)
        let attempts = gateway.requests(to: "/v1/demo/mail/flaky")
        #expect(attempts.count == 3)
        #expect(attempts.allSatisfy { $0.headers["authorization"] == "Bearer token-1" && $0.headers["x-request-id"] == "r-1" })
        #expect(try await client.call(.put, "/v1/demo/mail/down").status.code == 502)
        #expect(gateway.requests(to: "/v1/demo/mail/down").count == 3)
        #expect(gateway.requests(to: "/v1/auth/token").count == 1)
        let form = try #require(gateway.requests(to: "/v1/auth/token").first)
        #expect(form.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(form.text.contains("client_secret=s3+cr%26t"))
    }

    @Test("a POST without an Idempotency-Key is never repeated; with one it is")
    func postsOnlyWithKeys() async throws {
        let gateway = try await Self.gateway()
        defer { Task { await gateway.stop() } }
        let client = Self.client(gateway)
        #expect(try await client.call(.post, "/v1/demo/mail/down", body: Array("{}".utf8)).status.code == 502)
        #expect(gateway.requests(to: "/v1/demo/mail/down").count == 1)
        #expect(try await client.call(.post, "/v1/demo/mail/flaky", body: Array("{}".utf8), idempotencyKey: "k-1").status.code == 200)
        let attempts = gateway.requests(to: "/v1/demo/mail/flaky")
        #expect(attempts.count == 3 && attempts.allSatisfy { $0.headers["idempotency-key"] == "k-1" })
        #expect(ServiceClient.isRepeatable(.delete, idempotencyKey: nil) && !ServiceClient.isRepeatable(.patch, idempotencyKey: nil))
    }

    @Test("a 401 renews the token once")
    func renewal() async throws {
        let gateway = try await Self.gateway()
        defer { Task { await gateway.stop() } }
        #expect(try await Self.client(gateway).call(.get, "/v1/demo/mail/expiring").status.code == 200)
        #expect(gateway.requests(to: "/v1/auth/token").count == 2)
        #expect(gateway.requests(to: "/v1/demo/mail/expiring").map { $0.headers["authorization"] } == ["Bearer token-1", "Bearer token-2"])
    }

    @Test("refused credentials and timeouts are errors; a slow POST is not retried")
    func failures() async throws {
        let gateway = try await Self.gateway()
        defer { Task { await gateway.stop() } }
        await #expect(throws: ServiceCallError.credentialsRefused(status: 401, detail: #"{"error":"invalid_client"}"#)) {
            _ = try await Self.client(gateway, secret: "wrong").call(.get, "/v1/demo/mail/flaky")
        }
        #expect(gateway.requests(to: "/v1/demo/mail/flaky").isEmpty)
        let slow = Self.client(gateway, timeout: .milliseconds(200))
        await #expect(throws: ServiceCallError.self) { _ = try await slow.call(.post, "/v1/demo/mail/slow") }
        #expect(gateway.requests(to: "/v1/demo/mail/slow").count == 1)
        await #expect(throws: ServiceCallError.self) { _ = try await slow.call(.get, "/v1/demo/mail/slow") }
        #expect(gateway.requests(to: "/v1/demo/mail/slow").count == 4)
    }

    @Test("form encoding")
    func formEncoding() {
        #expect(ClientCredentials.formEncode("a b&c=d/é~") == "a+b%26c%3Dd%2F%C3%A9%7E")
    }
}
