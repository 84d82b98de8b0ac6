@testable import Gateway
import GuichetIO
import Testing

@Suite("Gateway: rate limiter")
struct RateLimiterTests {
    static let address = SocketAddress(numericHost: "192.0.2.7", port: 0)!.host

    @Test("a bucket admits its burst, then refuses with the wait until the next token")
    func burst() {
        var configuration = RateLimiter.Configuration()
        configuration.perAddress[.login] = RateLimiter.Rate(burst: 3, period: .seconds(60))
        let limiter = RateLimiter(configuration: configuration)
        for _ in 0..<3 { #expect(limiter.admit(.address(Self.address, .login)) == nil) }
        let wait = limiter.admit(.address(Self.address, .login))
        #expect(wait != nil)
        #expect(wait! > .zero && wait! <= .seconds(20))
        // Other classes, addresses and principals have buckets of their own.
        #expect(limiter.admit(.address(Self.address, .read)) == nil)
        #expect(limiter.admit(.address(SocketAddress(numericHost: "192.0.2.8", port: 0)!.host, .login)) == nil)
        #expect(limiter.admit(.principal("account:x", .login)) == nil)
    }

    @Test("a class without a limit is never refused")
    func unlimited() {
        var configuration = RateLimiter.Configuration()
        configuration.perPrincipal[.read] = nil
        let limiter = RateLimiter(configuration: configuration)
        for _ in 0..<5_000 { #expect(limiter.admit(.principal("account:x", .read)) == nil) }
        #expect(limiter.count == 0)
    }

    @Test("the number of buckets stays bounded under a flood of keys")
    func bounded() {
        var configuration = RateLimiter.Configuration()
        configuration.maximumKeys = 160
        let limiter = RateLimiter(configuration: configuration)
        for index in 0..<5_000 { _ = limiter.admit(.principal("key-\(index)", .read)) }
        #expect(limiter.count <= 160)
    }

    @Test("rates parse from N/s, N/m and N/h, nothing else")
    func parsing() {
        #expect(RateLimiter.Rate.parse("20/m") == RateLimiter.Rate(burst: 20, period: .seconds(60)))
        #expect(RateLimiter.Rate.parse("5/s") == RateLimiter.Rate(burst: 5, period: .seconds(1)))
        #expect(RateLimiter.Rate.parse("1000/h") == RateLimiter.Rate(burst: 1000, period: .seconds(3600)))
        for bad in ["", "20", "0/m", "-1/m", "20/d", "x/m", "20/m/s"] { #expect(RateLimiter.Rate.parse(bad) == nil, "\(bad)") }
    }
}
