import Foundation
@testable import Gateway
import Testing

@Suite("Gateway: TOTP (RFC 6238)")
struct TOTPTests {
    /// RFC 6238 appendix B's SHA-1 secret.
    static let secret = Array("12345678901234567890".utf8)

    @Test(
        "the RFC 6238 test vectors (SHA-1, 8 digits)",
        arguments: [
            (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ])
    func vectors(time: Double, code: String) {
        let totp = TOTP(secret: Self.secret, digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: time)) == code)
    }

    @Test("a code is good one step early or late, once, and never when malformed")
    func verification() {
        let totp = TOTP(secret: Self.secret)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let step = totp.counter(at: now)
        #expect(totp.verify(totp.code(at: now), at: now, after: nil) == step)
        #expect(totp.verify(totp.code(counter: step - 1), at: now, after: nil) == step - 1)
        #expect(totp.verify(totp.code(counter: step + 1), at: now, after: nil) == step + 1)
        #expect(totp.verify(totp.code(counter: step - 2), at: now, after: nil) == nil)
        // Replay: the step already accepted, or an earlier one.
        #expect(totp.verify(totp.code(at: now), at: now, after: step) == nil)
        #expect(totp.verify(totp.code(counter: step - 1), at: now, after: step - 1) == nil)
        for bad in ["", "12345", "1234567", "abcdef", "１２３４５６", "12345\u{0}"] {
            #expect(totp.verify(bad, at: now, after: nil) == nil, "\(bad)")
        }
    }

    @Test("the otpauth URI carries the secret in base32 and the parameters")
    func uri() {
        let totp = TOTP(secret: Self.secret)
        #expect(Base32.encode(Self.secret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        let uri = totp.uri(issuer: "Guichet demo", account: "agent.one")
        #expect(uri.hasPrefix("otpauth://totp/Guichet%20demo%3Aagent.one?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(uri.contains("&digits=6&period=30"))
    }
}
