import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct RegistryDateTests {
    private func instant(_ text: String) throws -> Date {
        try #require(RFC3339.parse(text))
    }

    @Test func theYearTurnsAtLocalMidnightInCasablanca() throws {
        let zone = TimeZone.casablanca
        // In winter Morocco is on UTC+1: local midnight is 23:00 UTC.
        #expect(RegistryDate.registryYear(of: try instant("2026-12-31T23:59:59+01:00"), in: zone) == 2026)
        #expect(RegistryDate.registryYear(of: try instant("2027-01-01T00:00:01+01:00"), in: zone) == 2027)
        #expect(RegistryDate(try instant("2026-12-31T23:59:59+01:00"), in: zone).year == 2026)
        #expect(RegistryDate(try instant("2027-01-01T00:00:01+01:00"), in: zone).year == 2027)
        #expect(RegistryDate(try instant("2026-12-31T22:59:59Z"), in: zone).description == "2026-12-31")
        #expect(RegistryDate(try instant("2026-12-31T23:00:00Z"), in: zone).description == "2027-01-01")
        // The instant a UTC clock calls New Year is already an hour into 2027 in Casablanca.
        #expect(RegistryDate(try instant("2026-12-31T23:30:00Z"), in: zone).year == 2027)
        #expect(RegistryDate(try instant("2026-12-31T23:30:00Z"), in: try #require(TimeZone(identifier: "UTC"))).year == 2026)
    }

    @Test func theYearTurnsAtLocalMidnightElsewhere() throws {
        let newYork = try #require(TimeZone.named("America/New_York"))
        #expect(RegistryDate(try instant("2026-12-31T23:59:59-05:00"), in: newYork).year == 2026)
        #expect(RegistryDate(try instant("2027-01-01T00:00:01-05:00"), in: newYork).year == 2027)
        #expect(RegistryDate(try instant("2027-01-01T04:59:59Z"), in: newYork).year == 2026)
        let kiritimati = try #require(TimeZone.named("Pacific/Kiritimati"))
        #expect(RegistryDate(try instant("2026-12-31T09:59:59Z"), in: kiritimati).year == 2026)
        #expect(RegistryDate(try instant("2026-12-31T10:00:01Z"), in: kiritimati).year == 2027)
    }

    @Test func daysFollowTheZoneThroughRamadanOffsetChanges() throws {
        let zone = TimeZone.casablanca
        // During Ramadan 2026 Casablanca is on UTC+0: midnight local is midnight UTC.
        #expect(RegistryDate(try instant("2026-03-01T23:59:59Z"), in: zone).description == "2026-03-01")
        #expect(RegistryDate(try instant("2026-03-02T00:00:00Z"), in: zone).description == "2026-03-02")
        // After it, UTC+1 again.
        #expect(RegistryDate(try instant("2026-04-01T23:00:00Z"), in: zone).description == "2026-04-02")
    }

    @Test func parsesAndPrintsIsoDates() {
        #expect(RegistryDate("2026-02-28")?.description == "2026-02-28")
        #expect(RegistryDate("2024-02-29") != nil)
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-01-32", "0000-01-01", "2026-1-01", "2026/01/01", "20260101", "2026-01-01T"] {
            #expect(RegistryDate(bad) == nil, "\(bad)")
        }
        #expect(RegistryDate(year: 2026, month: 4, day: 31) == nil)
        #expect(RegistryDate(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test func dayArithmeticRoundTrips() throws {
        let start = try #require(RegistryDate("1969-12-31"))
        #expect(start.daysSince1970 == -1)
        #expect(RegistryDate(daysSince1970: 0).description == "1970-01-01")
        var day = try #require(RegistryDate("2024-02-27"))
        var seen: [String] = []
        for _ in 0..<4 {
            day = day.adding(days: 1)
            seen.append(day.description)
        }
        #expect(seen == ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"])
        #expect(try #require(RegistryDate("2026-01-31")).adding(months: 1).description == "2026-02-28")
        #expect(try #require(RegistryDate("2024-01-31")).adding(months: 1).description == "2024-02-29")
        #expect(try #require(RegistryDate("2026-03-15")).adding(months: 120).description == "2036-03-15")
        #expect(try #require(RegistryDate("2026-03-15")).adding(months: -3).description == "2025-12-15")
        for days: Int64 in [-700_000, -1, 0, 1, 20_000, 2_000_000] {
            #expect(RegistryDate(daysSince1970: days).daysSince1970 == days)
        }
        // Days outside years 1...9999 are clamped to them.
        #expect(RegistryDate(daysSince1970: -800_000).description == "0001-01-01")
        #expect(RegistryDate(daysSince1970: 3_000_000).description == "9999-12-31")
    }

    @Test func datesCompareChronologically() throws {
        let a = try #require(RegistryDate("2026-01-31"))
        let b = try #require(RegistryDate("2026-02-01"))
        #expect(a < b)
        #expect(!(b < a))
    }
}
