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
            tenantCacheLifetime: environment.duration("GUICHET_TENANT_CACHE_TTL_MS", default: .seconds(5)))
    }
}
