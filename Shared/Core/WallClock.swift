public import FoundationEssentials
import Synchronization

/// A source of the current time, injected into domain rules so that tests can control it.
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant from the system clock.
    public var now: Date { Date() }
}

/// A clock that stands still until told to move, for tests.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `now`.
    public init(_ now: Date) {
        current = Mutex(now)
    }

    /// Creates a clock showing an RFC 3339 instant; traps if `rfc3339` is not one (test fixtures only).
    public convenience init(_ rfc3339: String) {
        guard let date = RFC3339.parse(rfc3339) else {
            preconditionFailure("Not an RFC 3339 timestamp: \(rfc3339)")
        }
        self.init(date)
    }

    /// The instant the clock shows.
    public var now: Date {
        current.withLock { $0 }
    }

    /// Sets the clock to `date`.
    public func set(to date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the clock forward (or back, for a negative duration).
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.timeInterval) }
    }
}
