import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetIO
import Synchronization

/// How a service resolves a tenant's units and agents: through the gateway's directory API
/// (`/v1/{tenant}/directory/…`), each answer remembered for a short time (30 s by default) so
/// that routing a request costs no call most of the time.
///
/// ```swift
/// let directory = DirectoryClient(group: runtime.group, configuration: .read(from: &environment))
/// // In a handler: forward the gateway's context token of the request being served.
/// let credential = DirectoryClient.Credential.forwarding(request)
/// if try await directory.isUnit(complaint.unit, within: context.principal.units, in: tenant, as: credential) { … }
/// ```
///
/// Credentials: while serving a request, `forwarding(request)` — the gateway's context token of
/// that request, which only Guichet's services ever hold; outside a request (scheduled work), the
/// service client configured (`GUICHET_DIRECTORY_CLIENT_ID`/`_SECRET`, with `directory.read` and
/// bound to the tenants concerned), whose tokens are fetched and reused until shortly before
/// they expire.
public final class DirectoryClient: Sendable {
    /// Where the gateway is and how long answers are remembered.
    public struct Configuration: Sendable {
        /// The gateway (`GUICHET_GATEWAY_URL`).
        public var gateway: Upstream
        /// How long an answer is remembered (`GUICHET_DIRECTORY_CACHE_TTL_MS`).
        public var cacheLifetime: Duration
        /// How long a call may take.
        public var timeout: Duration
        /// The service client used outside a request (`GUICHET_DIRECTORY_CLIENT_ID`, `…_SECRET`).
        public var client: (id: String, secret: Secret<String>)?

        /// A configuration for the gateway at `gateway`.
        public init(
            gateway: Upstream, cacheLifetime: Duration = .seconds(30), timeout: Duration = .seconds(5),
            client: (id: String, secret: Secret<String>)? = nil
        ) {
            self.gateway = gateway
            self.cacheLifetime = cacheLifetime
            self.timeout = timeout
            self.client = client
        }

        /// Reads the configuration from the environment (errors are collected there).
        public static func read(from environment: inout Environment) -> Configuration {
            let url = environment.url("GUICHET_GATEWAY_URL", default: "http://127.0.0.1:8080", schemes: ["http"])
            let id = environment.raw("GUICHET_DIRECTORY_CLIENT_ID")
            let secret = environment.raw("GUICHET_DIRECTORY_CLIENT_SECRET")
            return Configuration(
                gateway: Upstream(url: url) ?? Upstream(host: "127.0.0.1", port: 8080),
                cacheLifetime: environment.duration("GUICHET_DIRECTORY_CACHE_TTL_MS", default: .seconds(30)),
                client: id.flatMap { id in secret.map { (id, Secret($0)) } })
        }
    }

    /// What the caller presents to the directory.
    public enum Credential: Sendable {
        /// The gateway's context token of the request being served.
        case context(String)
        /// The configured service client's token.
        case client

        /// The context token `request` came with, or the configured client when it has none.
        public static func forwarding(_ request: HTTPRequest) -> Credential {
            request.headers["x-guichet-context"].map(Credential.context) ?? .client
        }
    }

    private let http: HTTPClient
    private let ownsClient: Bool
    private let configuration: Configuration
    private let cache = Mutex<[String: Cached]>([:])
    private let clientTokens = Mutex<[String: (token: String, renewAfter: Deadline)]>([:])
    private static var cacheLimit: Int { 10_000 }

    private enum Cached {
        case units([DirectoryUnit], Deadline)
        case agents([DirectoryAgent], Deadline)
        case agent(DirectoryAgent?, Deadline)

        var expires: Deadline {
            switch self {
            case .units(_, let deadline), .agents(_, let deadline), .agent(_, let deadline): deadline
            }
        }
    }

    /// A client calling the gateway with `http`.
    public init(http: HTTPClient, configuration: Configuration) {
        self.http = http
        self.configuration = configuration
        ownsClient = false
    }

    /// A client with an HTTP client of its own on `group` (closed by `shutdown()`).
    public init(group: EventLoopGroup, configuration: Configuration) {
        http = HTTPClient(group: group, configuration: HTTPClient.Configuration(requestTimeout: configuration.timeout))
        self.configuration = configuration
        ownsClient = true
    }

    /// Closes the HTTP client it made.
    public func shutdown() async {
        if ownsClient { await http.shutdown() }
    }

    /// Every unit of `tenant`.
    public func units(in tenant: TenantReference, as credential: Credential) async throws(DirectoryError) -> [DirectoryUnit] {
        let key = "\(tenant.id)/units"
        if case .units(let units, let expires)? = cached(key), expires > .now() { return units }
        struct List: Decodable { let units: [DirectoryUnit] }
        let units = try await get("/v1/\(tenant.slug)/directory/units", in: tenant, as: credential, decoding: List.self).units
        remember(.units(units, .now() + configuration.cacheLifetime), key)
        return units
    }

    /// The unit `id` of `tenant`, if it exists.
    public func unit(_ id: UUID, in tenant: TenantReference, as credential: Credential) async throws(DirectoryError) -> DirectoryUnit? {
        try await units(in: tenant, as: credential).first { $0.id == id }
    }

