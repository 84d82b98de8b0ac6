public import FoundationEssentials
// Named time zones (`Africa/Casablanca`) are provided by FoundationInternationalization (ICU and its
// time zone data); importing it here links it into every executable that uses GuichetCore, so that
// `TimeZone(identifier:)` works even in modules that import only FoundationEssentials.
import FoundationInternationalization

extension TimeZone {
    /// The time zone named by an IANA identifier (`Africa/Casablanca`), or `nil` if unknown.
    public static func named(_ identifier: String) -> TimeZone? {
        TimeZone(identifier: identifier)
    }

    /// Morocco's time zone, the default for tenants; it moves from UTC+1 to UTC+0 during Ramadan.
    public static var casablanca: TimeZone {
        // The zone is part of every tz database that ICU ships; its absence would be a broken install.
        guard let zone = TimeZone(identifier: "Africa/Casablanca") else {
            preconditionFailure("The time zone database has no Africa/Casablanca")
        }
        return zone
    }
}
