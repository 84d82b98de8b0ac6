import FoundationEssentials
import GuichetTestSupport
import Testing
import GuichetCore

@Suite struct BusinessCalendarTests {
    let morocco = BusinessCalendar.morocco()



    private func format(_ date: Date) -> String {
        RFC3339.format(date, in: morocco.timeZone)
    }

    @Test func weekendsAndHolidaysAreNotWorkingDays() throws {
        #expect(morocco.isWorkingDay(day("2026-03-19")))  // Thursday
        #expect(!morocco.isWorkingDay(day("2026-03-20")))  // Friday, Eid al-Fitr
        #expect(!morocco.isWorkingDay(day("2026-03-21")))  // Saturday, Eid al-Fitr too
        #expect(!morocco.isWorkingDay(day("2026-03-22")))  // Sunday
        #expect(morocco.isWorkingDay(day("2026-03-23")))  // Monday
        #expect(morocco.isWeekend(day("2026-03-21")) && morocco.isHoliday(day("2026-03-21")))
        #expect(!morocco.isWorkingDay(day("2026-05-01")))
        #expect(!morocco.isWorkingDay(day("2026-11-18")))
        #expect(morocco.isWorkingDay(day("2026-11-17")))
        // Amazigh New Year is a holiday since 2024 only.
        #expect(morocco.isWorkingDay(day("2023-01-13")))
        #expect(!morocco.isHoliday(day("2023-01-13")))
        #expect(!morocco.isWorkingDay(day("2026-01-14")))
        // A tenant that works on Saturdays.
        let sixDays = BusinessCalendar(timeZone: .casablanca, weekend: [.sunday], holidays: .moroccoDefault)
        #expect(sixDays.isWorkingDay(day("2026-03-28")))
        #expect(!sixDays.isWorkingDay(day("2026-03-21")))  // still Eid
        #expect(!sixDays.isWorkingDay(day("2026-03-29")))
    }

    @Test func addingWorkingDaysSkipsWeekendsAndHolidays() throws {
        // Received on Thursday 2026-03-19: Friday and Saturday are Eid, Sunday is off.
        #expect(try morocco.addingWorkingDays(1, to: day("2026-03-19")) == (day("2026-03-23")))
        #expect(try morocco.addingWorkingDays(2, to: day("2026-03-19")) == (day("2026-03-24")))
        // From a Friday, one working day is the Monday.
        #expect(try morocco.addingWorkingDays(1, to: day("2026-04-03")) == (day("2026-04-06")))
        // Counting from a weekend day starts on the Monday.
        #expect(try morocco.addingWorkingDays(1, to: day("2026-04-04")) == (day("2026-04-06")))
        // Five working days around 1 May (Friday).
        #expect(try morocco.addingWorkingDays(5, to: day("2026-04-28")) == (day("2026-05-06")))
        // Across the year boundary: 1 January (Friday 2027), the weekend, 11 January (Monday) and
        // 14 January (Thursday) are all off.
        #expect(try morocco.addingWorkingDays(1, to: day("2026-12-31")) == (day("2027-01-04")))
        #expect(try morocco.addingWorkingDays(6, to: day("2026-12-31")) == (day("2027-01-12")))
        #expect(try morocco.addingWorkingDays(8, to: day("2026-12-31")) == (day("2027-01-15")))
        // Adding zero days stays on the day, working or not.
        #expect(try morocco.addingWorkingDays(0, to: day("2026-03-21")) == (day("2026-03-21")))
    }

