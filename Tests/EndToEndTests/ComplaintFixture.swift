import Foundation
import GuichetCore
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport

/// One tenant of the shared stack for a complaints test: onboarded through the gateway (with a
/// category `roads`), and callers of every kind — citizens through the gateway, agents,
/// administrators and signed-in citizens straight to the complaints service with a context token
/// signed as the gateway would (the identity service's agents are not needed to test the rules).
struct ComplaintFixture {
    let stack: Stack
    let tenant: TenantReference

    var slug: String { tenant.slug }
    var base: String { "/v1/\(tenant.slug)/complaints" }

    /// The test key is published once per process.
    private static let published = Task { try await TestContextTokens.publish(in: try await Stack.shared.value.complaints.runtime.database) }

    /// Makes tenants one at a time on a pool of its own: provisioning a tenant's partitions is
    /// serialised by the database anyway, and many tests onboarding at once would otherwise hold
    /// the services' small test pools until other requests time out.
    private actor Onboarding {
        let pool = TestDatabase.pool { $0.poolSize = 1; $0.poolTimeout = .seconds(600) }

        func tenant() async throws -> Tenant {
            try await TestDatabase.makeTenant(in: pool)
        }
    }

    private static let onboarding = Onboarding()

    /// A new tenant with the category `roads`, created by its administrator.
    static func make() async throws -> ComplaintFixture {
        let stack = try await Stack.shared.value
        try await published.value
        let tenant = try await onboarding.tenant()
        let fixture = ComplaintFixture(stack: stack, tenant: tenant.reference)
        try await fixture.createCategory(#"{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"}}"#)
        return fixture
    }

    // MARK: Principals

    var administrator: Principal { TestContextTokens.tenantAdministrator(of: tenant.id) }

    func handler(units: Set<UUID>, subject: String? = nil) -> Principal {
        TestContextTokens.agent(of: tenant.id, roles: [Roles.complaintsHandler], units: units, subject: subject)
    }

    func supervisor(units: Set<UUID> = []) -> Principal {
        TestContextTokens.agent(of: tenant.id, roles: [Roles.complaintsSupervisor], units: units)
    }

    static func citizen(_ subject: String = "account:\(UUID().uuidString.lowercased())") -> Principal {
        Principal(subject: subject, kind: .citizen)
    }

    // MARK: Requests

    /// A request straight to the complaints service as `principal` (anonymous when nil).
    func call(
        _ method: String, _ path: String, as principal: Principal? = nil, json: String? = nil, body: [UInt8]? = nil,
        headers: [String: String] = [:], tenant: TenantReference?? = .none
    ) async throws -> RawResponse {
        let scope: TenantReference? = tenant ?? (path.hasPrefix("/open311/") ? nil : self.tenant)
        var all = headers
        all["X-Guichet-Context"] = try TestContextTokens.token(for: principal ?? .anonymous, in: scope)
        if json != nil { all["Content-Type"] = all["Content-Type"] ?? "application/json" }
        return try await Self.send(method, path, port: stack.complaints.address.port, headers: all, body: body ?? json.map { Array($0.utf8) })
    }

    /// A request through the gateway (anonymous).
    func gateway(_ method: String, _ path: String, json: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:]) async throws
        -> RawResponse
    {
        var all = headers
        if json != nil { all["Content-Type"] = all["Content-Type"] ?? "application/json" }
        return try await Self.send(method, path, port: stack.port, headers: all, body: body ?? json.map { Array($0.utf8) })
    }

    static func send(_ method: String, _ path: String, port: UInt16, headers: [String: String], body: [UInt8]?) async throws -> RawResponse {
        let connection = try RawConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: guichet\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        try connection.send(Array((head + "\r\n").utf8) + (body ?? []))
        guard let response = await connection.readResponse() else { throw StackError("no answer to \(method) \(path)") }
        return response
    }

    // MARK: Complaints

    static func complaint(
        category: String = "roads", subject: String = "Nid-de-poule dangereux", lat: Double? = 33.5731, lon: Double? = -7.5898,
        extra: String = ""
    ) -> String {
        let location = lat.map { #","location":{"lat":\#($0),"lon":\#(lon ?? 0)}"# } ?? ""
        return #"{"category":"\#(category)","subject":"\#(subject)","description":"Un trou profond devant l'école primaire, rue 12."\#(location),"contact":{"name":"Amal","email":"amal@example.ma","phone":"0612345678"},"language":"fr"\#(extra)}"#
    }

    /// Submits through the gateway; returns the tracking code and the complaint's id.
    func submit(_ json: String = ComplaintFixture.complaint()) async throws -> (code: String, id: UUID) {
        let response = try await gateway("POST", base, json: json)
        guard response.status == 201, let code = try Stack.json(response)["tracking_code"] as? String else {
            throw StackError("submission: \(response.status) \(response.text)")
        }
        let tracked = try Stack.json(try await gateway("GET", "\(base)/\(code)"))
        guard let id = (tracked["id"] as? String).flatMap(UUID.init(uuidString:)) else { throw StackError("no id in \(tracked)") }
        return (code, id)
    }

    /// Creates a category as the tenant's administrator.
    func createCategory(_ json: String) async throws {
        let response = try await call("POST", "\(base)/categories", as: administrator, json: json)
        guard response.status == 201 else { throw StackError("category: \(response.status) \(response.text)") }
    }

    /// A workflow step as `agent`, with the complaint's current ETag.
    func step(_ id: UUID, as agent: Principal, _ json: String) async throws -> RawResponse {
        let current = try await call("GET", "\(base)/cases/\(id.uuidString.lowercased())", as: agent)
        let etag = current.header("etag") ?? "\"0\""
        return try await call("POST", "\(base)/cases/\(id.uuidString.lowercased())/events", as: agent, json: json, headers: ["If-Match": etag])
    }

    /// Runs statements as the owner role with the tenant set (to move a complaint back in time).
    func asOwner(_ queries: [PostgresQuery]) async throws {
        let owner = TestDatabase.pool(url: TestDatabase.ownerURL)
        do {
            _ = try await owner.transaction(queries, tenant: tenant.id)
        } catch {
            await owner.shutdown()
            throw error
        }
        await owner.shutdown()
    }

    /// One value from the database as the runtime role, with the tenant set.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await stack.complaints.runtime.database.query(query, tenant: tenant.id).single(Int.self)
    }
}

/// JSON helpers for tests.
extension RawResponse {
    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:] }
    /// Whether member `name` of the body is absent or null.
    func isAbsent(_ name: String) -> Bool {
        guard let value = object[name] else { return true }
        return value is NSNull
    }

    /// The body as a JSON array.
    var array: [Any] { (try? JSONSerialization.jsonObject(with: Data(body)) as? [Any]) ?? [] }
    /// The problem's code, if the body is a problem.
    var problemCode: String? { object["code"] as? String }
}
