import Foundation
import GuichetCore
import GuichetHTTP

/// The gateway's own settings, read from the environment (the README lists each with its default).
public struct GatewayConfiguration: Sendable {
    /// The services behind the gateway, by the path segment that routes to them.
    public var upstreams: [String: Upstream]
    /// How long the gateway waits for a service's complete answer (`GUICHET_UPSTREAM_TIMEOUT_MS`).
    public var upstreamTimeout: Duration
    /// The administrator's password at first start (`GUICHET_ADMIN_PASSWORD`); random when unset.
    public var administratorPassword: Secret<String>?
    /// Where signing keys live when not given in the environment (`GUICHET_KEYS_DIR`).
    public var keysDirectory: String
    /// The access-token signing key seed, base64url (`GUICHET_ACCESS_SIGNING_KEY`), overriding the file.
    public var accessSigningKey: Secret<String>?
    /// The context-token signing key seed, base64url (`GUICHET_CONTEXT_SIGNING_KEY`), overriding the file.
    public var contextSigningKey: Secret<String>?
    /// The `iss` of access tokens (`GUICHET_ISSUER`).
    public var issuer: String
    /// The lifetime of access tokens (`GUICHET_ACCESS_TOKEN_TTL_MS`).
    public var accessTokenLifetime: Duration
    /// The scrypt cost of password hashes, as log2(N) (`GUICHET_SCRYPT_LOG_N`).
    public var scryptLogN: Int
    /// How long a tenant looked up by slug is remembered (`GUICHET_TENANT_CACHE_TTL_MS`).
    public var tenantCacheLifetime: Duration
    /// How long an unused refresh token stays good (`GUICHET_REFRESH_TOKEN_TTL_MS`).
    public var refreshTokenLifetime: Duration
    /// How long a sign-in session lasts at most, refreshed or not (`GUICHET_SESSION_TTL_MS`).
    public var sessionLifetime: Duration
    /// Failures in a row before an account locks (`GUICHET_LOCKOUT_THRESHOLD`).
    public var lockoutThreshold: Int
    /// The first lock's length, doubled at each further failure (`GUICHET_LOCKOUT_MS`).
    public var lockoutDuration: Duration
    /// The longest lock (`GUICHET_LOCKOUT_MAX_MS`).
    public var lockoutMaximum: Duration
    /// How verification codes reach citizens (`GUICHET_VERIFICATION_CODES`: `outbox`, `log` or
    /// `off`); nil when unset, for the default that
    /// ``VerificationCodeDelivery/inForce(configured:email:sms:)`` picks.
    public var verificationCodes: VerificationCodeDelivery?
    /// Browser origins allowed on the platform's public paths and, named explicitly, on every
    /// tenant's (`GUICHET_CORS_ORIGINS`, comma-separated; `*` for any on public paths).
    public var corsOrigins: Set<String>
    /// Proxies whose `X-Forwarded-For` names the client (`GUICHET_TRUSTED_PROXIES`).
    public var trustedProxies: String
    /// Rate limits per class, per client address and per principal
    /// (`GUICHET_RATE_<LOGIN|SUBMIT|READ>_PER_<ADDRESS|PRINCIPAL>`: `N/s`, `N/m`, `N/h` or `off`).
    public var rateLimits: RateLimitSettings
    /// How often the key files are checked for a rotated key (`GUICHET_KEY_RELOAD_INTERVAL_MS`, 0: never).
    public var keyReloadInterval: Duration
    /// How often the list of revoked sessions is reloaded (`GUICHET_REVOCATION_RELOAD_MS`).
    public var revocationReloadInterval: Duration
    /// Settings that could not be read, one sentence each (the gateway refuses to start).
    public var problems: [String]

    /// How verification codes are delivered.
    ///
    /// The rule: an explicit `GUICHET_VERIFICATION_CODES` wins; unset, it is `outbox` when this
    /// process can send email (`GUICHET_SMTP_HOST`) or SMS (`GUICHET_SMS_URL`), else `off`. `log`
    /// is never a default. With `outbox`, sign-up by email needs SMTP and sign-up by phone an SMS
    /// provider (the other kind answers 503); `outbox` set explicitly with neither configured is a
    /// configuration error (the gateway refuses to start rather than close sign-up silently).
    public enum VerificationCodeDelivery: String, Sendable, CaseIterable {
        /// Not at all: citizens cannot sign up (503).
        case off
        /// Written to the log (development only: whoever reads the logs could take over sign-ups).
        case log
        /// Recorded in the gateway's notification outbox with the sign-up, delivered by email or
        /// SMS by the kit's dispatcher.
        case outbox

        /// The delivery in force, given the configured one (nil: unset) and whether email and SMS
        /// are configured; nil when `outbox` was asked for with neither.
        public static func inForce(configured: Self?, email: Bool, sms: Bool) -> Self? {
            switch configured {
            case nil: email || sms ? .outbox : .off
            case .outbox?: email || sms ? .outbox : nil
            case let other?: other
            }
        }
    }

    /// The rate limits, as read (nil: no limit).
    public struct RateLimitSettings: Sendable {
        var perAddress: [RateLimiter.RouteClass: RateLimiter.Rate]
        var perPrincipal: [RateLimiter.RouteClass: RateLimiter.Rate]
    }