    @Test func deadlinesEndAtTheEndOfTheLastDay() throws {
        // Received Thursday 2026-03-19 at 10:00 (UTC+0 during Ramadan).
        let received = instant("2026-03-19T10:00:00+00:00")
        #expect(format(try morocco.addingWorkingDays(1, to: received)) == "2026-03-23T23:59:59+01:00")
        #expect(format(try morocco.addingWorkingDays(0, to: received)) == "2026-03-19T23:59:59+00:00")
        #expect(format(try morocco.addingCalendarDays(0, to: received)) == "2026-03-19T23:59:59+00:00")
        #expect(format(try morocco.addingCalendarDays(3, to: received)) == "2026-03-22T23:59:59+01:00")
        // 23:30 UTC on 14 February is already 15 February in Casablanca (UTC+1 until 03:00).
        let lateEvening = instant("2026-02-14T23:30:00Z")
        #expect(format(try morocco.addingCalendarDays(1, to: lateEvening)) == "2026-02-16T23:59:59+00:00")
        // Fifteen days from New Year's Eve, a common acknowledgement limit.
        #expect(format(try morocco.addingCalendarDays(15, to: instant("2026-12-31T12:00:00+01:00")))
            == "2027-01-15T23:59:59+01:00")
        #expect(format(try morocco.adding(.calendarDays(60), to: instant("2026-01-05T09:00:00+01:00")))
            == "2026-03-06T23:59:59+00:00")
        #expect(format(try morocco.adding(.workingDays(1), to: received)) == "2026-03-23T23:59:59+01:00")
    }

    @Test func calendarDayLimitsMayRunOnToTheNextWorkingDay() throws {
        // 2026-03-17 + 3 days is Friday 20 March, Eid: the limit runs on to Monday 23 March.
        let start = day("2026-03-17")
        #expect(try morocco.adding(.calendarDays(3), to: start) == (day("2026-03-20")))
        #expect(try morocco.adding(.calendarDays(3), to: start, extendingToWorkingDay: true) == (day("2026-03-23")))
        #expect(try morocco.adding(.calendarDays(2), to: start, extendingToWorkingDay: true) == (day("2026-03-19")))
        #expect(try morocco.adding(.workingDays(3), to: start, extendingToWorkingDay: true) == (day("2026-03-23")))
    }

    @Test func rejectsNegativeAndHugeCounts() throws {
        let today = day("2026-03-19")
        #expect(throws: BusinessCalendarError.negativeDayCount(-1)) { try morocco.addingWorkingDays(-1, to: today) }
        #expect(throws: BusinessCalendarError.negativeDayCount(-5)) { try morocco.addingCalendarDays(-5, to: today) }
        #expect(throws: BusinessCalendarError.negativeDayCount(-1)) { try morocco.adding(DayCount(-1), to: Date()) }
        #expect(throws: BusinessCalendarError.dayCountTooLarge(Int.max)) { try morocco.addingWorkingDays(.max, to: today) }
        #expect(throws: BusinessCalendarError.negativeDayCount(Int.min)) { try morocco.addingCalendarDays(.min, to: today) }
        #expect(throws: BusinessCalendarError.outOfRange) { try morocco.addingCalendarDays(10, to: LocalDate.latest) }
        #expect(throws: BusinessCalendarError.outOfRange) { try morocco.nextWorkingDay(after: LocalDate.latest) }
        #expect(try morocco.addingCalendarDays(BusinessCalendar.maximumDayCount, to: today) > today)
    }

    @Test func aCalendarWithoutWorkingDaysFailsInsteadOfLooping() throws {
        let never = BusinessCalendar(timeZone: .casablanca, weekend: Set(Weekday.allCases))
        let today = day("2026-03-19")
        #expect(!never.isWorkingDay(today))
        #expect(throws: BusinessCalendarError.noWorkingDay(after: today.adding(days: 1))) {
            try never.addingWorkingDays(1, to: today)
        }
        #expect(try never.addingWorkingDays(0, to: today) == today)
        #expect(never.workingDays(from: today, to: today.adding(days: 30)) == 0)
    }

    @Test func countingWorkingDaysInvertsAdding() throws {
        var generator = SplitMix64(seed: 2026)
        let first = day("2025-11-01")
        for _ in 0..<300 {
            let start = first.adding(days: Int(generator.next() % 800))
            let count = Int(generator.next() % 90)
            let end = try morocco.addingWorkingDays(count, to: start)
            #expect(morocco.workingDays(from: start, to: end) == count, "\(start) + \(count)")
            #expect(morocco.workingDays(from: end, to: start) == -count)
            if count > 0 {
                #expect(morocco.isWorkingDay(end))
                #expect(morocco.workingDays(from: start, to: end.adding(days: -1)) == count - 1)
            }
        }
        #expect(morocco.workingDays(from: day("2026-03-19"), to: day("2026-03-19")) == 0)
        // March 2026: 22 weekdays, minus Eid on Friday the 20th.
        #expect(morocco.workingDays(from: day("2026-02-28"), to: day("2026-03-31")) == 21)
        #expect(morocco.workingDays(from: instant("2026-02-28T23:30:00Z"), to: instant("2026-03-31T12:00:00Z")) == 21)
        #expect(morocco.calendarDays(from: instant("2026-02-14T22:30:00Z"), to: instant("2026-02-14T23:30:00Z")) == 1)
    }

    @Test func holidaySetsAndMoroccanDefaults() throws {
        let holidays = HolidaySet.moroccoDefault
        #expect(holidays.occurrences(in: 2026).count == 17)
        #expect(holidays.occurrences(in: 2027).count == 17)
        #expect(holidays.occurrences(in: 2028).count == 10)  // Hijri feasts of 2028 are not configured yet
        #expect(holidays.occurrences(in: 2023).count == 9)  // before the Amazigh New Year
        #expect(holidays.holidays(on: day("2026-05-01")).map(\.name.en) == ["Labour Day"])
        #expect(holidays.holidays(on: day("2026-05-02")).isEmpty)
        let both = HolidaySet([
            .yearly(LocalizedText(fr: "A"), month: 8, day: 14), .dated(LocalizedText(fr: "B"), start: day("2026-08-13"), days: 3),
        ])
        #expect(both.holidays(on: day("2026-08-14")).map(\.name.fr) == ["A", "B"])
        #expect(both.occurrences(in: 2026).map(\.day) == [day("2026-08-13"), day("2026-08-14"), day("2026-08-15")])
        let leap = HolidaySet([.yearly(LocalizedText(fr: "29 février"), month: 2, day: 29)])
        #expect(leap.contains(day("2028-02-29")))
        #expect(leap.occurrences(in: 2026).isEmpty)
        let limited = PublicHoliday.yearly(LocalizedText(fr: "X"), month: 3, day: 3, since: 2020, until: 2022)
        #expect(limited.days(in: 2019).isEmpty && limited.days(in: 2021).count == 1 && limited.days(in: 2023).isEmpty)
        let straddling = PublicHoliday.dated(LocalizedText(fr: "Y"), start: day("2026-12-31"), days: 2)
        #expect(straddling.days(in: 2026) == [day("2026-12-31")] && straddling.days(in: 2027) == [day("2027-01-01")])
        #expect(HolidaySet.none.adding([limited]).holidays == [limited])
    }

    @Test func holidaysDecodeFromTenantJSONAndRejectNonsense() throws {
        let json = """
            [{"name": {"fr": "Fête du Travail", "ar": "عيد الشغل", "en": "Labour Day"}, "month": 5, "day": 1},
             {"name": {"fr": "Nouvel An amazigh"}, "month": 1, "day": 14, "since": 2024},
             {"name": {"fr": "Aïd al-Fitr"}, "date": "2026-03-20", "days": 2},
             {"name": {"fr": "Fête locale"}, "date": "2026-09-01"}]
            """
        let set = try JSONDecoder().decode(HolidaySet.self, from: Data(json.utf8))
        #expect(set.holidays.count == 4)
        #expect(set.holidays(on: day("2026-05-01")).first?.name.text(in: .ar) == "عيد الشغل")
        #expect(set.contains(day("2026-03-21")) && !set.contains(day("2026-03-22")))
        #expect(set.contains(day("2026-09-01")) && !set.contains(day("2027-09-01")))
        #expect(!set.contains(day("2023-01-14")) && set.contains(day("2025-01-14")))
        #expect(try JSONTestSupport.roundTrip(set) == set)
        #expect(try JSONTestSupport.roundTrip(HolidaySet.moroccoDefault) == HolidaySet.moroccoDefault)

        let bad = [
            #"[{"name": {"fr": "x"}, "month": 2, "day": 30}]"#,
            #"[{"name": {"fr": "x"}, "month": 13, "day": 1}]"#,
            #"[{"name": {"fr": "x"}, "month": 1, "day": 0}]"#,
            #"[{"name": {"fr": "x"}, "month": 1}]"#,
            #"[{"name": {"fr": "x"}, "month": 1, "day": 1, "days": 2}]"#,
            #"[{"name": {"fr": "x"}, "month": 1, "day": 1, "since": 2030, "until": 2020}]"#,
            #"[{"name": {"fr": "x"}, "month": 1, "day": 1, "since": 0}]"#,
            #"[{"name": {"fr": "x"}, "date": "2026-03-20", "days": 0}]"#,
            #"[{"name": {"fr": "x"}, "date": "2026-03-20", "days": 11}]"#,
            #"[{"name": {"fr": "x"}, "date": "2026-03-20", "month": 3}]"#,
            #"[{"name": {"fr": "x"}, "date": "2026-02-30"}]"#,
            #"[{"name": {"fr": "x"}, "date": "9999-12-31", "days": 2}]"#,
            #"[{"name": {"ar": "x"}, "month": 1, "day": 1}]"#,
            #"[{"month": 1, "day": 1}]"#,
            #"{"name": {"fr": "x"}, "month": 1, "day": 1}"#,
        ]
        for text in bad {
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(HolidaySet.self, from: Data(text.utf8)) }
        }
    }

    @Test func calendarsAreCodable() throws {
        let json = #"{"zone": "Africa/Casablanca", "weekend": ["friday", "sunday"], "holidays": [{"name": {"fr": "x"}, "month": 5, "day": 1}]}"#
        let calendar = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        #expect(calendar.timeZone.identifier == "Africa/Casablanca")
        #expect(calendar.weekend == [.friday, .sunday])
        #expect(calendar.isWorkingDay(day("2026-03-21")))  // a Saturday
        #expect(!calendar.isWorkingDay(day("2026-03-20")))
        #expect(try JSONTestSupport.roundTrip(calendar) == calendar)
        #expect(try JSONTestSupport.roundTrip(morocco) == morocco)
        let encoded = String(decoding: try JSONEncoder().encode(BusinessCalendar(timeZone: .casablanca)), as: UTF8.self)
        #expect(encoded.contains(#""weekend":["saturday","sunday"]"#))
        let defaults = try JSONDecoder().decode(BusinessCalendar.self, from: Data(#"{"zone": "UTC"}"#.utf8))
        #expect(defaults.weekend == Weekday.saturdayAndSunday && defaults.holidays == .none)
        for bad in [
            #"{"zone": "Mars/Olympus_Mons"}"#,
            #"{"zone": "UTC", "weekend": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]}"#,
            #"{"zone": "UTC", "weekend": ["caturday"]}"#,
            #"{"weekend": []}"#,
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(BusinessCalendar.self, from: Data(bad.utf8)) }
        }
    }

    @Test func dayCountsWithinTheCalendarsLimitsAreAccepted() {
        #expect(DayCount.calendarDays(0).isAccepted && DayCount.workingDays(BusinessCalendar.maximumDayCount).isAccepted)
        #expect(!DayCount.calendarDays(-1).isAccepted && !DayCount.workingDays(BusinessCalendar.maximumDayCount + 1).isAccepted)
    }

    @Test func dayCountsAreCodable() throws {
        #expect(try JSONTestSupport.decode(DayCount.self, #"{"days": 60}"#) == .calendarDays(60))
        #expect(try JSONTestSupport.decode(DayCount.self, #"{"days": 15, "unit": "working"}"#) == .workingDays(15))
        #expect(try JSONTestSupport.roundTrip(DayCount.workingDays(15)) == .workingDays(15))
        #expect(DayCount.workingDays(15).description == "15 working days")
        #expect(DayCount.calendarDays(1).description == "1 calendar day")
        for bad in [#"{"days": -1}"#, #"{"days": 3661}"#, #"{"days": 5, "unit": "lunar"}"#, #"{"unit": "working"}"#, #"{"days": 1.5}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONTestSupport.decode(DayCount.self, bad) }
        }
    }
}

