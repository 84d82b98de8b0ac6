import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Outbox retry policy: exponential back-off with jitter")
struct OutboxRetryPolicyTests {
    @Test("the ceiling doubles from the initial delay and stops at the maximum")
    func ceiling() {
        let policy = RetryPolicy(maximumAttempts: 100, initialDelay: .seconds(15), maximumDelay: .seconds(3600))
        #expect(policy.ceiling(afterAttempt: 1) == .seconds(15))
        #expect(policy.ceiling(afterAttempt: 2) == .seconds(30))
        #expect(policy.ceiling(afterAttempt: 5) == .seconds(240))
        #expect(policy.ceiling(afterAttempt: 9) == .seconds(3600))
        #expect(policy.ceiling(afterAttempt: 99) == .seconds(3600))
        #expect(policy.ceiling(afterAttempt: 0) == .seconds(15))
    }

    @Test("each delay lies between half the ceiling and the ceiling, and varies")
    func jitter() {
        let policy = RetryPolicy(maximumAttempts: 50, initialDelay: .seconds(10), maximumDelay: .seconds(10_000))
        var random = SplitMix64(seed: 42)
        for attempt in 1..<20 {
            let ceiling = policy.ceiling(afterAttempt: attempt)
            var seen: Set<Duration> = []
            for _ in 0..<20 {
                let delay = try! #require(policy.delay(afterAttempt: attempt, using: &random))
                #expect(delay >= ceiling / 2 && delay <= ceiling)
                seen.insert(delay)
            }
            #expect(seen.count > 1, "no jitter after attempt \(attempt)")
        }
    }

    @Test("no delay once the attempts are spent")
    func exhausted() {
        let policy = RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), maximumDelay: .seconds(10))
        var random = SplitMix64(seed: 1)
        #expect(policy.delay(afterAttempt: 1, using: &random) != nil)
        #expect(policy.delay(afterAttempt: 2, using: &random) != nil)
        #expect(policy.delay(afterAttempt: 3, using: &random) == nil)
        #expect(policy.delay(afterAttempt: 4, using: &random) == nil)
        #expect(RetryPolicy(maximumAttempts: 0).maximumAttempts == 1)
    }

    @Test("Retry-After lengthens a delay but never beyond the maximum")
    func retryAfter() {
        let policy = RetryPolicy(maximumAttempts: 5, initialDelay: .seconds(1), maximumDelay: .seconds(60))
        var random = SplitMix64(seed: 7)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(30), using: &random) == .seconds(30))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600), using: &random) == .seconds(60))
        let short = policy.delay(afterAttempt: 1, retryAfter: .milliseconds(1), using: &random)!
        #expect(short >= .milliseconds(500))
    }

    @Test("odd settings are made sane: negative delays, a maximum below the initial delay")
    func sanitised() {
        let policy = RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(-5), maximumDelay: .seconds(-1))
        #expect(policy.initialDelay == .zero && policy.maximumDelay == .zero)
        var random = SplitMix64(seed: 3)
        #expect(policy.delay(afterAttempt: 1, using: &random) == .zero)
        #expect(RetryPolicy(initialDelay: .seconds(10), maximumDelay: .seconds(1)).maximumDelay == .seconds(10))
    }
}
