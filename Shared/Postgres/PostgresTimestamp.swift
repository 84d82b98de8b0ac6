import FoundationEssentials
import GuichetCore

/// Writes and reads `timestamptz` text in the ISO form the server uses under `DateStyle=ISO` and
/// `TimeZone=UTC` (`2024-03-10 08:15:30.123456+00`), at microsecond precision, without Foundation's
/// formatters.
enum PostgresTimestamp {
    private static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Appends `date` in UTC, rounded to the microsecond.
    static func format(_ date: Date, into text: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else {
            text.append(contentsOf: (seconds < 0 ? "-infinity" : "infinity").utf8)
            return
        }
        if date == .distantFuture { text.append(contentsOf: "infinity".utf8); return }
        if date == .distantPast { text.append(contentsOf: "-infinity".utf8); return }
        let microseconds = date.microsecondsSince1970
        let (days, remainder) = microseconds.flooredQuotientAndRemainder(dividingBy: microsecondsPerDay)
        let (year, month, day) = ProlepticGregorian.date(daysSince1970: days)
        let displayYear = year > 0 ? year : 1 - year  // year 0 is 1 BC
        text.appendDecimal(displayYear, minimumDigits: 4)
        text.append(UInt8(ascii: "-"))
        text.appendDecimal(month, minimumDigits: 2)
        text.append(UInt8(ascii: "-"))
        text.appendDecimal(day, minimumDigits: 2)
        text.append(UInt8(ascii: " "))
        let secondOfDay = remainder / 1_000_000
        text.appendDecimal(secondOfDay / 3600, minimumDigits: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDecimal(secondOfDay / 60 % 60, minimumDigits: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDecimal(secondOfDay % 60, minimumDigits: 2)
        text.append(UInt8(ascii: "."))
        text.appendDecimal(remainder % 1_000_000, minimumDigits: 6)
        text.append(contentsOf: "+00".utf8)
        if year <= 0 { text.append(contentsOf: " BC".utf8) }
    }

    /// Reads `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM[:SS]]][ BC]`, `infinity` or `-infinity`.
    static func parse(_ text: UnsafeRawBufferPointer) -> Date? {
        if text.elementsEqual("infinity".utf8) { return .distantFuture }
        if text.elementsEqual("-infinity".utf8) { return .distantPast }
        var reader = Reader(text: text)
        guard let year = reader.number(minimumDigits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2), reader.skip(" ") || reader.skip("T"),
            let hour = reader.number(digits: 2), reader.skip(":"),
            let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var microseconds: Int64 = 0
        if reader.skip(".") {
            var scale: Int64 = 100_000
            var digits = 0
            while let digit = reader.digit() {
                microseconds += Int64(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0, digits <= 6 else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if let sign = reader.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            reader.advance()
            guard let hours = reader.number(digits: 2) else { return nil }
            var offset = hours * 3600
            if reader.skip(":") {
                guard let minutes = reader.number(digits: 2) else { return nil }
                offset += minutes * 60
                if reader.skip(":") {
                    guard let seconds = reader.number(digits: 2) else { return nil }
                    offset += seconds
                }
            }
            offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
        }
        var astronomicalYear = year
        if reader.skip(" ") {
            guard reader.skip("B"), reader.skip("C") else { return nil }
            astronomicalYear = 1 - year
        }
        guard reader.atEnd else { return nil }
        let days = ProlepticGregorian.daysSince1970(year: astronomicalYear, month: Int(month), day: Int(day))
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let total = seconds * 1_000_000 + microseconds
        return Date(microsecondsSince1970: total)
    }

    /// A cursor over ASCII text.
    private struct Reader {
        let text: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool { index == text.count }

        func peek() -> UInt8? { index < text.count ? text[index] : nil }

        mutating func advance() { index += 1 }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard index < text.count else { return nil }
            let value = text[index] &- UInt8(ascii: "0")
            guard value < 10 else { return nil }
            index += 1
            return Int64(value)
        }

        mutating func number(digits count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func number(minimumDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while let digit = digit() {
                value = value * 10 + digit
                count += 1
                if count > 9 { return nil }
            }
            return count >= minimumDigits ? value : nil
        }
    }
}
