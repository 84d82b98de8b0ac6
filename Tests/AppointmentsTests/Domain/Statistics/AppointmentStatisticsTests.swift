import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct AppointmentStatisticsTests {
    static func fact(_ channel: Channel, _ status: BookingStatus, start: String, bookedHoursBefore: Int) -> AppointmentStatistics.BookingFact {
        let start = Fixtures.instant(start)
        return AppointmentStatistics.BookingFact(
            channel: channel, status: status, start: start, end: start.addingTimeInterval(1800),
            createdAt: start.addingTimeInterval(-Double(bookedHoursBefore) * 3600))
    }

    @Test func countsRatesLeadTimesAndWaits() {
        let bookings = [
            Self.fact(.web, .completed, start: "2026-05-04T09:00:00+01:00", bookedHoursBefore: 24),
            Self.fact(.web, .noShow, start: "2026-05-04T09:30:00+01:00", bookedHoursBefore: 48),
            Self.fact(.phone, .cancelled, start: "2026-05-04T10:00:00+01:00", bookedHoursBefore: 72),
            Self.fact(.desk, .confirmed, start: "2026-05-05T10:00:00+01:00", bookedHoursBefore: 0),
        ]
        let issued = Fixtures.instant("2026-05-04T09:00:00+01:00")
        let tickets = [
            AppointmentStatistics.TicketFact(issuedAt: issued, calledAt: issued.addingTimeInterval(600), status: .served),
            AppointmentStatistics.TicketFact(issuedAt: issued, calledAt: issued.addingTimeInterval(1800), status: .noShow),
            AppointmentStatistics.TicketFact(issuedAt: issued, calledAt: nil, status: .waiting),
        ]
        let statistics = AppointmentStatistics(bookings: bookings, tickets: tickets, openMinutes: 480)
        #expect(statistics.bookingsByChannel == [.web: 2, .phone: 1, .desk: 1, .mobile: 0])
        #expect(statistics.bookingsByStatus[.cancelled] == 1 && statistics.bookingsByStatus[.checkedIn] == 0)
        #expect(statistics.noShowRate == 0.5)
        #expect(statistics.averageLeadTimeHours == 36)
        #expect(statistics.medianLeadTimeHours == 24)
        #expect(statistics.bookedMinutes == 90)
        #expect(statistics.utilisation == 90.0 / 480)
        #expect(statistics.ticketsIssued == 3 && statistics.ticketsServed == 1 && statistics.ticketsNoShow == 1)
        #expect(statistics.averageWaitMinutes == 20)
        #expect(statistics.ninetiethPercentileWaitMinutes == 30)
    }

    @Test func nothingToMeasureGivesNoRates() {
        let statistics = AppointmentStatistics(bookings: [], tickets: [], openMinutes: 0)
        #expect(statistics.noShowRate == nil && statistics.utilisation == nil && statistics.averageLeadTimeHours == nil)
        #expect(statistics.averageWaitMinutes == nil && statistics.bookingsByChannel.values.allSatisfy { $0 == 0 })
    }

    @Test func openTimeSubtractsHolidaysAndAbsencesAcrossAnOffsetChange() {
        let counter = Fixtures.counter(1, schedule: WeeklyHours([Fixtures.range("08:30-12:00"), Fixtures.range("14:00-16:30")], on: Set(Weekday.allCases)))
        let dates = Fixtures.date("2026-03-21")...Fixtures.date("2026-03-24")
        let full = OpenTime.minutes(counters: [counter], sites: [Fixtures.site()], holidays: .none, absences: [], dates: dates, zone: Fixtures.zone)
        #expect(full == 4 * 360)
        let holidays = TenantHolidays([
            Holiday(date: Fixtures.date("2026-03-22"), name: LocalizedText(fr: "Fête")),
            Holiday(date: Fixtures.date("2026-03-23"), name: LocalizedText(fr: "Après-midi"), closure: .partial([Fixtures.range("14:00-24:00")])),
        ])
        let absences = [
            Absence(counterID: Fixtures.counterID(1), start: Fixtures.instant("2026-03-24T09:00:00+01:00"), end: Fixtures.instant("2026-03-24T10:00:00+01:00")),
            Absence(counterID: Fixtures.counterID(1), start: Fixtures.instant("2026-03-24T09:30:00+01:00"), end: Fixtures.instant("2026-03-24T10:30:00+01:00")),
            Absence(counterID: Fixtures.counterID(2), start: Fixtures.instant("2026-03-21T00:00:00Z"), end: Fixtures.instant("2026-03-25T00:00:00Z")),
        ]
        let open = OpenTime.minutes(counters: [counter], sites: [Fixtures.site()], holidays: holidays, absences: absences, dates: dates, zone: Fixtures.zone)
        #expect(open == 360 + 0 + 210 + (360 - 90))
    }
}
