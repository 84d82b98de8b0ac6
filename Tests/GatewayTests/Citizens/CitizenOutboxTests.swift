import Foundation
@testable import Gateway
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

/// Sign-up as in production: the verification message is recorded in the gateway's outbox with
/// the code, then delivered by email (a real SMTP server) or SMS (a fake provider).
@Suite("Gateway: citizens' verification messages through the outbox")
struct CitizenOutboxTests {
    static func uniqueEmail() -> String { "outbox-\(UUID().uuidString.prefix(8).lowercased())@example.ma" }

    @Test("sign-up with an email sends exactly one email, whose code (stored hashed, never logged) verifies the account")
    func email() async throws {
        let fixture = try await OutboxFixture.shared.value
        let gateway = fixture.gateway
        let email = Self.uniqueEmail()
        let signedUp = try await gateway.send(
            "POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"citizen password","language":"en"}"#)
        #expect(signedUp.status == 202)

        let emails = await fixture.emails(to: email, count: 1)
        let message = try #require(emails.first)
        #expect(message.from == "noreply@guichet.test")
        #expect(message.text.contains("Subject: Your verification code"))
        #expect(message.text.contains("Content-Language: en"))
        let code = try #require(OutboxFixture.code(in: message.text.components(separatedBy: "is: ").dropFirst().first ?? ""))

        // One message in the outbox, delivered; still one email once it is.
        #expect(try await fixture.deliveredStates(to: email) == ["delivered"])
        let recorded = try await fixture.outboxMessages(to: email)
        #expect(recorded.map(\.topic) == ["citizen.sign_up_code"])
        #expect(recorded.first?.payload["language"] as? String == "en")
        #expect(fixture.sink.messages.filter { $0.recipients.contains(email) }.count == 1)

        // The account keeps a hash of the code, not the code.
        let rows = try await fixture.database.query(
            "SELECT code_hash FROM platform.accounts WHERE username = \(email) AND status = 'pending'", tenant: nil)
        let stored = try #require(try rows.first?.decode(([UInt8]).self))
        #expect(stored == SHA256.hash("\(email):\(code)"))
        #expect(stored != Array(code.utf8))
        #expect(!fixture.log.mentions(code))

        let verified = try await gateway.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#)
        #expect(verified.status == 200)
        _ = try await gateway.signIn(email, "citizen password")
        #expect(!fixture.log.mentions(code))
    }

    @Test("sign-up with a taken email answers the same and sends the notice, in the asked language, without a code")
    func takenEmail() async throws {
        let fixture = try await OutboxFixture.shared.value
        let gateway = fixture.gateway
        let email = Self.uniqueEmail()
        _ = try await gateway.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"citizen password"}"#)
        let first = try #require(await fixture.emails(to: email, count: 1).first)
        let code = try #require(OutboxFixture.code(in: first.text.components(separatedBy: "est : ").dropFirst().first ?? ""))
        #expect(first.text.contains("Content-Language: fr"))
        #expect(try await gateway.send("POST", "/v1/auth/citizens/verify", json: #"{"email":"\#(email)","code":"\#(code)"}"#).status == 200)

        let again = try await gateway.send(
            "POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"another password","language":"ar"}"#)
        let fresh = try await gateway.send(
            "POST", "/v1/auth/citizens", json: #"{"email":"\#(Self.uniqueEmail())","password":"another password","language":"ar"}"#)
        #expect(again.status == 202 && fresh.status == 202)
        #expect(again.text == fresh.text)

        let emails = await fixture.emails(to: email, count: 2)
        try #require(emails.count == 2)
        let notice = emails[1]
        #expect(notice.text.contains("Content-Language: ar"))
        let recorded = try await fixture.outboxMessages(to: email)
        #expect(recorded.map(\.topic) == ["citizen.sign_up_code", "citizen.account_exists"])
        #expect(recorded.last?.payload["language"] as? String == "ar")
        #expect((recorded.last?.payload["variables"] as? [String: Any])?.isEmpty == true)
        // The existing account kept its password.
        _ = try await gateway.signIn(email, "citizen password")
    }

    @Test("a phone number gets its code and, once taken, its notice by SMS")
    func phone() async throws {
        let fixture = try await OutboxFixture.shared.value
        let gateway = fixture.gateway
        let digits = String(format: "%08d", Int.random(in: 0..<100_000_000))
        let e164 = "+2126\(digits)"
        let signedUp = try await gateway.send(
            "POST", "/v1/auth/citizens", json: #"{"phone":"06 \#(digits)","password":"citizen password","language":"fr"}"#)
        #expect(signedUp.status == 202)
        let texts = await fixture.texts(to: e164, count: 1)
        let text = try #require(texts.first)
        #expect(text.hasPrefix("Guichet : votre code de vérification est "))
        let code = try #require(OutboxFixture.code(in: text))
        #expect(fixture.sms.received.first { $0.to == e164 }?.authorization == "Bearer sms-token")
        #expect(try await fixture.deliveredStates(to: e164) == ["delivered"])
        #expect(!fixture.log.mentions(code))

        #expect(try await gateway.send("POST", "/v1/auth/citizens/verify", json: #"{"phone":"\#(e164)","code":"\#(code)"}"#).status == 200)
        #expect(try await gateway.send(
            "POST", "/v1/auth/citizens", json: #"{"phone":"\#(e164)","password":"citizen password","language":"en"}"#).status == 202)
        let both = await fixture.texts(to: e164, count: 2)
        try #require(both.count == 2)
        #expect(both[1].hasPrefix("Guichet: you already have an account with this number."))
        #expect(OutboxFixture.code(in: both[1]) == nil)
        #expect(try await fixture.outboxMessages(to: e164).map(\.topic) == ["citizen.sign_up_code.sms", "citizen.account_exists.sms"])
    }

    @Test("the outbox row is recorded only when the sign-up commits")
    func onlyWithTheSignUp() async throws {
        let fixture = try await OutboxFixture.shared.value
        let store = CitizenStore(database: fixture.database)
        let outbox = Outbox(trustedSchema: "gateway")
        func message(to email: String) throws -> OutboxMessage {
            try OutboxMessage(channel: "unused", topic: "citizen.sign_up_code", payload: ["to": email])
        }

        // The sign-up fails after its message was recorded: neither stays.
        let failed = Self.uniqueEmail()
        let lost = try message(to: failed)
        await #expect(throws: PostgresError.self) {
            _ = try await store.signUp(username: failed, passwordHash: "x", displayName: nil, language: .fr) { _ in
                [outbox.recording(lost, tenant: OutboxVerificationCodes.tenant), "SELECT 1 / 0"]
            }
        }
        #expect(try await fixture.outboxMessages(to: failed).isEmpty)
        let accounts = try await fixture.database.query("SELECT count(*) FROM platform.accounts WHERE username = \(failed)", tenant: nil)
        #expect(try accounts.single(Int.self) == 0)

        // The same sign-up, committed: both stay, and the message's choice saw the outcome.
        let kept = try message(to: failed)
        let outcome = try await store.signUp(username: failed, passwordHash: "x", displayName: nil, language: .fr) { outcome in
            guard case .pending = outcome else { return [] }
            return [outbox.recording(kept, tenant: OutboxVerificationCodes.tenant)]
        }
        guard case .pending = outcome else { Issue.record("expected a pending account, got \(outcome)"); return }
        let recorded = try await fixture.outboxMessages(to: failed)
        #expect(recorded.map(\.topic) == ["citizen.sign_up_code"])
        #expect(recorded.first?.state == "pending")
    }

    @Test("a refused sign-up records nothing")
    func refused() async throws {
        let fixture = try await OutboxFixture.shared.value
        let email = Self.uniqueEmail()
        let short = try await fixture.gateway.send("POST", "/v1/auth/citizens", json: #"{"email":"\#(email)","password":"short"}"#)
        #expect(short.status == 422)
        #expect(try await fixture.outboxMessages(to: email).isEmpty)
    }
}
