import GuichetIO

/// When to try a failed delivery again: exponential back-off with jitter, up to a number of
/// attempts after which the message is parked as a dead letter.
///
/// After the n-th failed attempt the next one waits a random time between half and all of
/// `min(maximumDelay, initialDelay × 2^(n-1))` ("equal jitter": never sooner than half the
/// back-off, and replicas that failed together spread out). With the defaults — 12 attempts, 15 s
/// doubling up to 6 h — a message keeps being tried for about half a day to a day.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all (the first one included) before the message becomes a dead letter.
    public var maximumAttempts: Int
    /// The back-off after the first failure.
    public var initialDelay: Duration
    /// The longest back-off.
    public var maximumDelay: Duration

    /// A policy; the defaults suit email, SMS and webhooks.
    public init(maximumAttempts: Int = 12, initialDelay: Duration = .seconds(15), maximumDelay: Duration = .seconds(6 * 3600)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = max(.zero, initialDelay)
        self.maximumDelay = max(self.initialDelay, maximumDelay)
    }

    /// The back-off ceiling after the `attempt`-th failure (1-based), before jitter.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let maximum = maximumDelay.nanosecondsClamped
        var value = initialDelay.nanosecondsClamped
        // initial × 2^(attempt-1), saturating at the maximum.
        for _ in 0..<max(0, attempt - 1) {
            if value >= maximum / 2 { return maximumDelay }
            value *= 2
        }
        return .nanoseconds(min(maximum, value))
    }

    /// The wait before the next attempt after the `attempt`-th failed one, or nil when the attempts
    /// are spent. `retryAfter` (what the other side asked for) lengthens it, never beyond the
    /// longest back-off.
    public func delay(
        afterAttempt attempt: Int, retryAfter: Duration? = nil, using random: inout some RandomNumberGenerator
    ) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        let ceiling = ceiling(afterAttempt: attempt).nanosecondsClamped
        let half = ceiling / 2
        var delay = Duration.nanoseconds(half + Int64.random(in: 0...(ceiling - half), using: &random))
        if let retryAfter, retryAfter > delay { delay = min(retryAfter, maximumDelay) }
        return delay
    }

    /// The same with the system's random numbers.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration? {
        var random = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, retryAfter: retryAfter, using: &random)
    }
}
