import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: the registry year turns at midnight in the tenant's time zone")
struct YearBoundaryTests {
    @Test("23:59:59 registers in the old year, 00:00:01 in the new one, each counter from 1; another zone turns at its own midnight")
    func yearBoundary() async throws {
        let clock = ManualWallClock("2026-12-31T23:59:59+01:00")
        let harness = try await MailHarness(clock: clock)
        let casablanca = try await harness.makeTenant()
        let tokyo = try await harness.makeTenant(timeZone: "Asia/Tokyo")

        let before = try await harness.register(in: casablanca)
        #expect(before["registry_number"]?.stringValue == "2026/A/000001")
        #expect(before["registered_at"]?.stringValue == "2026-12-31T23:59:59.000000+01:00")
        // The same instant is already 2027-01-01 07:59:59 in Tokyo.
        let tokyoItem = try await harness.register(in: tokyo)
        #expect(tokyoItem["registry_number"]?.stringValue == "2027/A/000001")
        #expect(tokyoItem["registered_at"]?.stringValue == "2027-01-01T07:59:59.000000+09:00")

        clock.set(to: RFC3339.parse("2027-01-01T00:00:01+01:00")!)
        let after = try await harness.register(in: casablanca)
        #expect(after["registry_number"]?.stringValue == "2027/A/000001")
        #expect(after["year"]?.intValue == 2027)
        let next = try await harness.register(in: casablanca)
        #expect(next["registry_number"]?.stringValue == "2027/A/000002")

        // Each year's register holds its own entries.
        let registrar = MailHarness.registrar(casablanca)
        let old = try await harness.call("GET", "/v1/\(casablanca.slug)/mail/registry?year=2026", as: registrar, in: casablanca).json()
        #expect(old["items"]?.arrayValue?.compactMap { $0["registry_number"]?.stringValue } == ["2026/A/000001"])
        let new = try await harness.call("GET", "/v1/\(casablanca.slug)/mail/registry", as: registrar, in: casablanca).json()
        #expect(new["year"]?.intValue == 2027)
        #expect(new["items"]?.arrayValue?.count == 2)
        await harness.stop()
    }

    @Test("a clock set back never makes a later number older: the counter keeps the latest instant")
    func clockSetBack() async throws {
        let clock = ManualWallClock("2026-06-15T10:00:00+01:00")
        let harness = try await MailHarness(clock: clock)
        let tenant = try await harness.makeTenant()
        let first = try await harness.register(in: tenant)
        clock.advance(by: .seconds(-3600))
        let second = try await harness.register(in: tenant)
        #expect(first["registered_at"]?.stringValue == "2026-06-15T10:00:00.000000+01:00")
        #expect(second["registered_at"]?.stringValue == "2026-06-15T10:00:00.000000+01:00")
        #expect(second["sequence"]?.intValue == 2)
        await harness.stop()
    }
}
