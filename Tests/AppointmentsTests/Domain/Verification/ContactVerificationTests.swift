import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct ContactVerificationTests {
    let now = Fixtures.instant("2026-05-04T09:00:00+01:00")

    @Test func aCodeIsSixDigitsKeptOnlyAsASaltedDigest() {
        let (verification, code) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: now)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(verification.codeDigest.count == 32 && verification.salt.count == 16)
        #expect(verification.expiresAt == Fixtures.instant("2026-05-04T09:10:00+01:00"))
        let (other, _) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: now)
        #expect(other.salt != verification.salt)
    }

    @Test func theRightCodeVerifiesSpacesAndHyphensAside() throws {
        var (verification, code) = ContactVerification.start(id: UUID(), channel: .email, destination: "amal@example.ma", now: now)
        let typed = String(code.prefix(3)) + " " + String(code.suffix(3))
        try verification.confirm(typed, now: now.addingTimeInterval(60))
        #expect(verification.verifiedAt == now.addingTimeInterval(60))
        #expect(verification.verifiedUntil() == now.addingTimeInterval(60 + 1800))
    }

    @Test func wrongCodesCountAndTheFifthEndsIt() {
        var (verification, code) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: now)
        let wrong = code == "000000" ? "000001" : "000000"
        var failures: [ContactVerification.Failure] = []
        for _ in 0..<5 {
            do throws(ContactVerification.Failure) {
                try verification.confirm(wrong, now: now)
            } catch {
                failures.append(error)
            }
        }
        #expect(failures == [.wrongCode, .wrongCode, .wrongCode, .wrongCode, .expired])
        #expect(throws: ContactVerification.Failure.expired) { try verification.confirm(code, now: now) }
        #expect(verification.verifiedAt == nil)
    }

    @Test func aCodeTypedAfterItsLifetimeIsExpired() {
        var (verification, code) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: now)
        #expect(throws: ContactVerification.Failure.expired) { try verification.confirm(code, now: now.addingTimeInterval(600)) }
        #expect(verification.attempts == 0)
    }

    @Test func destinationsAreNormalised() {
        let contact = ContactDetails(email: EmailAddress("Amal@Example.MA"), phone: PhoneNumber("0612345678"))
        #expect(ContactVerification.destination(of: contact, channel: .sms) == "+212612345678")
        #expect(ContactVerification.destination(of: contact, channel: .email) == "amal@example.ma")
        #expect(ContactVerification.destination(of: ContactDetails(), channel: .email) == nil)
    }
}
