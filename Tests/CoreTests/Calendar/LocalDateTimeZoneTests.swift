import FoundationEssentials
import Testing
import GuichetCore

@Suite struct LocalDateTimeZoneTests {
    let casablanca = TimeZone.casablanca

    @Test func placesInstantsOnTheTenantsLocalDay() throws {
        // Winter, UTC+1: 23:30 UTC is already the next day in Casablanca.
        #expect(LocalDate(instant("2026-01-10T23:30:00Z"), in: casablanca) == (day("2026-01-11")))
        #expect(LocalDate(instant("2026-01-10T22:59:59Z"), in: casablanca) == (day("2026-01-10")))
        // Ramadan 2026, UTC+0: the same instant stays on the same day.
        #expect(LocalDate(instant("2026-03-01T23:30:00Z"), in: casablanca) == (day("2026-03-01")))
        #expect(LocalDate(instant("2026-03-01T23:59:59.999Z"), in: casablanca) == (day("2026-03-01")))
        #expect(LocalDate(instant("2026-03-02T00:00:00Z"), in: casablanca) == (day("2026-03-02")))
        // Before 1970 and in a zone west of UTC.
        let newYork = try #require(TimeZone.named("America/New_York"))
        // Casablanca was on UTC+0 in 1969; Paris on UTC+1.
        #expect(LocalDate(instant("1969-12-31T23:59:59.5Z"), in: casablanca) == (day("1969-12-31")))
        let paris = try #require(TimeZone.named("Europe/Paris"))
        #expect(LocalDate(instant("1969-12-31T23:59:59.5Z"), in: paris) == (day("1970-01-01")))
        #expect(LocalDate(instant("1969-12-31T22:59:59.5Z"), in: paris) == (day("1969-12-31")))
        #expect(LocalDate(instant("2026-01-01T03:00:00Z"), in: newYork) == (day("2025-12-31")))
    }

    @Test func daysAroundTheRamadanOffsetChanges() throws {
        // 2026-02-15: at 03:00 (UTC+1) the clocks go back to 02:00 (UTC+0); the day lasts 25 hours.
        let february15 = day("2026-02-15")
        #expect(february15.startOfDay(in: casablanca) == (instant("2026-02-14T23:00:00Z")))
        #expect(february15.startOfNextDay(in: casablanca) == (instant("2026-02-16T00:00:00Z")))
        #expect(february15.lengthInSeconds(in: casablanca) == 90_000)
        // 2026-03-22: at 02:00 (UTC+0) they go forward to 03:00 (UTC+1); the day lasts 23 hours.
        let march22 = day("2026-03-22")
        #expect(march22.startOfDay(in: casablanca) == (instant("2026-03-22T00:00:00Z")))
        #expect(march22.startOfNextDay(in: casablanca) == (instant("2026-03-22T23:00:00Z")))
        #expect(march22.lengthInSeconds(in: casablanca) == 82_800)
        #expect(day("2026-03-21").lengthInSeconds(in: casablanca) == 86_400)
        #expect(day("2026-03-01").lengthInSeconds(in: casablanca) == 86_400)
        // The end of a day is its last microsecond, written with the offset of that moment.
        let end = day("2026-03-20").endOfDay(in: casablanca)
        #expect(RFC3339.format(end, in: casablanca, precision: .microseconds) == "2026-03-20T23:59:59.999999+00:00")
        #expect(RFC3339.format(march22.endOfDay(in: casablanca), in: casablanca) == "2026-03-22T23:59:59+01:00")
        #expect(LocalDate(end, in: casablanca) == (day("2026-03-20")))
        #expect(LocalDate(end.addingTimeInterval(0.000_001), in: casablanca) == (day("2026-03-21")))
    }

    @Test func midnightSkippedOrRepeated() throws {
        // Chile moves its clocks at midnight: on 2026-09-06 local time jumps from 00:00 to 01:00.
        let santiago = try #require(TimeZone.named("America/Santiago"))
        let start = day("2026-09-06").startOfDay(in: santiago)
        #expect(RFC3339.format(start, in: santiago) == "2026-09-06T01:00:00-03:00")
        #expect(LocalDate(start.addingTimeInterval(-1), in: santiago) == (day("2026-09-05")))
        #expect(day("2026-09-06").lengthInSeconds(in: santiago) == 82_800)
        // On 2026-04-05 it goes back from 00:00 to 23:00 on the 4th: the 4th lasts 25 hours.
        #expect(day("2026-04-04").lengthInSeconds(in: santiago) == 90_000)
        #expect(RFC3339.format(day("2026-04-05").startOfDay(in: santiago), in: santiago) == "2026-04-05T00:00:00-04:00")
    }

