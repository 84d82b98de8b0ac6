import FoundationEssentials
import GuichetCore
import GuichetIO
import GuichetPlatform
import Synchronization

/// Which browser origins may call which paths (CORS, WHATWG Fetch §3.2).
///
/// - A tenant's paths (`/v1/{tenant}/…`) allow the origins its administrators list in its
///   settings, plus those of `GUICHET_CORS_ORIGINS` named explicitly (a national portal).
/// - The platform's public paths (`/v1/auth/…`, `/v1/platform/…`, `/v1/openapi.json`, the JWKS)
///   allow `GUICHET_CORS_ORIGINS` — by default `*`: they carry no ambient credentials (no cookies,
///   tokens travel in headers and bodies), so reading their answers from any page gives nothing
///   away, and any tenant's web application can sign its users in.
///
/// Credentials (cookies) are never allowed: Guichet does not use them. A tenant's origins are
/// remembered for a few seconds.
final class CORSPolicy: Sendable {
    /// The methods a preflight may ask for.
    static let allowedMethods = "GET, POST, PUT, PATCH, DELETE"
    /// The request headers a preflight may ask for.
    static let allowedHeaders = "Authorization, Content-Type, Accept, Accept-Language, Idempotency-Key, If-Match, X-Request-ID, traceparent"
    /// The response headers a page may read besides the simple ones.
    static let exposedHeaders = "Retry-After, X-Request-ID, Location, ETag, WWW-Authenticate"

    private let publicOrigins: Set<String>
    private let tenants: TenantCache
    private let loadOrigins: @Sendable (UUID) async throws -> [String]
    private let lifetime: Duration
    private let cache = Mutex<[UUID: (origins: Set<String>, expires: Deadline)]>([:])

    init(
        publicOrigins: Set<String>, tenants: TenantCache, lifetime: Duration,
        loadOrigins: @escaping @Sendable (UUID) async throws -> [String]
    ) {
        self.publicOrigins = publicOrigins
        self.tenants = tenants
        self.lifetime = lifetime
        self.loadOrigins = loadOrigins
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin` to `path`, or nil when
    /// the origin is not allowed there.
    func allowedOrigin(_ origin: String, path: Substring) async -> String? {
        guard let canonical = Self.canonicalOrigin(origin) else { return nil }
        guard let slug = Self.tenantSlug(in: path) else {
            if publicOrigins.contains("*") { return "*" }
            return publicOrigins.contains(canonical) ? canonical : nil
        }
        if publicOrigins.contains(canonical) { return canonical }
        guard let tenant = try? await tenants.tenant(slug: slug), tenant.status == .active,
            let origins = try? await origins(of: tenant.id)
        else { return nil }
        return origins.contains(canonical) ? canonical : nil
    }

    /// Forgets a tenant's origins (after its settings change here).
    func forget(_ tenant: UUID) {
        _ = cache.withLock { $0.removeValue(forKey: tenant) }
    }

    private func origins(of tenant: UUID) async throws -> Set<String> {
        let now = Deadline.now()
        if let entry = cache.withLock({ $0[tenant] }), entry.expires > now { return entry.origins }
        let origins = Set(try await loadOrigins(tenant))
        cache.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[tenant] = (origins, now + lifetime)
        }
        return origins
    }

    /// The tenant slug of a path under `/v1/{tenant}/…`, nil for the platform's own paths.
    static func tenantSlug(in path: Substring) -> String? {
        let segments = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard segments.count >= 4, segments[0].isEmpty, segments[1] == "v1" else { return nil }
        let slug = String(segments[2])
        guard TenantSlug.problems(slug).isEmpty else { return nil }
        return slug
    }

    /// An origin in its serialised form (`https://portail.example.ma`, `http://localhost:5173`):
    /// lower-case scheme and host, a port only when not the default, no path. HTTPS, or HTTP for
    /// loopback development; nil otherwise.
    static func canonicalOrigin(_ text: String) -> String? {
        guard text.utf8.count <= 255, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty, components.path.isEmpty, components.query == nil,
            components.fragment == nil, components.user == nil, components.password == nil
        else { return nil }
        let loopback = host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1"
        guard scheme == "https" || (scheme == "http" && loopback) else { return nil }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" || $0 == "[" || $0 == "]" }),
            host.unicodeScalars.allSatisfy(\.isASCII)
        else { return nil }
        var origin = "\(scheme)://\(host)"
        if let port = components.port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) {
            origin += ":\(port)"
        }
        return origin
    }
}
