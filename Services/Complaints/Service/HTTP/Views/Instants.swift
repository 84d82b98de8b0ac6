import FoundationEssentials
import GuichetCore

/// Writes instants as the API does: RFC 3339 with the tenant's offset, to the second.
struct Instants: Sendable {
    let timeZone: TimeZone

    func callAsFunction(_ date: Date) -> String {
        RFC3339.format(date, in: timeZone)
    }

    func callAsFunction(_ date: Date?) -> String? {
        date.map { RFC3339.format($0, in: timeZone) }
    }
}
