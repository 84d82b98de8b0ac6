import GuichetCore
import GuichetIO
import Synchronization

/// Token buckets in memory, per client address and per principal, for each class of route.
///
/// A bucket holds up to `burst` tokens and gains `burst` per `period`; a request takes one, and
/// when none is left it is refused with the time until the next. Buckets live in this process
/// only (see the README for several replicas); they are spread over shards, each behind its own
/// lock, and idle ones — full again, so they hold no state — are dropped when a shard grows past
/// its share of `maximumKeys`.
final class RateLimiter: Sendable {
    /// The kinds of routes, each limited on its own.
    enum RouteClass: String, Sendable, CaseIterable {
        /// Credentials: tokens, sign-up, codes (the target of guessing).
        case login
        /// Requests that change something (POST, PUT, PATCH, DELETE).
        case submit
        /// Requests that read (GET, HEAD).
        case read
    }

    /// A limit: `burst` requests at once, refilled at `burst` per `period`.
    struct Rate: Sendable, Hashable {
        var burst: Int
        var period: Duration

        /// Parses `N/s`, `N/m`, `N/h` (N requests per second, minute, hour).
        static func parse(_ text: String) -> Rate? {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let count = Int(parts[0]), count > 0 else { return nil }
            switch parts[1] {
            case "s": return Rate(burst: count, period: .seconds(1))
            case "m": return Rate(burst: count, period: .seconds(60))
            case "h": return Rate(burst: count, period: .seconds(3600))
            default: return nil
            }
        }

        var description: String {
            let seconds = period.components.seconds
            return "\(burst)/\(seconds == 1 ? "s" : seconds == 60 ? "m" : "h")"
        }
    }

    /// What a bucket is kept for.
    enum Key: Hashable, Sendable {
        case address(SocketAddress.Host, RouteClass)
        case principal(String, RouteClass)
    }

    /// The limits, per class, for addresses and for principals (nil: not limited).
    struct Configuration: Sendable {
        var perAddress: [RouteClass: Rate] = [
            .login: Rate(burst: 30, period: .seconds(60)),
            .submit: Rate(burst: 120, period: .seconds(60)),
            .read: Rate(burst: 1200, period: .seconds(60)),
        ]
        var perPrincipal: [RouteClass: Rate] = [
            .login: Rate(burst: 10, period: .seconds(60)),
            .submit: Rate(burst: 120, period: .seconds(60)),
            .read: Rate(burst: 1200, period: .seconds(60)),
        ]
        var maximumKeys = 200_000
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private static let shardCount = 16
    /// One shard's buckets behind its own lock (a class: `Mutex` cannot sit in an array).
    private final class Shard: Sendable {
        let buckets = Mutex<[Key: Bucket]>([:])
    }

    private let shards: [Shard]
    let configuration: Configuration

    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    /// Takes a token for `key`; nil when admitted, otherwise how long until one is available.
    func admit(_ key: Key) -> Duration? {
        let rate: Rate?
        switch key {
        case .address(_, let routeClass): rate = configuration.perAddress[routeClass]
        case .principal(_, let routeClass): rate = configuration.perPrincipal[routeClass]
        }
        guard let rate else { return nil }
        let capacity = Double(rate.burst)
        let perSecond = capacity / rate.period.timeInterval
        let now = ContinuousClock.now
        let shardLimit = max(1, configuration.maximumKeys / Self.shardCount)
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(Self.shardCount))]
        return shard.buckets.withLock { buckets -> Duration? in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated).timeInterval * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return .seconds((1 - bucket.tokens) / perSecond)
            }
            bucket.tokens -= 1
            if buckets[key] == nil, buckets.count >= shardLimit {
                Self.sweep(&buckets, now: now, limit: shardLimit, configuration: configuration)
            }
            buckets[key] = bucket
            return nil
        }
    }

    /// Drops buckets that have refilled (they hold nothing); if that is not enough, all of them.
    private static func sweep(
        _ buckets: inout [Key: Bucket], now: ContinuousClock.Instant, limit: Int, configuration: Configuration
    ) {
        buckets = buckets.filter { key, bucket in
            let rate: Rate?
            switch key {
            case .address(_, let routeClass): rate = configuration.perAddress[routeClass]
            case .principal(_, let routeClass): rate = configuration.perPrincipal[routeClass]
            }
            guard let rate else { return false }
            let capacity = Double(rate.burst)
            return bucket.tokens + (now - bucket.updated).timeInterval * capacity / rate.period.timeInterval < capacity
        }
        if buckets.count >= limit { buckets.removeAll(keepingCapacity: true) }
    }

    /// The number of buckets held (for tests and metrics).
    var count: Int { shards.reduce(0) { $0 + $1.buckets.withLock { $0.count } } }
}
