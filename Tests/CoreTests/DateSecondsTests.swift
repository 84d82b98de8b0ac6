import FoundationEssentials
import GuichetCore
import Testing

@Suite struct DateSecondsTests {
    @Test func wholeSecondsRoundDownFromTheDatesOwnSeconds() throws {
        #expect(Date(secondsSince1970: 0) == Date(timeIntervalSince1970: 0))
        #expect(Date(secondsSince1970: 1_773_187_200).secondsSince1970 == 1_773_187_200)
        #expect(Date(secondsSince1970: -1).secondsSince1970 == -1)
        #expect(Date(timeIntervalSince1970: -0.5).secondsSince1970 == -1)
        #expect(Date(timeIntervalSince1970: 1.999).secondsSince1970 == 1)
        // 0.1 µs before a whole second: `timeIntervalSince1970` rounds up to the second, the date does not.
        let second = Date(secondsSince1970: 1_773_187_200)
        let justBefore = Date(timeIntervalSinceReferenceDate: second.timeIntervalSinceReferenceDate - 1e-7)
        #expect(justBefore < second)
        #expect(justBefore.secondsSince1970 == 1_773_187_199)
        #expect(Date.distantFuture.secondsSince1970 > 60_000_000_000)
        #expect(Date(timeIntervalSinceReferenceDate: .infinity).secondsSince1970 == Int64.max / 2)
        #expect(Date(timeIntervalSinceReferenceDate: -.infinity).secondsSince1970 == Int64.min / 2)
    }

    @Test func durationsInSeconds() {
        #expect(Duration.seconds(90).timeInterval == 90)
        #expect(Duration.milliseconds(1500).timeInterval == 1.5)
        #expect(Duration.seconds(-2).timeInterval == -2)
        #expect(Duration.nanoseconds(1).timeInterval == 1e-9)
    }
}

/// An enumeration as requests name it.
private enum Medium: String, CaseIterable {
    case paper, email
}

@Suite struct EnumerationParsingTests {
    @Test func unknownValuesListTheCases() {
        var errors: [FieldError] = []
        #expect(Medium.parse("email", at: "/medium", errors: &errors) == .email)
        #expect(errors.isEmpty)
        #expect(Medium.parse("Email", at: "/medium", errors: &errors) == nil)
        #expect(errors.map(\.code) == ["unknown_value"] && errors.first?.field == "/medium")
        #expect(errors.first?.parameters["allowed"] == .array([.string("paper"), .string("email")]))
    }
}
