/// The arithmetic of the proleptic Gregorian calendar — the Gregorian rules extended to every year,
/// as ISO 8601, RFC 3339 and PostgreSQL count — on days counted from 1970-01-01 (H. Hinnant's
/// `days_from_civil` and `civil_from_days`). Exact for any year a day count in `Int64` can reach;
/// years are astronomical (year 0 is 1 BC).
///
/// ``LocalDate`` is the checked, everyday form (years 1 to 9999); this is the arithmetic under it and
/// under timestamps, which may lie outside those years.
public enum ProlepticGregorian {
    /// The number of days from 1970-01-01 to `year`-`month`-`day` (negative before 1970). The
    /// parts are not checked: callers pass a month in 1...12 and a day the month has.
    public static func daysSince1970(year: Int64, month: Int, day: Int) -> Int64 {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public static func date(daysSince1970 days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days in `month` of `year` (28 to 31); 0 for a month outside 1...12.
    public static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        case 1, 3, 5, 7, 8, 10, 12: 31
        default: 0
        }
    }

    /// Whether `year` is a leap year: divisible by 4, and by 400 when divisible by 100.
    public static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }
}

extension SignedInteger where Self: FixedWidthInteger {
    /// The quotient rounded toward negative infinity and the remainder with the divisor's sign, as
    /// calendar arithmetic needs on counts before 1970: `(-1).flooredQuotientAndRemainder(dividingBy:
    /// 86_400)` is `(-1, 86_399)`, where `quotientAndRemainder` gives `(0, -1)`.
    public func flooredQuotientAndRemainder(dividingBy divisor: Self) -> (quotient: Self, remainder: Self) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        guard remainder != 0, (remainder < 0) != (divisor < 0) else { return (quotient, remainder) }
        return (quotient - 1, remainder + divisor)
    }
}
