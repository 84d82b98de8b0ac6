import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct ConfigurationValidationTests {
    @Test func aWellFormedConfigurationHasNoErrors() {
        #expect(Fixtures.site().validate().isEmpty)
        #expect(Fixtures.service().validate().isEmpty)
        #expect(Fixtures.counter(1).validate().isEmpty)
        #expect(BookingWindow().validate(at: "/booking_window").isEmpty)
    }

    @Test func siteErrorsPointAtTheirFields() {
        var site = Fixtures.site()
        site.name = LocalizedText(fr: "  ", ar: "", en: String(repeating: "x", count: 201))
        site.address = LocalizedText(fr: "")
        // Coordinates out of range never reach a site: parsing them reports the errors.
        var locationErrors: [FieldError] = []
        site.location = GeoPoint.parse(
            latitude: 91, longitude: .nan, latitudeField: "/location/latitude", longitudeField: "/location/longitude",
            errors: &locationErrors)
        #expect(site.location == nil)
        site.phone = "call us"
        site.openingHours[.monday] = [Fixtures.range("08:00-12:00"), Fixtures.range("11:00-13:00")]
        let errors = site.validate() + locationErrors
        let pairs = Set(errors.map { "\($0.field) \($0.code)" })
        #expect(
            pairs == [
                "/name/fr required", "/name/ar required", "/name/en too_long", "/address/fr required",
                "/location/latitude out_of_range", "/location/longitude out_of_range", "/phone invalid_format",
                "/opening_hours/monday/1 overlapping_ranges",
            ])
        site.phone = ""
        #expect(site.validate().contains { $0.field == "/phone" && $0.code == "required" })
        for phone in ["+212 5 37 00 00 00", "0537-000000", "(05) 37.00.00.00"] {
            site.phone = phone
            #expect(!site.validate().contains { $0.field == "/phone" }, "\(phone)")
        }
        for phone in ["12345", "+212 5 37 00 00 00 00 00", "05+37000000", "٠٥٣٧٠٠٠٠٠٠"] {
            site.phone = phone
            #expect(site.validate().contains { $0.field == "/phone" }, "\(phone)")
        }
    }

    @Test func serviceErrorsPointAtTheirFields() {
        var service = Fixtures.service()
        service.name = LocalizedText(fr: "")
        service.duration = .seconds(90)
        service.bufferAfter = .seconds(-60)
        service.capacity = 0
        service.requiredDocuments = LocalizedText(fr: String(repeating: "d", count: 2001))
        service.bookingWindow = BookingWindow(minimumNotice: .seconds(7200), maximumHorizon: .seconds(3600))
        service.cancellationCutoff = .milliseconds(1500)
        service.moveCutoff = .seconds(31 * 86_400)
        service.channels = []
        service.perPersonCap = 101
        service.siteIDs = []
        service.ticketPrefix = "a1"
        let pairs = Set(service.validate().map { "\($0.field) \($0.code)" })
        #expect(
            pairs == [
                "/name/fr required", "/duration_minutes not_whole_minutes", "/buffer_minutes out_of_range", "/capacity out_of_range",
                "/required_documents/fr too_long", "/booking_window/maximum_horizon_minutes invalid_range",
                "/cancellation_cutoff_minutes not_whole_minutes", "/move_cutoff_minutes out_of_range", "/channels required",
                "/per_person_cap out_of_range", "/sites required", "/ticket_prefix invalid_format",
            ])
        service = Fixtures.service()
        service.duration = .seconds(4 * 60)
        service.ticketPrefix = "ABC"
        #expect(Set(service.validate().map(\.field)) == ["/duration_minutes", "/ticket_prefix"])
        #expect(Fixtures.service(minutes: 20, buffer: 10).step == .seconds(1800))
    }

    @Test func counterErrorsPointAtTheirFields() {
        var counter = Fixtures.counter(1)
        counter.label = ""
        counter.schedule[.friday] = [Fixtures.range("08:30-12:00"), Fixtures.range("09:00-10:00"), Fixtures.range("10:00-11:00")]
        counter.exceptions = [
            ScheduleException(date: Fixtures.date("2026-05-04"), change: .closed),
            ScheduleException(date: Fixtures.date("2026-05-05"), change: .hours([Fixtures.range("09:00-11:00"), Fixtures.range("10:00-12:00")])),
            ScheduleException(date: Fixtures.date("2026-05-04"), change: .closed, reason: String(repeating: "r", count: 501)),
        ]
        let pairs = Set(counter.validate().map { "\($0.field) \($0.code)" })
        #expect(
            pairs == [
                "/label required", "/schedule/friday/1 overlapping_ranges", "/schedule/friday/2 overlapping_ranges",
                "/exceptions/1/hours/1 overlapping_ranges", "/exceptions/2/date duplicate_value", "/exceptions/2/reason too_long",
            ])
    }

    @Test func counterHoursFollowExceptionsThenTheWeek() {
        let counter = Fixtures.counter(
            1,
            exceptions: [
                ScheduleException(date: Fixtures.date("2026-05-04"), change: .closed),
                ScheduleException(date: Fixtures.date("2026-05-09"), change: .hours([Fixtures.range("09:00-11:00")])),
            ])
        #expect(counter.hours(on: Fixtures.date("2026-05-04")).isEmpty)  // a Monday, closed by exception
        #expect(counter.hours(on: Fixtures.date("2026-05-05")).count == 2)  // Tuesday: weekly schedule
        #expect(counter.hours(on: Fixtures.date("2026-05-09")) == [Fixtures.range("09:00-11:00")])  // a Saturday opened
        #expect(counter.hours(on: Fixtures.date("2026-05-10")).isEmpty)  // Sunday
        #expect(counter.handles(Fixtures.serviceID))
        #expect(!Fixtures.counter(2, services: [Fixtures.otherServiceID]).handles(Fixtures.serviceID))
    }

    @Test func absencesAndHolidaysValidate() {
        let zone = Fixtures.zone
        let absence = Absence(
            counterID: Fixtures.counterID(1), from: LocalDateTime(Fixtures.date("2026-05-04"), Fixtures.time("10:00")),
            to: LocalDateTime(Fixtures.date("2026-05-04"), Fixtures.time("09:00")), in: zone)
        #expect(absence.validate().map(\.field) == ["/end"])
        let fine = Absence(counterID: Fixtures.counterID(1), start: Fixtures.instant("2026-05-04T09:00:00Z"), end: Fixtures.instant("2026-05-06T09:00:00Z"))
        #expect(fine.validate().isEmpty)
        let holiday = Holiday(date: Fixtures.date("2026-03-20"), name: LocalizedText(fr: ""), closure: .partial([]))
        #expect(Set(holiday.validate(at: "/holidays/0").map(\.field)) == ["/holidays/0/name/fr", "/holidays/0/closed_hours"])
    }

    @Test func holidaysCombineOnTheSameDate() {
        let name = LocalizedText(fr: "Fête")
        let date = Fixtures.date("2026-03-20")
        let afternoon = TenantHolidays([
            Holiday(date: date, name: name, closure: .partial([Fixtures.range("14:00-24:00")])),
            Holiday(date: date, name: name, closure: .partial([Fixtures.range("08:00-09:00")])),
        ])
        #expect(afternoon.isClosed(on: date, at: Fixtures.time("08:30")))
        #expect(!afternoon.isClosed(on: date, at: Fixtures.time("10:00")))
        #expect(afternoon.isClosed(on: date, at: Fixtures.time("15:00")))
        #expect(!afternoon.isClosedAllDay(on: date))
        let whole = TenantHolidays([
            Holiday(date: date, name: name, closure: .partial([Fixtures.range("14:00-24:00")])), Holiday(date: date, name: name),
        ])
        #expect(whole.isClosedAllDay(on: date))
        #expect(whole.holidays(on: date).count == 2)
        #expect(whole.closure(on: date.adding(days: 1)) == nil)
    }

    @Test func bookingWindowBoundsStarts() {
        let window = BookingWindow(minimumNotice: .seconds(2 * 3600), maximumHorizon: .seconds(7 * 86_400))
        let now = Fixtures.instant("2026-05-04T08:00:00Z")
        #expect(!window.contains(now, now: now))
        #expect(window.contains(Fixtures.instant("2026-05-04T10:00:00Z"), now: now))
        #expect(!window.contains(Fixtures.instant("2026-05-04T09:59:59Z"), now: now))
        #expect(window.contains(Fixtures.instant("2026-05-11T08:00:00Z"), now: now))
        #expect(!window.contains(Fixtures.instant("2026-05-11T08:00:01Z"), now: now))
        let immediate = BookingWindow(minimumNotice: .zero, maximumHorizon: .seconds(86_400))
        #expect(!immediate.contains(now.addingTimeInterval(-1), now: now))
        #expect(immediate.contains(now, now: now))
        let bad = BookingWindow(minimumNotice: .seconds(91 * 86_400), maximumHorizon: .seconds(0))
        #expect(Set(bad.validate(at: "/w").map { "\($0.field) \($0.code)" }) == ["/w/minimum_notice_minutes out_of_range", "/w/maximum_horizon_minutes out_of_range"])
    }
}

