public import FoundationEssentials

/// Formats and parses RFC 3339 timestamps (`2026-03-01T08:30:00+01:00`), the form the API speaks.
///
/// Formatting with a time zone always writes a numeric offset (`+00:00`, never `Z`), so a reader sees
/// the local time of the tenant; ``formatUTC(_:precision:)`` writes `Z` for logs. Parsing is strict:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with a valid calendar date and time and an offset.
/// Leap seconds (`:60`) cannot be represented by `Date` and are rejected.
public enum RFC3339 {
    /// How many fractional-second digits are written.
    public enum Precision: Int, Sendable, Hashable, CaseIterable {
        /// Whole seconds, no fraction.
        case seconds = 0
        /// Three digits (milliseconds).
        case milliseconds = 3
        /// Six digits (microseconds).
        case microseconds = 6
    }

    /// The longest text ``parse(_:)`` looks at (a full timestamp with nanoseconds is 35 characters).
    public static let maximumLength = 40

    /// Formats `date` as local time in `timeZone`, with that zone's offset at that instant.
    public static func format(_ date: Date, in timeZone: TimeZone, precision: Precision = .seconds) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        return format(date, offsetSeconds: offset, precision: precision)
    }

    /// Formats `date` as local time at a fixed offset from UTC (in seconds, rounded to minutes).
    public static func format(_ date: Date, offsetSeconds: Int, precision: Precision = .seconds) -> String {
        let (seconds, microseconds) = split(date)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        write(seconds: seconds, microseconds: microseconds, offsetSeconds: offsetSeconds, precision: precision, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Formats `date` in UTC with the `Z` designator (for logs and machine-to-machine fields).
    public static func formatUTC(_ date: Date, precision: Precision = .seconds) -> String {
        let (seconds, microseconds) = split(date)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        write(seconds: seconds, microseconds: microseconds, offsetSeconds: nil, precision: precision, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses an RFC 3339 timestamp; `nil` if it is not one (missing offset, invalid date, extra text).
    public static func parse(_ text: some StringProtocol) -> Date? {
        parseWithOffset(text)?.date
    }

    /// Parses an RFC 3339 timestamp and also returns its offset from UTC in seconds (`Z` and
    /// `-00:00` give 0).
    public static func parseWithOffset(_ text: some StringProtocol) -> (date: Date, offsetSeconds: Int)? {
        let utf8 = text.utf8
        guard utf8.count <= maximumLength else { return nil }
        if let result = utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return result
        }
        return Array(utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }
}

extension RFC3339 {
    /// Splits a date into whole seconds since 1970 and microseconds (rounded to the nearest).
    static func split(_ date: Date) -> (seconds: Int64, microseconds: Int) {
        let (seconds, microseconds) = date.microsecondsSince1970.flooredQuotientAndRemainder(dividingBy: 1_000_000)
        return (seconds, Int(microseconds))
    }

    /// Appends a timestamp; a `nil` offset writes `Z`.
    static func write(seconds: Int64, microseconds: Int, offsetSeconds: Int?, precision: Precision, into bytes: inout [UInt8]) {
        let offsetMinutes = offsetSeconds.map { Int(($0 < 0 ? $0 - 30 : $0 + 30) / 60) } ?? 0
        let local = seconds + Int64(offsetMinutes * 60)
        let (days, secondOfDay) = local.flooredQuotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = ProlepticGregorian.date(daysSince1970: days)
        bytes.appendDecimal(year, minimumDigits: 4)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(Int64(month), minimumDigits: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(Int64(day), minimumDigits: 2)
        bytes.append(UInt8(ascii: "T"))
        bytes.appendDecimal(secondOfDay / 3600, minimumDigits: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(secondOfDay / 60 % 60, minimumDigits: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(secondOfDay % 60, minimumDigits: 2)
        switch precision {
        case .seconds: break
        case .milliseconds:
            bytes.append(UInt8(ascii: "."))
            bytes.appendDecimal(Int64(microseconds / 1000), minimumDigits: 3)
        case .microseconds:
            bytes.append(UInt8(ascii: "."))
            bytes.appendDecimal(Int64(microseconds), minimumDigits: 6)
        }
        guard offsetSeconds != nil else {
            bytes.append(UInt8(ascii: "Z"))
            return
        }
        bytes.append(offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        bytes.appendDecimal(Int64(abs(offsetMinutes) / 60), minimumDigits: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(Int64(abs(offsetMinutes) % 60), minimumDigits: 2)
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> (date: Date, offsetSeconds: Int)? {
        var cursor = 0
        func number(_ length: Int) -> Int? {
            guard cursor + length <= bytes.count, let value = Int(asciiDigits: bytes[cursor..<(cursor + length)]) else { return nil }
            cursor += length
            return value
        }
        func expect(_ characters: UInt8...) -> Bool {
            guard cursor < bytes.count, characters.contains(bytes[cursor]) else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), expect(UInt8(ascii: "T"), UInt8(ascii: "t")), let hour = number(2),
            expect(UInt8(ascii: ":")), let minute = number(2), expect(UInt8(ascii: ":")), let second = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= ProlepticGregorian.daysInMonth(year: Int64(year), month: month), hour <= 23,
            minute <= 59, second <= 59
        else { return nil }
        var nanoseconds: Int64 = 0
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            var digits = 0
            while cursor < bytes.count, bytes[cursor].isASCIIDigit {
                guard digits < 9 else { return nil }
                nanoseconds = nanoseconds * 10 + Int64(bytes[cursor] - UInt8(ascii: "0"))
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { nanoseconds *= 10 }
        }
        guard cursor < bytes.count else { return nil }
        var offset = 0
        switch bytes[cursor] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            cursor += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[cursor] == UInt8(ascii: "-") ? -1 : 1
            cursor += 1
            guard let offsetHours = number(2), expect(UInt8(ascii: ":")), let offsetMinutes = number(2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        default:
            return nil
        }
        guard cursor == bytes.count else { return nil }
        let days = ProlepticGregorian.daysSince1970(year: Int64(year), month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        // Whole microseconds (what this API and PostgreSQL write) come back exactly.
        let date =
            nanoseconds % 1000 == 0
            ? Date(microsecondsSince1970: seconds * 1_000_000 + nanoseconds / 1000)
            : Date(timeIntervalSinceReferenceDate: Double(seconds - Date.referenceDateSecondsSince1970) + Double(nanoseconds) / 1e9)
        return (date, offset)
    }
}