    /// The ids of `unit`'s ancestors, nearest first (empty for an unknown unit).
    public func ancestors(of unit: UUID, in tenant: TenantReference, as credential: Credential) async throws(DirectoryError) -> [UUID] {
        let byID = Dictionary(uniqueKeysWithValues: try await units(in: tenant, as: credential).map { ($0.id, $0) })
        var result: [UUID] = []
        var current = byID[unit]?.parentID
        while let id = current, result.count < 64, !result.contains(id) {
            result.append(id)
            current = byID[id]?.parentID
        }
        return result
    }

    /// Whether `unit` is one of `units` or lies below one of them: what "an agent acts within
    /// their units" means.
    public func isUnit(
        _ unit: UUID, within units: Set<UUID>, in tenant: TenantReference, as credential: Credential
    ) async throws(DirectoryError) -> Bool {
        if units.contains(unit) { return true }
        guard !units.isEmpty else { return false }
        return try await ancestors(of: unit, in: tenant, as: credential).contains(where: units.contains)
    }

    /// The active agents of `tenant`, of `unit` and with `role` when given.
    public func agents(
        in tenant: TenantReference, unit: UUID? = nil, role: String? = nil, as credential: Credential
    ) async throws(DirectoryError) -> [DirectoryAgent] {
        var query: [String] = []
        if let unit { query.append("unit=\(unit.uuidString.lowercased())") }
        if let role { query.append("role=\(Self.escape(role))") }
        let path = "/v1/\(tenant.slug)/directory/agents" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let key = "\(tenant.id)\(path)"
        if case .agents(let agents, let expires)? = cached(key), expires > .now() { return agents }
        struct List: Decodable { let agents: [DirectoryAgent] }
        let agents = try await get(path, in: tenant, as: credential, decoding: List.self).agents
        remember(.agents(agents, .now() + configuration.cacheLifetime), key)
        return agents
    }

    /// The active agent `id` of `tenant`, if there is one.
    public func agent(_ id: UUID, in tenant: TenantReference, as credential: Credential) async throws(DirectoryError) -> DirectoryAgent? {
        let path = "/v1/\(tenant.slug)/directory/agents/\(id.uuidString.lowercased())"
        let key = "\(tenant.id)\(path)"
        if case .agent(let agent, let expires)? = cached(key), expires > .now() { return agent }
        let agent: DirectoryAgent?
        do throws(DirectoryError) {
            agent = try await get(path, in: tenant, as: credential, decoding: DirectoryAgent.self)
        } catch .refused(status: 404) {
            agent = nil
        }
        remember(.agent(agent, .now() + configuration.cacheLifetime), key)
        return agent
    }

    /// Forgets every answer (after a change the service made itself).
    public func forgetAll() {
        cache.withLock { $0.removeAll() }
    }

    // MARK: Calls

    private func cached(_ key: String) -> Cached? { cache.withLock { $0[key] } }

    private func remember(_ value: Cached, _ key: String) {
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = value
        }
    }

    private func get<Value: Decodable>(
        _ path: String, in tenant: TenantReference, as credential: Credential, decoding type: Value.Type
    ) async throws(DirectoryError) -> Value {
        var headers = HTTPHeaders()
        headers.add("Accept", "application/json")
        switch credential {
        case .context(let token): headers.add("X-Guichet-Context", token)
        case .client: headers.add("Authorization", "Bearer \(try await clientToken(for: tenant))")
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(.get, path, headers: headers, to: configuration.gateway, timeout: configuration.timeout)
        } catch {
            throw .unavailable(String(describing: error))
        }
        guard response.status.code == 200 else {
            if case .client = credential, response.status.code == 401 {
                _ = clientTokens.withLock { $0.removeValue(forKey: tenant.slug) }
            }
            if [401, 403, 404].contains(response.status.code) { throw .refused(status: response.status.code) }
            throw .unavailable("the directory answered \(response.status.code)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(type, from: Data(response.body))
        } catch {
            throw .unavailable("the directory's answer is not understood: \(error)")
        }
    }

    /// A token of the configured client acting in `tenant`, fetched when missing or nearly expired.
    private func clientToken(for tenant: TenantReference) async throws(DirectoryError) -> String {
        guard let client = configuration.client else { throw .noCredential }
        if let cached = clientTokens.withLock({ $0[tenant.slug] }), cached.renewAfter > .now() { return cached.token }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        let body = "grant_type=client_credentials&scope=directory.read&tenant=\(Self.escape(tenant.slug))"
            + "&client_id=\(Self.escape(client.id))&client_secret=\(Self.escape(client.secret.value))"
        let response: HTTPClientResponse
        do {
            response = try await http.execute(
                .post, "/v1/auth/token", headers: headers, body: Array(body.utf8), to: configuration.gateway,
                timeout: configuration.timeout)
        } catch {
            throw .unavailable(String(describing: error))
        }
        struct Answer: Decodable {
            let accessToken: String
            let expiresIn: Int
        }
        guard response.status.code == 200 else { throw .refused(status: response.status.code) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let answer = try? decoder.decode(Answer.self, from: Data(response.body)) else {
            throw .unavailable("the token endpoint's answer is not understood")
        }
        let renewAfter = Deadline.now() + .seconds(max(1, answer.expiresIn - 30))
        clientTokens.withLock { $0[tenant.slug] = (answer.accessToken, renewAfter) }
        return answer.accessToken
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    private static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let unreserved =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return result
    }
}