    @Test func startOfDayAgreesWithFoundationInManyZones() throws {
        let zones = ["Africa/Casablanca", "America/Santiago", "America/Havana", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Apia", "Europe/Paris", "UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
        for identifier in zones {
            let zone = try #require(TimeZone.named(identifier), "\(identifier)")
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for current in day("2025-01-01")..<day("2028-01-01") {
                let start = current.startOfDay(in: zone)
                let noon = Date(timeIntervalSince1970: start.timeIntervalSince1970 + 12 * 3600)
                #expect(calendar.startOfDay(for: noon) == start, "\(identifier) \(current)")
                #expect(LocalDate(start, in: zone) == current, "\(identifier) \(current)")
                #expect(LocalDate(start.addingTimeInterval(-1), in: zone) == current.adding(days: -1), "\(identifier) \(current)")
            }
        }
    }

    @Test func theYearTurnsAtLocalMidnight() throws {
        // The mail registry's year: in winter Morocco is on UTC+1, so local midnight is 23:00 UTC.
        #expect(LocalDate(instant("2026-12-31T23:59:59+01:00"), in: casablanca).year == 2026)
        #expect(LocalDate(instant("2027-01-01T00:00:01+01:00"), in: casablanca).year == 2027)
        #expect(LocalDate(instant("2026-12-31T22:59:59Z"), in: casablanca).description == "2026-12-31")
        #expect(LocalDate(instant("2026-12-31T23:00:00Z"), in: casablanca).description == "2027-01-01")
        // The instant a UTC clock calls New Year is already an hour into 2027 in Casablanca.
        #expect(LocalDate(instant("2026-12-31T23:30:00Z"), in: casablanca).year == 2027)
        #expect(LocalDate(instant("2026-12-31T23:30:00Z"), in: try #require(TimeZone(identifier: "UTC"))).year == 2026)
        let newYork = try #require(TimeZone.named("America/New_York"))
        #expect(LocalDate(instant("2026-12-31T23:59:59-05:00"), in: newYork).year == 2026)
        #expect(LocalDate(instant("2027-01-01T00:00:01-05:00"), in: newYork).year == 2027)
        #expect(LocalDate(instant("2027-01-01T04:59:59Z"), in: newYork).year == 2026)
        let kiritimati = try #require(TimeZone.named("Pacific/Kiritimati"))
        #expect(LocalDate(instant("2026-12-31T09:59:59Z"), in: kiritimati).year == 2026)
        #expect(LocalDate(instant("2026-12-31T10:00:01Z"), in: kiritimati).year == 2027)
        // During Ramadan 2026 Casablanca is on UTC+0, after it on UTC+1 again.
        #expect(LocalDate(instant("2026-03-01T23:59:59Z"), in: casablanca).description == "2026-03-01")
        #expect(LocalDate(instant("2026-04-01T23:00:00Z"), in: casablanca).description == "2026-04-02")
    }

    @Test func wallClockTimeOfAnInstant() throws {
        // UTC+1 in May; UTC+0 during Ramadan (10 March 2026).
        let (date, second) = instant("2026-05-10T09:00:00Z").localDateAndTime(in: casablanca)
        #expect(date == day("2026-05-10") && second == 10 * 3600)
        #expect(instant("2026-03-10T09:00:00Z").localDateAndTime(in: casablanca).secondOfDay == 9 * 3600)
        let (before, last) = instant("1969-12-31T23:59:59Z").localDateAndTime(in: try #require(TimeZone(identifier: "UTC")))
        #expect(before == day("1969-12-31") && last == 86_399)
        // A fraction of a second before midnight is still the day before.
        let almostMidnight = Date(timeIntervalSinceReferenceDate: instant("2026-03-10T23:59:59Z").timeIntervalSinceReferenceDate + 0.9999)
        let (late, lateSecond) = almostMidnight.localDateAndTime(in: try #require(TimeZone(identifier: "UTC")))
        #expect(late == day("2026-03-10") && lateSecond == 86_399)
    }
}
