import GuichetCore
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The value of the `Date` header (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), formatted at
/// most once per second and shared by every thread.
///
/// Reading it takes an uncontended lock and copies 29 bytes; formatting happens only when the
/// clock's second has changed since the last read.
public final class HTTPDateCache: Sendable {
    /// The process-wide cache on the system clock.
    public static let shared = HTTPDateCache()

    private struct State {
        var second: Int
        var bytes: [UInt8]
    }

    private let clock: @Sendable () -> Int
    // Mutex: readers on every event loop thread refresh the cached bytes in place.
    private let state: Mutex<State>

    /// A cache reading the time from `clock` (whole seconds since 1970-01-01 UTC); the default is
    /// the system's real-time clock. Tests inject their own.
    public init(clock: @escaping @Sendable () -> Int = { Int(time(nil)) }) {
        self.clock = clock
        let now = clock()
        state = Mutex(State(second: now, bytes: Self.imfFixdate(secondsSince1970: now)))
    }

    /// Appends the current `Date` value (29 bytes) to `buffer`.
    public func append(to buffer: inout [UInt8]) {
        let now = clock()
        state.withLock { state in
            if state.second != now {
                state.second = now
                state.bytes = Self.imfFixdate(secondsSince1970: now)
            }
            buffer.append(contentsOf: state.bytes)
        }
    }

    /// The current `Date` value as a string.
    public var current: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let dayNames: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// The IMF-fixdate (RFC 9110, section 5.6.7) of a time in seconds since 1970-01-01 UTC, as
    /// bytes, computed without locale or time-zone state.
    static func imfFixdate(secondsSince1970 seconds: Int) -> [UInt8] {
        let (days, secondOfDay) = seconds.flooredQuotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = ProlepticGregorian.date(daysSince1970: Int64(days))
        let weekday = (days % 7 + 11) % 7  // 1970-01-01 was a Thursday (4)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        HTTPHeadWriting.append(dayNames[weekday], to: &bytes)
        HTTPHeadWriting.append(", ", to: &bytes)
        bytes.appendDecimal(day, minimumDigits: 2)
        bytes.append(HTTPSyntax.space)
        HTTPHeadWriting.append(monthNames[month - 1], to: &bytes)
        bytes.append(HTTPSyntax.space)
        bytes.appendDecimal(year, minimumDigits: 4)
        bytes.append(HTTPSyntax.space)
        bytes.appendDecimal(secondOfDay / 3_600, minimumDigits: 2)
        bytes.append(HTTPSyntax.colon)
        bytes.appendDecimal(secondOfDay / 60 % 60, minimumDigits: 2)
        bytes.append(HTTPSyntax.colon)
        bytes.appendDecimal(secondOfDay % 60, minimumDigits: 2)
        HTTPHeadWriting.append(" GMT", to: &bytes)
        return bytes
    }
}
