import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct BookingNoticeTests {
    static func notice(start: String, language: Language = .fr, contact: ContactDetails? = nil) -> BookingNotice {
        let booking = Booking(
            id: UUID(), code: BookingCode("7K3QD-M9XTR")!, siteID: Fixtures.siteID, serviceID: Fixtures.serviceID,
            counterID: Fixtures.counterID(1), start: Fixtures.instant(start), end: Fixtures.instant(start).addingTimeInterval(1800),
            contact: contact ?? ContactDetails(name: "Amal", email: EmailAddress("amal@example.ma"), phone: PhoneNumber("0612345678")),
            channel: .web, createdAt: Fixtures.instant("2026-02-10T10:00:00+01:00"))
        return BookingNotice(booking: booking, site: Fixtures.site(), service: Fixtures.service(), zone: Fixtures.zone, language: language)
    }

    @Test func oneMessagePerWayToReachThePersonInTheirLanguage() {
        let messages = Self.notice(start: "2026-03-23T08:30:00+01:00", language: .ar).messages(
            .confirmation, deliverAfter: Fixtures.instant("2026-02-10T10:00:00+01:00"))
        #expect(messages.map(\.channel) == [.sms, .email])
        #expect(messages.map(\.destination) == ["+212612345678", "amal@example.ma"])
        #expect(Set(messages.map(\.id)).count == 2)
        let text = messages[0].payload["text"]?.stringValue ?? ""
        #expect(text.contains("2026-03-23") && text.contains("08:30") && text.contains("7K3QD-M9XTR") && text.contains("جواز السفر"))
        #expect(messages[0].payload["subject"]?.stringValue == "تأكيد الموعد")
        #expect(messages[0].payload["start"]?.stringValue == "2026-03-23T08:30:00+01:00")
    }

    @Test func remindersFollowTheWallClockAcrossTheEndOfRamadan() {
        // Booked during Ramadan (UTC+0) for the day after it ends (UTC+1).
        let notice = Self.notice(start: "2026-03-23T08:30:00+01:00", contact: ContactDetails(phone: PhoneNumber("0612345678")))
        let reminders = notice.reminders(.standard, now: Fixtures.instant("2026-03-01T12:00:00+00:00"))
        #expect(reminders.map(\.deliverAfter) == [Fixtures.instant("2026-03-21T07:30:00Z"), Fixtures.instant("2026-03-23T05:30:00Z")])
        #expect(reminders.allSatisfy { $0.payload["local_time"]?.stringValue == "08:30" && $0.kind == .reminder })
        // A reminder already past is not sent.
        #expect(notice.reminders(.standard, now: Fixtures.instant("2026-03-22T12:00:00Z")).count == 1)
    }

    @Test func anOfferHasNoCodeAndSaysUntilWhen() {
        let messages = Self.notice(start: "2026-05-05T09:00:00+01:00", language: .en).messages(
            .waitingListOffer, deliverAfter: Fixtures.instant("2026-05-04T09:00:00+01:00"),
            extra: ["hold": "abc", "until_date": "2026-05-04", "until_time": "11:00"])
        #expect(messages[0].payload["code"] == nil)
        #expect(messages[0].payload["text"]?.stringValue?.contains("until 2026-05-04 at 11:00") == true)
        #expect(messages[0].payload["hold"]?.stringValue == "abc")
    }

    @Test func theVerificationCodeMessageCarriesTheCode() {
        let (verification, code) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: Fixtures.instant("2026-05-04T09:00:00+01:00"))
        let message = AppointmentMessage.verificationCode(code, verification: verification, language: .en, now: Fixtures.instant("2026-05-04T09:00:00+01:00"))
        #expect(message.destination == "+212612345678" && message.channel == .sms && message.bookingID == nil)
        #expect(message.payload["text"]?.stringValue == "Your verification code: \(code). It expires in 10 minutes.")
    }
}
