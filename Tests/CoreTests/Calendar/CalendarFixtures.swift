import FoundationEssentials
import GuichetCore

/// A day written `YYYY-MM-DD` in a test; traps on a typo in the fixture.
func day(_ text: String) -> LocalDate {
    guard let value = LocalDate(text) else { preconditionFailure("Bad test day \(text)") }
    return value
}

/// An RFC 3339 instant in a test; traps on a typo in the fixture.
func instant(_ text: String) -> Date {
    guard let value = RFC3339.parse(text) else { preconditionFailure("Bad test instant \(text)") }
    return value
}
