import FoundationEssentials
import Testing
import GuichetCore

@Suite struct RFC3339Tests {
    let casablanca = TimeZone.casablanca

    private func date(_ text: String) throws -> Date {
        try #require(RFC3339.parse(text))
    }

    @Test func formatsWithTheZoneOffsetAtThatInstant() throws {
        #expect(RFC3339.format(try date("2026-01-10T12:00:00Z"), in: casablanca) == "2026-01-10T13:00:00+01:00")
        // During Ramadan 2026 Morocco is on UTC+0, but the offset is still written, never `Z`.
        #expect(RFC3339.format(try date("2026-03-01T08:30:00Z"), in: casablanca) == "2026-03-01T08:30:00+00:00")
        #expect(RFC3339.format(try date("2026-04-01T07:30:00Z"), in: casablanca) == "2026-04-01T08:30:00+01:00")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(RFC3339.format(try date("2026-04-01T07:30:00Z"), in: utc) == "2026-04-01T07:30:00+00:00")
        let newYork = try #require(TimeZone.named("America/New_York"))
        #expect(RFC3339.format(try date("2026-01-01T03:00:00Z"), in: newYork) == "2025-12-31T22:00:00-05:00")
        let kolkata = try #require(TimeZone.named("Asia/Kolkata"))
        #expect(RFC3339.format(try date("2026-01-01T00:00:00Z"), in: kolkata) == "2026-01-01T05:30:00+05:30")
        #expect(TimeZone.named("Mars/Olympus_Mons") == nil)
    }

    @Test func casablancaAroundRamadan2026() throws {
        // Before Ramadan: UTC+1. The clocks go back at 03:00 local on 2026-02-15.
        let change = try date("2026-02-15T02:00:00Z")
        #expect(RFC3339.format(change.addingTimeInterval(-1), in: casablanca) == "2026-02-15T02:59:59+01:00")
        #expect(RFC3339.format(change, in: casablanca) == "2026-02-15T02:00:00+00:00")
        // After Ramadan: back to UTC+1 at 02:00 local on 2026-03-22.
        let back = try date("2026-03-22T02:00:00Z")
        #expect(RFC3339.format(back.addingTimeInterval(-1), in: casablanca) == "2026-03-22T01:59:59+00:00")
        #expect(RFC3339.format(back, in: casablanca) == "2026-03-22T03:00:00+01:00")
    }

    @Test func casablancaAgreesWithTheSystemTimeZoneDatabase() throws {
        let system = try #require(SystemTimeZoneData(identifier: "Africa/Casablanca"))
        let start = try date("2025-01-01T00:00:00Z").timeIntervalSince1970
        let end = try date("2028-01-01T00:00:00Z").timeIntervalSince1970
        let transitions = system.transitions.filter { Double($0.at) >= start && Double($0.at) < end }
        #expect(transitions.count >= 6, "two changes a year around Ramadan")
        let in2026 = transitions.filter { $0.at >= 1_767_225_600 && $0.at < 1_798_761_600 }.map(\.at)
        #expect(in2026.contains(Int64(try date("2026-02-15T02:00:00Z").timeIntervalSince1970)))
        #expect(in2026.contains(Int64(try date("2026-03-22T02:00:00Z").timeIntervalSince1970)))
        for transition in transitions {
            for delta: Int64 in [-3601, -1, 0, 1, 3601] {
                let instant = transition.at + delta
                let date = Date(timeIntervalSince1970: Double(instant))
                #expect(casablanca.secondsFromGMT(for: date) == system.offset(at: instant), "at \(instant)")
            }
        }
        // A sample every six hours through 2026 agrees too.
        var instant: Int64 = 1_767_225_600
        while instant < 1_798_761_600 {
            #expect(casablanca.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))) == system.offset(at: instant))
            instant += 6 * 3600
        }
    }

