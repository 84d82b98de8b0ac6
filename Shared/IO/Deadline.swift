import Glibc

/// A point on the monotonic clock (`CLOCK_MONOTONIC`), in nanoseconds, used for timers and timeouts.
///
/// Wall-clock time jumps (NTP, a changed time zone) never move a deadline.
public struct Deadline: Comparable, Hashable, Sendable {
    /// Nanoseconds since an arbitrary fixed point of the monotonic clock.
    public let nanoseconds: UInt64

    /// A deadline at the given monotonic nanosecond count.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The current instant.
    public static func now() -> Deadline {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Deadline(nanoseconds: UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec))
    }

    /// A deadline that never comes.
    public static let distantFuture = Deadline(nanoseconds: .max)

    /// The deadline `duration` from now.
    public static func after(_ duration: Duration) -> Deadline {
        now() + duration
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The deadline moved later by `duration` (saturating at `distantFuture`, clamped at zero).
    public static func + (lhs: Deadline, rhs: Duration) -> Deadline {
        let delta = rhs.nanosecondsClamped
        if delta >= 0 {
            let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(UInt64(delta))
            return Deadline(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = UInt64(-delta)
        return Deadline(nanoseconds: lhs.nanoseconds > magnitude ? lhs.nanoseconds - magnitude : 0)
    }

    /// The time from `other` to `self` (negative when `self` is earlier).
    public static func - (lhs: Deadline, rhs: Deadline) -> Duration {
        if lhs.nanoseconds >= rhs.nanoseconds {
            let difference = lhs.nanoseconds - rhs.nanoseconds
            return .nanoseconds(Int64(clamping: difference))
        }
        return .nanoseconds(-Int64(clamping: rhs.nanoseconds - lhs.nanoseconds))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `Int64`.
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }

    /// The duration in whole milliseconds, clamped to `Int64`.
    public var millisecondsClamped: Int64 {
        nanosecondsClamped / 1_000_000
    }
}
