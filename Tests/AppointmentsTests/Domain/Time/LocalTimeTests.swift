import Testing

@testable import Appointments

@Suite struct LocalTimeTests {
    @Test func parsesTimesOfDay() throws {
        #expect(LocalTime(parsing: "08:30")?.minuteOfDay == 510)
        #expect(LocalTime(parsing: "00:00") == LocalTime.midnight)
        #expect(LocalTime(parsing: "24:00") == LocalTime.endOfDay)
        #expect(LocalTime(parsing: "23:59")?.description == "23:59")
        #expect(LocalTime(hour: 9, minute: 5)?.description == "09:05")
    }

    @Test(arguments: ["24:01", "25:00", "8:30", "08:60", "08-30", "0830", "", "08:30:00", "aa:bb", "-1:00"])
    func rejectsMalformedTimes(_ text: String) {
        #expect(LocalTime(parsing: text) == nil)
    }

    @Test func rangesAreHalfOpenAndNonEmpty() throws {
        let morning = try #require(LocalTimeRange(parsing: "08:30-12:00"))
        #expect(morning.minutes == 210)
        #expect(morning.contains(Fixtures.time("08:30")))
        #expect(!morning.contains(Fixtures.time("12:00")))
        #expect(LocalTimeRange(parsing: "14:00–16:30")?.description == "14:00-16:30")
        #expect(LocalTimeRange(parsing: "12:00-08:30") == nil)
        #expect(LocalTimeRange(parsing: "12:00-12:00") == nil)
        #expect(LocalTimeRange(parsing: "12:00") == nil)
        #expect(LocalTimeRange(parsing: "12:00-13:00-14:00") == nil)
        #expect(LocalTimeRange(parsing: "20:00-24:00")?.end == LocalTime.endOfDay)
        #expect(morning.overlaps(Fixtures.range("11:59-13:00")))
        #expect(!morning.overlaps(Fixtures.range("12:00-13:00")))
    }

    @Test func minuteRangesIntersectAndSubtract() {
        let hours = MinuteRanges([Fixtures.range("08:30-12:00"), Fixtures.range("14:00-16:30")])
        let site = MinuteRanges([Fixtures.range("09:00-15:00")])
        #expect(hours.intersection(site).ranges.map { [$0.start, $0.end] } == [[540, 720], [840, 900]])
        let closed = MinuteRanges([Fixtures.range("10:00-11:00"), Fixtures.range("15:30-18:00")])
        #expect(hours.subtracting(closed).ranges.map { [$0.start, $0.end] } == [[510, 600], [660, 720], [840, 930]])
        // Overlapping and touching input ranges are merged.
        let messy = MinuteRanges([Fixtures.range("10:00-11:00"), Fixtures.range("08:00-10:30"), Fixtures.range("11:00-12:00")])
        #expect(messy.ranges.map { [$0.start, $0.end] } == [[480, 720]])
        #expect(hours.subtracting(MinuteRanges([Fixtures.range("00:00-24:00")])).isEmpty)
    }
}