    @Test func formatsFractionalSeconds() throws {
        let instant = try date("2026-05-05T10:20:30.123456Z")
        #expect(RFC3339.format(instant, offsetSeconds: 3600, precision: .seconds) == "2026-05-05T11:20:30+01:00")
        #expect(RFC3339.format(instant, offsetSeconds: 3600, precision: .milliseconds) == "2026-05-05T11:20:30.123+01:00")
        #expect(RFC3339.format(instant, offsetSeconds: 3600, precision: .microseconds) == "2026-05-05T11:20:30.123456+01:00")
        #expect(RFC3339.formatUTC(instant, precision: .milliseconds) == "2026-05-05T10:20:30.123Z")
        #expect(RFC3339.format(try date("2026-05-05T10:20:30.999999Z"), offsetSeconds: 0, precision: .milliseconds)
            == "2026-05-05T10:20:30.999+00:00")
        #expect(RFC3339.format(try date("1969-12-31T23:59:59.5Z"), offsetSeconds: 0, precision: .milliseconds)
            == "1969-12-31T23:59:59.500+00:00")
        #expect(RFC3339.format(instant, offsetSeconds: -(9 * 3600 + 30 * 60)) == "2026-05-05T00:50:30-09:30")
    }

    @Test func parsesOffsetsAndZ() throws {
        let reference = try date("2026-03-01T07:30:00Z")
        #expect(RFC3339.parse("2026-03-01T08:30:00+01:00") == reference)
        #expect(RFC3339.parse("2026-03-01T02:30:00-05:00") == reference)
        #expect(RFC3339.parse("2026-03-01t07:30:00z") == reference)
        #expect(RFC3339.parse("2026-03-01T07:30:00-00:00") == reference)
        #expect(RFC3339.parseWithOffset("2026-03-01T08:30:00+01:00")?.offsetSeconds == 3600)
        #expect(RFC3339.parseWithOffset("2026-03-01T02:30:00-05:00")?.offsetSeconds == -18000)
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("0001-01-01T00:00:00Z") != nil)
        #expect(RFC3339.parse("9999-12-31T23:59:59.999999999Z") != nil)
        let fraction = try #require(RFC3339.parse("2026-03-01T07:30:00.25Z"))
        #expect(fraction.timeIntervalSince(reference) == 0.25)
        #expect(RFC3339.parse(Substring("x2026-03-01T07:30:00Z").dropFirst()) == reference)
    }

    @Test(arguments: [
        "", "2026-03-01", "2026-03-01T07:30:00", "2026-03-01 07:30:00Z", "2026-03-01T07:30Z", "2026-3-01T07:30:00Z",
        "2026-13-01T07:30:00Z", "2026-00-01T07:30:00Z", "2026-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-03-00T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T23:60:00Z",
        "2026-03-01T23:59:60Z", "2026-03-01T07:30:00.Z", "2026-03-01T07:30:00.1234567890Z", "2026-03-01T07:30:00+0100",
        "2026-03-01T07:30:00+01", "2026-03-01T07:30:00+24:00", "2026-03-01T07:30:00+01:60", "2026-03-01T07:30:00Z ",
        " 2026-03-01T07:30:00Z", "2026-03-01T07:30:00ZZ", "２０２６-03-01T07:30:00Z", "2026-03-01T07:30:00+01:00:00",
        "abcd-ef-ghTij:kl:mnZ", "2026-03-01T07:30:00\u{0}Z", String(repeating: "9", count: 1000),
    ])
    func rejectsInvalidTimestamps(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func roundTripsThroughFormatAndParse() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator))
            let instant = Date(timeIntervalSince1970: seconds)
            let text = RFC3339.format(instant, in: casablanca)
            #expect(RFC3339.parse(text) == instant, "\(text)")
            #expect(RFC3339.parse(RFC3339.formatUTC(instant)) == instant)
        }
    }
}

@Suite struct WallClockTests {
    @Test func manualClockMovesOnlyWhenTold() throws {
        let clock = ManualWallClock("2026-03-01T08:30:00+01:00")
        let start = clock.now
        #expect(RFC3339.formatUTC(start) == "2026-03-01T07:30:00Z")
        #expect(clock.now == start)
        clock.advance(by: .seconds(90))
        #expect(clock.now.timeIntervalSince(start) == 90)
        clock.advance(by: .milliseconds(-500))
        #expect(clock.now.timeIntervalSince(start) == 89.5)
        clock.set(to: start)
        #expect(clock.now == start)
    }

    @Test func systemClockIsCurrent() {
        let clock: any WallClock = SystemWallClock()
        let before = Date()
        let now = clock.now
        #expect(now >= before)
        #expect(now <= Date())
    }
}