    /// The service names the gateway routes to, each at `/v1/{tenant}/<name>/…`.
    public static let serviceNames = ["complaints", "appointments", "mail"]

    /// Reads the settings; malformed values are collected into the environment's errors.
    public static func read(from environment: inout Environment) -> GatewayConfiguration {
        var upstreams: [String: Upstream] = [:]
        let defaults = ["complaints": 8081, "appointments": 8082, "mail": 8083]
        for name in serviceNames {
            let variable = "GUICHET_\(name.uppercased())_URL"
            let url = environment.url(variable, default: "http://127.0.0.1:\(defaults[name]!)", schemes: ["http"])
            upstreams[name] = Upstream(url: url) ?? Upstream(host: "127.0.0.1", port: UInt16(defaults[name]!))
        }
        var problems: [String] = []
        let rateDefaults = RateLimiter.Configuration()
        var perAddress: [RateLimiter.RouteClass: RateLimiter.Rate] = [:]
        var perPrincipal: [RateLimiter.RouteClass: RateLimiter.Rate] = [:]
        for routeClass in RateLimiter.RouteClass.allCases {
            for (subject, defaultRate) in [("ADDRESS", rateDefaults.perAddress[routeClass]), ("PRINCIPAL", rateDefaults.perPrincipal[routeClass])] {
                let variable = "GUICHET_RATE_\(routeClass.rawValue.uppercased())_PER_\(subject)"
                var rate = defaultRate
                if let text = environment.raw(variable) {
                    if text.lowercased() == "off" {
                        rate = nil
                    } else if let parsed = RateLimiter.Rate.parse(text) {
                        rate = parsed
                    } else {
                        problems.append("\(variable)=\(text): expected N/s, N/m, N/h or off")
                    }
                }
                if subject == "ADDRESS" { perAddress[routeClass] = rate } else { perPrincipal[routeClass] = rate }
            }
        }
        let proxies = environment.string("GUICHET_TRUSTED_PROXIES", default: "")
        if ClientAddresses.parse(proxies) == nil {
            problems.append("GUICHET_TRUSTED_PROXIES=\(proxies): expected comma-separated numeric addresses")
        }
        var origins: Set<String> = []
        for item in environment.string("GUICHET_CORS_ORIGINS", default: "*").split(separator: ",") {
            let origin = item.trimmingCharacters(in: .whitespaces)
            if origin == "*" {
                origins.insert(origin)
            } else if let canonical = CORSPolicy.canonicalOrigin(origin) {
                origins.insert(canonical)
            } else if !origin.isEmpty {
                problems.append("GUICHET_CORS_ORIGINS: \(origin) is not an origin (https://host[:port])")
            }
        }
        return GatewayConfiguration(
            upstreams: upstreams,
            upstreamTimeout: environment.duration("GUICHET_UPSTREAM_TIMEOUT_MS", default: .seconds(30)),
            administratorPassword: environment.raw("GUICHET_ADMIN_PASSWORD").flatMap { $0.isEmpty ? nil : Secret($0) },
            keysDirectory: environment.string("GUICHET_KEYS_DIR", default: ".data/keys"),
            accessSigningKey: environment.raw("GUICHET_ACCESS_SIGNING_KEY").flatMap { $0.isEmpty ? nil : Secret($0) },
            contextSigningKey: environment.raw("GUICHET_CONTEXT_SIGNING_KEY").flatMap { $0.isEmpty ? nil : Secret($0) },
            issuer: environment.string("GUICHET_ISSUER", default: "http://127.0.0.1:8080"),
            accessTokenLifetime: environment.duration("GUICHET_ACCESS_TOKEN_TTL_MS", default: .seconds(900)),
            scryptLogN: environment.int("GUICHET_SCRYPT_LOG_N", default: 14, range: 10...20),
            tenantCacheLifetime: environment.duration("GUICHET_TENANT_CACHE_TTL_MS", default: .seconds(5)),
            refreshTokenLifetime: environment.duration("GUICHET_REFRESH_TOKEN_TTL_MS", default: .seconds(14 * 86_400)),
            sessionLifetime: environment.duration("GUICHET_SESSION_TTL_MS", default: .seconds(30 * 86_400)),
            lockoutThreshold: environment.int("GUICHET_LOCKOUT_THRESHOLD", default: 5, range: 1...100),
            lockoutDuration: environment.duration("GUICHET_LOCKOUT_MS", default: .seconds(30)),
            lockoutMaximum: environment.duration("GUICHET_LOCKOUT_MAX_MS", default: .seconds(3600)),
            verificationCodes: environment.raw("GUICHET_VERIFICATION_CODES") == nil
                ? nil : environment.value("GUICHET_VERIFICATION_CODES", default: .off),
            corsOrigins: origins,
            trustedProxies: proxies,
            rateLimits: RateLimitSettings(perAddress: perAddress, perPrincipal: perPrincipal),
            keyReloadInterval: environment.duration("GUICHET_KEY_RELOAD_INTERVAL_MS", default: .seconds(10)),
            revocationReloadInterval: environment.duration("GUICHET_REVOCATION_RELOAD_MS", default: .seconds(5)),
            problems: problems)
    }
}
