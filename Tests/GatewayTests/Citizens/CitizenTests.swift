import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: citizens")
struct CitizenTests {
    static func uniqueEmail() -> String { "citoyen-\(UUID().uuidString.prefix(8).lowercased())@example.ma" }

    @Test("sign up with an email, enter the code, sign in without a tenant")
    func signUp() async throws {
        let fixture = try await GatewayFixture.shared.value
        let email = Self.uniqueEmail()
        let signedUp = try await fixture.send(
            "POST", "/v1/auth/citizens", json: #"{"email":"\#(email.uppercased())","password":"citizen password","language":"ar"}"#)
        #expect(signedUp.status == 202)
        let code = try #require(fixture.codes.code(for: .email(email)))
        // Not yet: the account is pending.
        let early = try await fixture.form([("grant_type", "password"), ("username", email), ("password", "citizen password")])
        #expect(early.status == 400)
        let wrong = try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code == "000000" ? "111111" : "000000")"}"#)
        #expect(wrong.status == 400)
        let verified = try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#)
        #expect(verified.status == 200)
        let citizen = try await fixture.signIn(email, "citizen password")
        let me = try fixture.json(try await fixture.send("GET", "/v1/auth/me", token: citizen.access))
        #expect(me["kind"] as? String == "citizen")
        #expect(me["tenant"] == nil)
        // The code is spent.
        #expect(try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#).status == 400)
    }

    @Test("signing up again with a taken address answers the same and sends a notice, not a code")
    func noEnumeration() async throws {
        let fixture = try await GatewayFixture.shared.value
        let email = Self.uniqueEmail()
        _ = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"citizen password"}"#)
        let code = try #require(fixture.codes.code(for: .email(email)))
        _ = try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#)
        let again = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"another password"}"#)
        let fresh = try await fixture.send(
            "POST", "/v1/auth/citizens", json: #"{"email":"\#(Self.uniqueEmail())","password":"another password"}"#)
        #expect(again.status == 202 && fresh.status == 202)
        #expect(again.text == fresh.text)
        let notices = fixture.codes.messages.withLock { $0.filter { $0.destination == .email(email) }.map(\.purpose) }
        #expect(notices == [.signUp, .accountExists])
        // The existing account kept its password.
        _ = try await fixture.signIn(email, "citizen password")
    }

    @Test("a phone number works too, in any typed form; codes wear out after five wrong tries")
    func phone() async throws {
        let fixture = try await GatewayFixture.shared.value
        let digits = String(format: "%08d", Int.random(in: 0..<100_000_000))
        let typed = "06 \(digits)"
        let e164 = "+2126\(digits)"
        #expect(try await fixture.send("POST", "/v1/auth/citizens", json: #"{"phone":"\#(typed)","password":"citizen password"}"#).status == 202)
        let code = try #require(fixture.codes.code(for: .phone(e164)))
        let wrong = code == "999999" ? "888888" : "999999"
        for _ in 0..<5 {
            #expect(try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"phone":"\#(e164)","code":"\#(wrong)"}"#).status == 400)
        }
        #expect(try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"phone":"\#(typed)","code":"\#(code)"}"#).status == 400)
    }

    @Test(
        "bad sign-ups are 422",
        arguments: [
            #"{"password":"citizen password"}"#, #"{"email":"not-an-email","password":"citizen password"}"#,
            #"{"email":"a@example.ma","phone":"0612345678","password":"citizen password"}"#,
            #"{"email":"a@example.ma","password":"short"}"#, #"{"phone":"12","password":"citizen password"}"#,
            #"{"email":"a@example.ma","password":"citizen password","display_name":"a\u0007b"}"#,
        ])
    func invalid(body: String) async throws {
        let fixture = try await GatewayFixture.shared.value
        #expect(try await fixture.send("POST", "/v1/auth/citizens", json: body).status == 422, "\(body)")
    }
}
