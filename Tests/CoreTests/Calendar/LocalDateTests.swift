import FoundationEssentials
import Testing
import GuichetCore

@Suite struct LocalDateTests {

    @Test func acceptsOnlyDaysThatExist() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2026, month: 12, day: 31) != nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: 0) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: -1) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(LocalDate(year: Int.max, month: Int.min, day: Int.max) == nil)
    }

    @Test func parsesOnlyTheExactISOForm() throws {
        let parsed = day("2026-03-20")
        #expect(parsed.year == 2026 && parsed.month == 3 && parsed.day == 20)
        for bad in ["2026-3-20", "2026-03-2", "2026-03-20T00:00", " 2026-03-20", "2026-03-20 ", "2026/03/20", "20260320",
            "2026-02-30", "abcd-ef-gh", "", "+2026-03-20", "2026-03-٢٠", "0000-01-01", "2026-03-200", "2026-01-32", "2026--1-01"]
        {
            #expect(LocalDate(bad) == nil, "\(bad)")
        }
        #expect(LocalDate("0001-01-01") == .earliest)
        #expect(LocalDate("9999-12-31") == .latest)
        #expect(parsed.description == "2026-03-20")
        #expect(day("0987-01-05").description == "0987-01-05")
        #expect(LocalDate(String(repeating: "9", count: 10_000)) == nil)
    }

    @Test func weekdays() throws {
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2026-01-01").weekday == .thursday)
        #expect(day("2026-03-20").weekday == .friday)
        #expect(day("2026-03-22").weekday == .sunday)
        #expect(day("2000-02-29").weekday == .tuesday)
        #expect(day("1969-12-31").weekday == .wednesday)
        #expect(LocalDate.earliest.weekday == .monday)
        #expect(LocalDate.latest.weekday == .friday)
        #expect(Weekday(isoNumber: 0) == nil && Weekday(isoNumber: 8) == nil && Weekday(isoNumber: 7) == .sunday)
        #expect(Weekday.allCases.map(\.isoNumber) == Array(1...7))
        #expect(Weekday.allCases.sorted() == Weekday.allCases)
    }

    @Test func agreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var current = day("1899-12-25")
        while current < day("2101-01-10") {
            let date = Date(timeIntervalSince1970: Double(current.daysSince1970) * 86_400)
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(components.year == current.year && components.month == current.month && components.day == current.day)
            // Foundation numbers Sunday 1 … Saturday 7.
            #expect(components.weekday == current.weekday.isoNumber % 7 + 1)
            current = current.adding(days: 37)
        }
    }

    @Test func arithmeticAcrossMonthsYearsAndLeapDays() throws {
        #expect(day("2026-12-31").adding(days: 1) == (day("2027-01-01")))
        #expect(day("2027-01-01").adding(days: -1) == (day("2026-12-31")))
        #expect(day("2024-02-28").adding(days: 1) == (day("2024-02-29")))
        #expect(day("2026-02-28").adding(days: 1) == (day("2026-03-01")))
        #expect(day("2026-03-20").adding(days: 0) == (day("2026-03-20")))
        #expect(day("2026-01-01").days(until: day("2027-01-01")) == 365)
        #expect(day("2024-01-01").days(until: day("2025-01-01")) == 366)
        #expect(day("2027-01-01").days(until: day("2026-01-01")) == -365)
        #expect(LocalDate(daysSince1970: 0) == (day("1970-01-01")))
        #expect(LocalDate(daysSince1970: -1) == (day("1969-12-31")))
        #expect(LocalDate(daysSince1970: LocalDate.latest.daysSince1970 + 1) == nil)
        #expect(LocalDate(daysSince1970: LocalDate.earliest.daysSince1970 - 1) == nil)
        #expect(LocalDate(daysSince1970: .max) == nil && LocalDate(daysSince1970: .min) == nil)
        let week = Array(day("2026-12-29")...(day("2027-01-04")))
        #expect(week.count == 7 && week.last == (day("2027-01-04")))
        #expect(day("2026-03-20") < (day("2026-03-21")))
        #expect(day("2025-12-31") < (day("2026-01-01")))
        #expect(LocalDate.daysInMonth(year: 2026, month: 13) == 0)
        #expect(LocalDate.isLeapYear(2000) && !LocalDate.isLeapYear(2100) && LocalDate.isLeapYear(2028))
    }

    @Test func rejectsMalformedDates() {
        for bad in [
            "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01", "26-04-01", "2026/04/01", "2026-04-01T",
            " 2026-04-01", "", "abcd-ef-gh", "0000-01-01", "2026-04-00", "٢٠٢٦-٠٤-٠١",
        ] {
            #expect(LocalDate(bad) == nil, "\(bad)")
        }
    }

    @Test func stepsThroughDaysAcrossMonthsAndLeapYears() throws {
        let start = day("2024-02-28")
        #expect(start.adding(days: 1).description == "2024-02-29")
        #expect(start.adding(days: 2).description == "2024-03-01")
        #expect(start.adding(days: 366).description == "2025-02-28")
        #expect(start.adding(days: -59).description == "2023-12-31")
        #expect(start.days(until: start.adding(days: 40)) == 40)
        // Stepping clamps to the representable years.
        #expect(LocalDate.latest.adding(days: 5) == LocalDate.latest)
        #expect(LocalDate.earliest.adding(days: -5) == LocalDate.earliest)
        #expect(start.adding(days: .max) == LocalDate.latest && start.adding(days: .min) == LocalDate.earliest)
        #expect(LocalDate(clampingDaysSince1970: -800_000) == .earliest && LocalDate(clampingDaysSince1970: 3_000_000) == .latest)
        #expect(LocalDate(clampingDaysSince1970: -1) == day("1969-12-31"))
        // Every day of four centuries round-trips through its day number, weekdays in sequence.
        var date = day("1900-01-01")
        var weekday = date.weekday
        #expect(weekday == .monday)
        for _ in 0..<(400 * 366) {
            let next = date.adding(days: 1)
            #expect(LocalDate(year: next.year, month: next.month, day: next.day) == next)
            if LocalDate(daysSince1970: next.daysSince1970) != next { Issue.record("day number of \(next)") }
            let expected = Weekday(isoNumber: weekday.isoNumber % 7 + 1)
            if next.weekday != expected { Issue.record("weekday after \(date)") }
            weekday = next.weekday
            date = next
        }
    }

    @Test func addingMonthsKeepsTheDayOrTheMonthsLast() {
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2026-03-15").adding(months: 120) == day("2036-03-15"))
        #expect(day("2026-03-15").adding(months: -3) == day("2025-12-15"))
        #expect(day("2026-03-31").adding(months: -1) == day("2026-02-28"))
        #expect(day("2026-03-15").adding(months: 0) == day("2026-03-15"))
        #expect(day("9999-11-30").adding(months: 1) == day("9999-12-30"))
        #expect(day("9999-12-01").adding(months: 1) == LocalDate.latest)
        #expect(day("0001-02-01").adding(months: -2) == LocalDate.earliest)
        #expect(day("2026-03-15").adding(months: .max) == LocalDate.latest && day("2026-03-15").adding(months: .min) == LocalDate.earliest)
    }

    @Test func weekdaysHaveJSONNames() throws {
        #expect(Weekday.allCases.map(\.rawValue) == ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
        #expect(Weekday(rawValue: "friday") == .friday)
        #expect(Weekday(rawValue: "Friday") == nil)
        #expect(Weekday.monday < Weekday.sunday)
        let data = try JSONEncoder().encode([Weekday.saturday])
        #expect(String(decoding: data, as: UTF8.self) == #"["saturday"]"#)
    }

    @Test func equalityAndHashingFollowTheDayNumber() {
        let days: Set<LocalDate> = [day("2026-03-22"), day("2026-03-22"), LocalDate(daysSince1970: 20_534)!]
        #expect(days.count == 1)
        #expect(day("2026-03-22").daysSince1970 == 20_534)
        #expect(day("1970-01-01").daysSince1970 == 0 && day("1969-12-31").daysSince1970 == -1)
    }

    @Test func codableAsAnISOString() throws {
        let value = day("2026-03-20")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-20"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [value])
        for bad in [#"["2026-02-30"]"#, #"["20260320"]"#, "[20260320]", "[null]"] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(bad.utf8)) }
        }
    }
}
