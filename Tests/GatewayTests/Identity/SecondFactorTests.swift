import Foundation
@testable import Gateway
import GuichetTestSupport
import Testing

@Suite("Gateway: second factor")
struct SecondFactorTests {
    @Test("a tenant that requires TOTP: enrol with the password, confirm with the first code, then codes are required once each")
    func requiredTOTP() async throws {
        let fixture = try await GatewayFixture.shared.value
        let (slug, token) = try await fixture.tenantWithAdministrator()
        #expect(try await fixture.send("PATCH", "/v1/\(slug)/admin/settings", json: #"{"agents_require_totp":true}"#, token: token).status == 200)
        let id = try await fixture.createAccount(in: slug, token: token, username: "careful")
        let credentials = [("username", "careful"), ("password", GatewayFixture.agentPassword), ("tenant", slug)]

        let notEnrolled = try await fixture.form([("grant_type", "password")] + credentials)
        #expect(try fixture.json(notEnrolled)["code"] as? String == "totp_enrolment_required")

        let wrongPassword = try await fixture.form([("username", "careful"), ("password", "wrong"), ("tenant", slug)], to: "/v1/auth/totp/enrolment")
        #expect(wrongPassword.status == 400)
        let enrolment = try await fixture.form(credentials, to: "/v1/auth/totp/enrolment")
        #expect(enrolment.status == 200)
        let secretText = try #require(try fixture.json(enrolment)["secret"] as? String)
        #expect((try fixture.json(enrolment)["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/") == true)
        let secret = try #require(Self.decodeBase32(secretText))
        let totp = TOTP(secret: secret)

        let missing = try await fixture.form([("grant_type", "password")] + credentials)
        #expect(try fixture.json(missing)["code"] as? String == "totp_required")
        let wrongCode = try await fixture.form([("grant_type", "password"), ("totp", "000000")] + credentials)
        #expect(wrongCode.status == 400)
        let now = Date()
        let code = totp.code(at: now)
        let confirmed = try await fixture.form([("grant_type", "password"), ("totp", code)] + credentials)
        #expect(confirmed.status == 200)
        // The same code again is a replay.
        let replayed = try await fixture.form([("grant_type", "password"), ("totp", code)] + credentials)
        #expect(replayed.status == 400)
        // Enrolled: enrolling again is refused until an administrator resets it.
        #expect(try await fixture.form(credentials, to: "/v1/auth/totp/enrolment").status == 409)
        let account = try fixture.json(try await fixture.send("GET", "/v1/\(slug)/admin/accounts/\(id)", token: token))
        #expect(account["totp_enrolled"] as? Bool == true)
        #expect(try await fixture.send("DELETE", "/v1/\(slug)/admin/accounts/\(id)/totp", token: token).status == 204)
        #expect(try await fixture.form(credentials, to: "/v1/auth/totp/enrolment").status == 200)
    }

    static func decodeBase32(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var buffer = 0
        var bytes: [UInt8] = []
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return bytes
    }
}
