import Testing

@testable import Appointments

@Suite struct LocalDateTests {
    @Test func parsesAndFormatsDates() throws {
        let date = try #require(LocalDate(parsing: "2026-03-22"))
        #expect(date.year == 2026 && date.month == 3 && date.day == 22)
        #expect(date.description == "2026-03-22")
        #expect(date.weekday == .sunday)
        #expect(LocalDate(parsing: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(LocalDate(parsing: "1970-01-01")?.weekday == .thursday)
        #expect(LocalDate(parsing: "1969-12-31")?.daysSinceEpoch == -1)
        #expect(LocalDate(parsing: "2024-02-29") != nil)
        #expect(LocalDate(parsing: "0001-01-01") == LocalDate.minimum)
        #expect(LocalDate(parsing: "9999-12-31") == LocalDate.maximum)
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01", "26-04-01", "2026/04/01",
        "2026-04-01T", " 2026-04-01", "", "abcd-ef-gh", "0000-01-01", "2026-04-00", "٢٠٢٦-٠٤-٠١",
    ])
    func rejectsMalformedDates(_ text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test func stepsThroughDaysAcrossMonthsAndLeapYears() throws {
        let start = try #require(LocalDate(parsing: "2024-02-28"))
        #expect(start.adding(days: 1).description == "2024-02-29")
        #expect(start.adding(days: 2).description == "2024-03-01")
        #expect(start.adding(days: 366).description == "2025-02-28")
        #expect(start.adding(days: -59).description == "2023-12-31")
        #expect(start.days(to: start.adding(days: 40)) == 40)
        #expect(LocalDate.maximum.adding(days: 5) == LocalDate.maximum)
        // Every day of four centuries round-trips through its day number, weekdays in sequence.
        var date = try #require(LocalDate(parsing: "1900-01-01"))
        var weekday = date.weekday
        #expect(weekday == .monday)
        for _ in 0..<(400 * 366) {
            let next = date.adding(days: 1)
            #expect(LocalDate(year: next.year, month: next.month, day: next.day) == next)
            let expected = Weekday(rawValue: weekday.rawValue % 7 + 1)
            if next.weekday != expected { Issue.record("weekday after \(date)") }
            weekday = next.weekday
            date = next
        }
    }

    @Test func weekdaysHaveJSONKeys() {
        #expect(Weekday.allCases.map(\.key) == ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
        #expect(Weekday(key: "friday") == .friday)
        #expect(Weekday(key: "Friday") == nil)
        #expect(Weekday.monday < Weekday.sunday)
    }
}
