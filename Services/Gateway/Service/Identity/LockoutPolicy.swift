import FoundationEssentials

/// When repeated failed sign-ins lock an account: after `threshold` failures in a row, for a time
/// that doubles with each further failure, up to a ceiling. Pure, so tests give it any clock.
struct LockoutPolicy: Sendable {
    var threshold = 5
    var initialLock: Duration = .seconds(30)
    var maximumLock: Duration = .seconds(3600)

    /// Until when an account that has now failed `failures` times in a row stays locked, if at all.
    func lockedUntil(afterFailures failures: Int, now: Date) -> Date? {
        guard failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 20)
        let seconds = min(Double(initialLock.components.seconds) * Double(1 << doublings), Double(maximumLock.components.seconds))
        return now.addingTimeInterval(seconds)
    }
}
