import FoundationEssentials
import GuichetCore
import GuichetNotifications
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

    /// The text the person reads: the template's default words in `language` with the message's variables.
    static func text(_ message: AppointmentMessage, in language: Language) -> String {
        let name = AppointmentTemplates.name(message.kind, channel: message.channel)
        guard let wording = AppointmentTemplates.catalog[name]?.defaults[language] else { return "" }
        return TemplateRenderer.render(wording, language: language, values: message.variables).text
    }

    @Test func oneMessagePerWayToReachThePersonInTheirLanguage() {
        let messages = Self.notice(start: "2026-03-23T08:30:00+01:00", language: .ar).messages(
            .confirmation, deliverAfter: Fixtures.instant("2026-02-10T10:00:00+01:00"))
        #expect(messages.map(\.channel) == [.sms, .email])
        #expect(messages.map(\.destination) == ["+212612345678", "amal@example.ma"])
        #expect(Set(messages.map(\.id)).count == 2)
        let text = Self.text(messages[0], in: .ar)
        #expect(text.contains("23/03/2026") && text.contains("08:30") && text.contains("7K3QD-M9XTR") && text.contains("جواز السفر"))
        #expect(messages[0].variables["start"] == "2026-03-23T08:30:00+01:00")
        #expect(messages[0].variables["name"] == "Amal")
    }

    @Test func remindersFollowTheWallClockAcrossTheEndOfRamadan() {
        // Booked during Ramadan (UTC+0) for the day after it ends (UTC+1).
        let notice = Self.notice(start: "2026-03-23T08:30:00+01:00", contact: ContactDetails(phone: PhoneNumber("0612345678")))
        let reminders = notice.reminders(.standard, now: Fixtures.instant("2026-03-01T12:00:00+00:00"), sequence: 0)
        #expect(reminders.map(\.deliverAfter) == [Fixtures.instant("2026-03-21T07:30:00Z"), Fixtures.instant("2026-03-23T05:30:00Z")])
        #expect(reminders.allSatisfy { $0.variables["time"] == "08:30" && $0.kind == .reminder })
        // A reminder already past is not sent.
        #expect(notice.reminders(.standard, now: Fixtures.instant("2026-03-22T12:00:00Z"), sequence: 0).count == 1)
    }

    @Test func reminderIdsAreDerivedFromBookingSequenceChannelAndRank() {
        let notice = Self.notice(start: "2026-03-23T08:30:00+01:00")
        let now = Fixtures.instant("2026-03-01T12:00:00+00:00")
        let first = notice.reminders(.standard, now: now, sequence: 0)
        // Stable: the same booking at the same sequence always names the same reminders.
        #expect(first.map(\.id) == notice.reminders(.standard, now: now, sequence: 0).map(\.id))
        #expect(Set(first.map(\.id)).count == 4)
        #expect(Set(first.map(\.id)).isSubset(of: ReminderIdentity.all(booking: notice.booking.id, sequence: 0)))
        // The next sequence, or another booking, names others.
        let moved = notice.reminders(.standard, now: now, sequence: 1)
        #expect(Set(moved.map(\.id)).isDisjoint(with: ReminderIdentity.all(booking: notice.booking.id, sequence: 0)))
        #expect(Set(ReminderIdentity.all(booking: UUID(), sequence: 0)).isDisjoint(with: first.map(\.id)))
        #expect(ReminderIdentity.all(booking: notice.booking.id, sequence: 0).count == 2 * ReminderSchedule.maximumCount)
        #expect(first.allSatisfy { $0.id.version == 8 })
        // A schedule of more delays than allowed still yields ids the next change can name.
        let many = ReminderSchedule(offsets: (1...7).map { .seconds($0 * 3600) })
        #expect(Set(notice.reminders(many, now: now, sequence: 0).map(\.id)).isSubset(of: ReminderIdentity.all(booking: notice.booking.id, sequence: 0)))
    }

    @Test func anOfferHasNoCodeAndSaysUntilWhen() {
        let messages = Self.notice(start: "2026-05-05T09:00:00+01:00", language: .en).messages(
            .waitingListOffer, deliverAfter: Fixtures.instant("2026-05-04T09:00:00+01:00"),
            extra: ["hold": "abc", "until_date": "04/05/2026", "until_time": "11:00"])
        #expect(messages[0].variables["code"] == nil)
        #expect(Self.text(messages[0], in: .en).contains("until 04/05/2026 at 11:00"))
        #expect(messages[0].variables["hold"] == "abc")
    }

    @Test func theVerificationCodeMessageCarriesTheCode() {
        let (verification, code) = ContactVerification.start(id: UUID(), channel: .sms, destination: "+212612345678", now: Fixtures.instant("2026-05-04T09:00:00+01:00"))
        let message = AppointmentMessage.verificationCode(code, verification: verification, language: .en, now: Fixtures.instant("2026-05-04T09:00:00+01:00"))
        #expect(message.destination == "+212612345678" && message.channel == .sms && message.bookingID == nil)
        #expect(Self.text(message, in: .en) == "Your verification code: \(code). It expires in 10 minutes.")
    }

    @Test func everyKindHasAnEmailAndAnSMSInEveryLanguage() {
        #expect(AppointmentTemplates.catalog.names.count == 2 * AppointmentMessage.Kind.allCases.count)
        for kind in AppointmentMessage.Kind.allCases {
            let email = AppointmentTemplates.catalog[AppointmentTemplates.name(kind, channel: .email)]
            let sms = AppointmentTemplates.catalog[AppointmentTemplates.name(kind, channel: .sms)]
            #expect(email?.medium == .email && sms?.medium == .sms, "\(kind)")
            for language in Language.allCases {
                #expect(email?.defaults[language].map { email?.validate($0).isEmpty == true } == true, "\(kind) \(language)")
            }
        }
        // Arabic emails are laid out right to left by the kit.
        let wording = AppointmentTemplates.email(.confirmation).defaults[.ar]!
        let rendered = TemplateRenderer.render(wording, language: .ar, values: ["code": "X", "date": "07/05/2026", "time": "10:00"])
        #expect(rendered.html?.contains("dir=\"rtl\"") == true)
        // A tenant's wording that drops the booking code is refused.
        let reworded = NotificationTemplate(subject: "RDV", text: "Le {{date}} à {{time}}.")
        #expect(AppointmentTemplates.email(.reminder).validate(reworded).map(\.code).contains("missing_variable"))
    }
}
