import FoundationEssentials
import GuichetCore
import Testing

@Suite struct ProlepticGregorianTests {
    @Test func dayCountsRoundTripAcrossEras() {
        // From 4713 BC (PostgreSQL's earliest) to beyond 294 276 AD, in strides of 997 days.
        var days: Int64 = -2_440_588 - 366
        while days < 106_000_000 {
            let (year, month, day) = ProlepticGregorian.date(daysSince1970: days)
            #expect((1...12).contains(month) && day >= 1 && day <= ProlepticGregorian.daysInMonth(year: year, month: month))
            if ProlepticGregorian.daysSince1970(year: year, month: month, day: day) != days { Issue.record("\(days)") }
            days += 997
        }
        #expect(ProlepticGregorian.date(daysSince1970: 0) == (1970, 1, 1))
        #expect(ProlepticGregorian.date(daysSince1970: -719_528) == (0, 1, 1))
        #expect(ProlepticGregorian.daysSince1970(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func monthsAndLeapYears() {
        #expect(ProlepticGregorian.isLeapYear(2000) && ProlepticGregorian.isLeapYear(0) && ProlepticGregorian.isLeapYear(-4))
        #expect(!ProlepticGregorian.isLeapYear(1900) && !ProlepticGregorian.isLeapYear(2026) && !ProlepticGregorian.isLeapYear(-1))
        #expect((1...12).map { ProlepticGregorian.daysInMonth(year: 2024, month: $0) } == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(ProlepticGregorian.daysInMonth(year: 2026, month: 2) == 28)
        #expect(ProlepticGregorian.daysInMonth(year: 2026, month: 0) == 0 && ProlepticGregorian.daysInMonth(year: 2026, month: 13) == 0)
    }

    @Test func flooredDivisionRoundsTowardNegativeInfinity() {
        #expect((-1).flooredQuotientAndRemainder(dividingBy: 86_400) == (-1, 86_399))
        #expect((-86_400).flooredQuotientAndRemainder(dividingBy: 86_400) == (-1, 0))
        #expect(86_401.flooredQuotientAndRemainder(dividingBy: 86_400) == (1, 1))
        #expect(Int64(7).flooredQuotientAndRemainder(dividingBy: -2) == (-4, -1))
        #expect(Int64(-7).flooredQuotientAndRemainder(dividingBy: -2) == (3, -1))
        #expect(0.flooredQuotientAndRemainder(dividingBy: 5) == (0, 0))
    }
}