@Suite struct AppointmentSettingsTests {
    @Test func defaultsAreValid() {
        let settings = AppointmentSettings()
        #expect(settings.validate().isEmpty)
        #expect(settings.zone == TenantTimeZone.casablanca)
        #expect(settings.holdConfiguration.lifetime == .seconds(600))
        #expect(settings.reminders == .standard)
    }

    @Test func malformedSettingsPointAtTheirFields() {
        let settings = AppointmentSettings(
            timeZoneIdentifier: "Africa/Casablanka",
            holidays: [
                Holiday(date: Fixtures.date("2026-07-30"), name: LocalizedText(fr: "Fête du Trône")),
                Holiday(date: Fixtures.date("2026-03-20"), name: LocalizedText(fr: ""), closure: .partial([])),
            ],
            reminders: ReminderSchedule(offsets: [.seconds(60)]), holdLifetime: .zero, noShowGrace: .seconds(5 * 3600),
            waitingListOfferLifetime: .seconds(61))
        #expect(settings.zone == nil)
        #expect(
            Set(settings.validate().map { "\($0.field) \($0.code)" }) == [
                "/time_zone invalid_time_zone", "/holidays/1/name/fr required", "/holidays/1/closed_hours required",
                "/reminder_minutes/0 out_of_range", "/hold_minutes out_of_range", "/no_show_grace_minutes out_of_range",
                "/waiting_list_offer_minutes not_whole_minutes",
            ])
        #expect(AppointmentSettings(timeZoneIdentifier: "").validate().map { "\($0.field) \($0.code)" } == ["/time_zone required"])
    }
}
