import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPlatform
import GuichetPostgres

/// OAuth2 service clients (client credentials): those of one tenant (`platform.service_clients`,
/// made by its administrators, ids `gc_<tenant id>.<random>`) and those the platform's
/// administrators bind to named tenants (`platform.platform_clients`, ids `gp_<random>`). The
/// tenant in a tenant client's id lets the gateway find it with the tenant set, as row-level
/// security requires. Secrets are 256 random bits, stored as their SHA-256.
struct ServiceClientStore: Sendable {
    let database: PostgresPool

    /// A client as the token endpoint sees it.
    struct Client: Sendable {
        let id: UUID
        let clientID: String
        let secretHash: [UInt8]
        let scopes: Set<String>
        let active: Bool
        /// The tenants the client may act in (one for a tenant's client).
        let tenants: [UUID]
    }

    /// A client as its administrators see it.
    struct Listing: Sendable {
        let id: UUID
        let clientID: String
        let name: String
        let scopes: [String]
        let status: String
        let tenants: [UUID]
        let createdAt: Date
    }

    /// A new client id for a client of `tenant`, or of the platform when nil.
    static func makeClientID(tenant: UUID?) -> String {
        let random = CrockfordBase32.encode(SecureRandom.bytes(count: 15)).lowercased()
        guard let tenant else { return "gp_" + random.prefix(24) }
        return "gc_" + tenant.lowercaseString.replacingOccurrences(of: "-", with: "") + "." + random.prefix(20)
    }

    /// A new secret and its stored hash.
    static func makeSecret() -> (secret: String, hash: [UInt8]) {
        let secret = Base64URL.encode(SecureRandom.bytes(count: 32))
        return (secret, SHA256.hash(secret))
    }

    /// The tenant a tenant client's id names, if it is one.
    static func tenant(ofClientID clientID: String) -> UUID? {
        let bytes = Array(clientID.utf8)
        guard clientID.hasPrefix("gc_"), bytes.count == 56, bytes[35] == UInt8(ascii: ".") else { return nil }
        let hex = bytes[3..<35]
        guard hex.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { return nil }
        let text = String(decoding: hex, as: UTF8.self)
        let dashed =
            "\(text.prefix(8))-\(text.dropFirst(8).prefix(4))-\(text.dropFirst(12).prefix(4))-\(text.dropFirst(16).prefix(4))-\(text.dropFirst(20))"
        return UUID(uuidString: dashed)
    }

    /// The client with `clientID`, looked up where its id says.
    func client(clientID: String) async throws -> Client? {
        guard clientID.utf8.count <= 64 else { return nil }
        if let tenant = Self.tenant(ofClientID: clientID) {
            let rows = try await database.query(
                """
                SELECT id, secret_hash, scopes, status = 'active' FROM platform.service_clients
                WHERE tenant_id = \(tenant) AND client_id = \(clientID)
                """,
                tenant: tenant)
            return try rows.first.map { row in
                let (id, hash, scopes, active) = try row.decode((UUID, [UInt8], [String], Bool).self)
                return Client(id: id, clientID: clientID, secretHash: hash, scopes: Set(scopes), active: active, tenants: [tenant])
            }
        }
        guard clientID.hasPrefix("gp_") else { return nil }
        let rows = try await database.query(
            """
            SELECT id, secret_hash, scopes, status = 'active', tenant_ids FROM platform.platform_clients
            WHERE client_id = \(clientID)
            """,
            tenant: nil)
        return try rows.first.map { row in
            let (id, hash, scopes, active, tenants) = try row.decode((UUID, [UInt8], [String], Bool, [UUID]).self)
            return Client(id: id, clientID: clientID, secretHash: hash, scopes: Set(scopes), active: active, tenants: tenants)
        }
    }

    // MARK: Tenant clients

