import GuichetCore
import Testing

@testable import Appointments

@Suite struct WeeklyHoursTextTests {
    @Test func hoursReadAndWriteAsTheAPIShowsThem() {
        var errors: [FieldError] = []
        let hours = WeeklyHours.parse(["monday": ["14:00-16:30", "08:30–12:00"], "friday": []], at: "/opening_hours", errors: &errors)
        #expect(errors.isEmpty)
        #expect(hours[.monday] == [Fixtures.range("08:30-12:00"), Fixtures.range("14:00-16:30")])
        #expect(hours.text["monday"] == ["08:30-12:00", "14:00-16:30"])
        #expect(hours.text["sunday"] == [] && hours.text.count == 7)
    }

    @Test func everyMalformedMemberIsNamed() {
        var errors: [FieldError] = []
        _ = WeeklyHours.parse(
            ["Monday": ["08:00-12:00"], "tuesday": ["8:00-12:00", "12:00-11:00", "08:00-24:00", "24:00-24:30"]], at: "/schedule",
            errors: &errors)
        #expect(errors.map { "\($0.field) \($0.code)" } == [
            "/schedule/Monday unknown_value", "/schedule/tuesday/0 invalid_format", "/schedule/tuesday/1 invalid_format",
            "/schedule/tuesday/3 invalid_format",
        ])
    }
}
