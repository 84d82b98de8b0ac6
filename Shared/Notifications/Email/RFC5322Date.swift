import FoundationEssentials
import GuichetCore

/// The date format of email headers (RFC 5322 section 3.3), in UTC: `Fri, 04 Dec 2026 19:00:00 +0000`.
public enum RFC5322Date {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` formatted for a `Date:` header.
    public static func format(_ date: Date) -> String {
        let seconds = date.secondsSince1970
        let (days, secondOfDay) = seconds.flooredQuotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = ProlepticGregorian.date(daysSince1970: days)
        let weekday = weekdays[Int(days.flooredQuotientAndRemainder(dividingBy: 7).remainder)]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(Int64(day))) \(months[month - 1]) \(year) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) +0000"
    }
}
