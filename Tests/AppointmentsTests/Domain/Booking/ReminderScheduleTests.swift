import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct ReminderScheduleTests {
    let start = Fixtures.instant("2026-03-23T08:30:00+01:00")

    @Test func defaultRemindersAre48And2HoursBefore() {
        let reminders = ReminderSchedule.standard.reminders(for: start, bookedAt: Fixtures.instant("2026-03-01T10:00:00Z"))
        #expect(reminders == [Fixtures.instant("2026-03-21T07:30:00Z"), Fixtures.instant("2026-03-23T05:30:00Z")])
        // 48 hours before a start just after the end of Ramadan is 48 real hours: the wall clock
        // then showed 07:30 (UTC+0), not 08:30.
        #expect(Fixtures.zone.format(reminders[0]) == "2026-03-21T07:30:00+00:00")
        #expect(Fixtures.zone.format(reminders[1]) == "2026-03-23T06:30:00+01:00")
    }

    @Test func remindersAlreadyPastAtBookingAreSkipped() {
        let bookedLate = Fixtures.instant("2026-03-22T12:00:00Z")
        #expect(ReminderSchedule.standard.reminders(for: start, bookedAt: bookedLate) == [Fixtures.instant("2026-03-23T05:30:00Z")])
        #expect(ReminderSchedule.standard.reminders(for: start, bookedAt: Fixtures.instant("2026-03-23T07:00:00Z")).isEmpty)
        // Exactly at a reminder's time it is already too late to send it ahead.
        #expect(ReminderSchedule.standard.reminders(for: start, bookedAt: Fixtures.instant("2026-03-23T05:30:00Z")).isEmpty)
    }

    @Test func customSchedulesAreSortedAndDeduplicated() {
        let schedule = ReminderSchedule(offsets: [.seconds(3600), .seconds(7 * 86_400), .seconds(3600), .zero])
        let reminders = schedule.reminders(for: start, bookedAt: Fixtures.instant("2026-01-01T00:00:00Z"))
        #expect(reminders == [start.addingTimeInterval(-7 * 86_400), start.addingTimeInterval(-3600)])
        #expect(Set(schedule.validate().map { "\($0.field) \($0.code)" }) == ["/reminders/2 duplicate_value", "/reminders/3 out_of_range"])
        #expect(ReminderSchedule(offsets: Array(repeating: .seconds(3600), count: 6)).validate().contains { $0.field == "/reminders" })
        #expect(ReminderSchedule(offsets: [.seconds(90)]).validate().map(\.code) == ["not_whole_minutes"])
        #expect(ReminderSchedule.standard.validate().isEmpty)
    }
}
