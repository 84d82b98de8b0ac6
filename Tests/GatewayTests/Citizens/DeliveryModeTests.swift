import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

/// What `GUICHET_VERIFICATION_CODES` and the notification settings do to a running gateway.
@Suite("Gateway: verification delivery modes")
struct DeliveryModeTests {
    static func uniqueEmail() -> String { "mode-\(UUID().uuidString.prefix(8).lowercased())@example.ma" }

    @Test("nothing configured: sign-up is closed (503), by email and by phone alike")
    func off() async throws {
        let fixture = try await GatewayFixture(recordsCodes: false)
        let email = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(Self.uniqueEmail())","password":"citizen password"}"#)
        let phone = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"phone":"0612345678","password":"citizen password"}"#)
        await fixture.gateway.stop()
        #expect(email.status == 503 && phone.status == 503)
        #expect(try fixture.json(email)["code"] as? String == "sign_up_unavailable")
    }

    @Test("log (development only): the code is in the log, and it verifies the account")
    func log() async throws {
        let log = CapturedLog()
        let fixture = try await GatewayFixture(environment: ["GUICHET_VERIFICATION_CODES": "log"], recordsCodes: false, logSink: log)
        let email = Self.uniqueEmail()
        let signedUp = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"citizen password"}"#)
        #expect(signedUp.status == 202)
        let line = try #require(log.text.split(separator: "\n").first { $0.contains(email) && $0.contains("\"code\"") })
        let code = try #require(OutboxFixture.code(in: String(line.split(separator: "\"code\"").last ?? "")))
        #expect(log.mentions(code))
        let verified = try await fixture.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#)
        await fixture.gateway.stop()
        #expect(verified.status == 200)
    }

    @Test("outbox with SMTP only: email sign-ups go through, phone sign-ups are closed and record nothing")
    func emailOnly() async throws {
        let outbox = try await OutboxFixture.shared.value
        let fixture = try await GatewayFixture(
            environment: [
                "GUICHET_SMTP_HOST": "127.0.0.1", "GUICHET_SMTP_PORT": String(outbox.sink.port), "GUICHET_SMTP_SECURITY": "none",
                "GUICHET_MAIL_FROM": "noreply@guichet.test", "GUICHET_OUTBOX_POLL_MS": "50",
            ],
            recordsCodes: false)
        let digits = String(format: "%08d", Int.random(in: 0..<100_000_000))
        let phone = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"phone":"06\#(digits)","password":"citizen password"}"#)
        let email = Self.uniqueEmail()
        let byEmail = try await fixture.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"citizen password"}"#)
        await fixture.gateway.stop()
        #expect(phone.status == 503)
        #expect(try await outbox.outboxMessages(to: "+2126\(digits)").isEmpty)
        #expect(byEmail.status == 202)
        #expect(try await outbox.outboxMessages(to: email).map(\.topic) == ["citizen.sign_up_code"])
    }
}
