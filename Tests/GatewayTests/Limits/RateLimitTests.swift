import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: rate limits")
struct RateLimitTests {
    /// A gateway of its own, with low limits.
    static let strict = Task {
        try await GatewayFixture(environment: [
            "GUICHET_RATE_LOGIN_PER_ADDRESS": "6/m", "GUICHET_RATE_LOGIN_PER_PRINCIPAL": "3/m",
            "GUICHET_RATE_READ_PER_ADDRESS": "1000/m", "GUICHET_RATE_READ_PER_PRINCIPAL": "4/m",
        ])
    }

    @Test("password spraying from one address meets the address's login limit: 429 with Retry-After")
    func spraying() async throws {
        let fixture = try await Self.strict.value
        var statuses: [Int] = []
        var retryAfter: String?
        for index in 0..<8 {
            let response = try await fixture.form([
                ("grant_type", "password"), ("username", "victim\(index)-\(UUID().uuidString.prefix(4).lowercased())"),
                ("password", "Password1!"),
            ], headers: ["X-Forwarded-For": "203.0.113.\(index)"])
            statuses.append(response.status)
            if response.status == 429 {
                retryAfter = response.header("retry-after")
                #expect(try fixture.json(response)["code"] as? String == "too_many_requests")
            }
        }
        // The forwarded addresses were not believed (no trusted proxy): one address, one bucket.
        #expect(statuses.filter { $0 == 429 }.count >= 2)
        #expect(statuses.prefix(6).allSatisfy { $0 == 400 || $0 == 429 })
        let seconds = try #require(retryAfter.flatMap(Int.init))
        #expect(seconds >= 1 && seconds <= 60)
    }

    @Test("guessing one account's password meets that account's own limit, whatever the lockout")
    func perAccount() async throws {
        let fixture = try await GatewayFixture(environment: [
            "GUICHET_RATE_LOGIN_PER_ADDRESS": "1000/m", "GUICHET_RATE_LOGIN_PER_PRINCIPAL": "3/m", "GUICHET_LOCKOUT_THRESHOLD": "50",
        ])
        let name = "target-\(UUID().uuidString.prefix(6).lowercased())"
        var statuses: [Int] = []
        for _ in 0..<5 {
            statuses.append(try await fixture.form([("grant_type", "password"), ("username", name), ("password", "guess")]).status)
        }
        #expect(statuses == [400, 400, 400, 429, 429])
        // Another name from the same address is not held back by that account's limit.
        #expect(try await fixture.form([("grant_type", "password"), ("username", name + "x"), ("password", "guess")]).status == 400)
        await fixture.gateway.stop()
    }

    @Test("a signed-in principal has a read limit of its own")
    func perPrincipal() async throws {
        let fixture = try await Self.strict.value
        let token = try await fixture.administratorToken()
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(try await fixture.send("GET", "/v1/auth/me", token: token).status) }
        #expect(statuses.prefix(4).allSatisfy { $0 == 200 })
        #expect(statuses.last == 429)
    }
}