    func createTenantClient(
        tenant: UUID, name: String, scopes: [String], audit: PostgresQuery
    ) async throws -> (listing: Listing, secret: String) {
        let id = UUID.timeOrdered()
        let clientID = Self.makeClientID(tenant: tenant)
        let (secret, hash) = Self.makeSecret()
        let rows = try await database.transaction(
            [
                """
                INSERT INTO platform.service_clients (tenant_id, id, client_id, name, secret_hash, scopes)
                VALUES (\(tenant), \(id), \(clientID), \(name), \(hash), \(scopes)) RETURNING created_at
                """,
                audit,
            ],
            tenant: tenant)
        let createdAt = try rows[0].single(Date.self)
        return (
            Listing(id: id, clientID: clientID, name: name, scopes: scopes, status: "active", tenants: [tenant], createdAt: createdAt),
            secret
        )
    }

    func tenantClients(tenant: UUID) async throws -> [Listing] {
        let rows = try await database.query(
            """
            SELECT id, client_id, name, scopes, status, created_at FROM platform.service_clients
            WHERE tenant_id = \(tenant) ORDER BY created_at, id
            """,
            tenant: tenant)
        return try rows.map { row in
            let (id, clientID, name, scopes, status, createdAt) = try row.decode((UUID, String, String, [String], String, Date).self)
            return Listing(id: id, clientID: clientID, name: name, scopes: scopes, status: status, tenants: [tenant], createdAt: createdAt)
        }
    }

    /// Gives a tenant client a new secret; nil when no such client.
    func rotateTenantClientSecret(tenant: UUID, id: UUID, audit: PostgresQuery) async throws -> String? {
        let (secret, hash) = Self.makeSecret()
        let rows = try await database.transaction(
            [
                """
                UPDATE platform.service_clients SET secret_hash = \(hash), updated_at = now()
                WHERE tenant_id = \(tenant) AND id = \(id) AND status = 'active'
                """,
                audit,
            ],
            tenant: tenant)
        return rows[0].rowsAffected == 1 ? secret : nil
    }

    /// Disables a tenant client; false when no such client.
    func disableTenantClient(tenant: UUID, id: UUID, audit: PostgresQuery) async throws -> Bool {
        let rows = try await database.transaction(
            [
                """
                UPDATE platform.service_clients SET status = 'disabled', updated_at = now()
                WHERE tenant_id = \(tenant) AND id = \(id) AND status = 'active'
                """,
                audit,
            ],
            tenant: tenant)
        return rows[0].rowsAffected == 1
    }

    // MARK: Platform clients

    func createPlatformClient(
        name: String, scopes: [String], tenants: [UUID], audit: PostgresQuery
    ) async throws -> (listing: Listing, secret: String) {
        let id = UUID.timeOrdered()
        let clientID = Self.makeClientID(tenant: nil)
        let (secret, hash) = Self.makeSecret()
        let rows = try await database.transaction(
            [
                """
                INSERT INTO platform.platform_clients (id, client_id, name, secret_hash, scopes, tenant_ids)
                VALUES (\(id), \(clientID), \(name), \(hash), \(scopes), \(tenants)) RETURNING created_at
                """,
                audit,
            ],
            tenant: AuditEvent.platformTenant)
        let createdAt = try rows[0].single(Date.self)
        return (
            Listing(id: id, clientID: clientID, name: name, scopes: scopes, status: "active", tenants: tenants, createdAt: createdAt),
            secret
        )
    }

    func platformClients() async throws -> [Listing] {
        let rows = try await database.query(
            "SELECT id, client_id, name, scopes, status, tenant_ids, created_at FROM platform.platform_clients ORDER BY created_at, id",
            tenant: nil)
        return try rows.map { row in
            let (id, clientID, name, scopes, status, tenants, createdAt) = try row.decode(
                (UUID, String, String, [String], String, [UUID], Date).self)
            return Listing(id: id, clientID: clientID, name: name, scopes: scopes, status: status, tenants: tenants, createdAt: createdAt)
        }
    }

    func disablePlatformClient(id: UUID, audit: PostgresQuery) async throws -> Bool {
        let rows = try await database.transaction(
            [
                """
                UPDATE platform.platform_clients SET status = 'disabled', updated_at = now()
                WHERE id = \(id) AND status = 'active'
                """,
                audit,
            ],
            tenant: AuditEvent.platformTenant)
        return rows[0].rowsAffected == 1
    }
}
