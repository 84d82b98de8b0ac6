import Foundation
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@testable import Mail

/// The mail service started in the test process on the test database, called directly with
/// context tokens as the gateway would, through the real HTTP stack.
final class MailHarness: Sendable {
    let service: RunningService
    let clock: (any WallClock)?
    let storageDirectory: String
    let keysDirectory: String
    let client: HTTPClient

    /// One service on the system clock for the tests of a process.
    static let shared = Task { try await MailHarness() }

    /// The runtime role's pool of the tests (direct reads).
    /// (Tenants are provisioned one at a time: tests running in parallel wait their turn.)
    static let database = TestDatabase.pool { $0.poolSize = 6; $0.poolTimeout = .seconds(180) }
    /// One connection for onboarding tenants: the mail tests queue here, in the process, rather than
    /// in front of the other suites on the database's provisioning lock.
    static let onboarding = TestDatabase.pool { $0.poolSize = 1; $0.poolTimeout = .seconds(600) }
    /// A superuser: bypasses row-level security, the only way to tamper with audit rows.
    static let superuser = TestDatabase.pool(url: TestDatabase.adminURL) { $0.poolTimeout = .seconds(180) }

    /// The test process's context key, published once.
    static let published = Task { try await TestContextTokens.publish(in: database) }

    init(clock: (any WallClock)? = nil, environment: [String: String] = [:], poolSize: Int = 6, poolTimeout: Duration = .seconds(30))
        async throws
    {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-mail-\(getpid())-\(UUID().uuidString.prefix(8))")
        storageDirectory = base.appendingPathComponent("documents").path
        keysDirectory = base.appendingPathComponent("keys").path
        self.clock = clock
        var variables = [
            "MAIL_STORAGE_DIR": storageDirectory, "GUICHET_KEYS_DIR": keysDirectory, "MAIL_JOBS_INTERVAL_MS": "0",
        ]
        variables.merge(environment) { _, given in given }
        service = try await RunningService.start(
            Mail.makeDefinition(clock: clock ?? SystemWallClock()),
            configuration: TestDatabase.configuration(poolSize: poolSize, poolTimeout: poolTimeout),
            environment: Environment(variables), logger: TestDatabase.logger, group: TestDatabase.group)
        client = HTTPClient(group: TestDatabase.group, configuration: HTTPClient.Configuration(requestTimeout: .seconds(60)))
        // After the first migrations (platform.signing_keys); the service loads unknown keys on demand.
        try await Self.published.value
    }

    func stop() async {
        await client.shutdown()
        await service.stop()
    }

    var port: UInt16 { service.address.port }

    // MARK: Tenants and principals

    /// A tenant of its own for a test, with the standard document types.
    func makeTenant(timeZone: String = "Africa/Casablanca") async throws -> Tenant {
        let tenant = try await TestDatabase.makeTenant(in: Self.onboarding, timeZone: timeZone)
        let admin = TestContextTokens.tenantAdministrator(of: tenant.id)
        for type in Self.documentTypes {
            let response = try await call("POST", "/v1/\(tenant.slug)/mail/document-types", as: admin, in: tenant, json: type)
            guard response.status == 201 else { throw HarnessError("document type: \(response.status) \(response.text)") }
        }
        return tenant
    }

    static let documentTypes = [
        #"{"code":"demande_information","name":{"fr":"Demande d'information","ar":"طلب معلومات","en":"Information request"},"requires_reply":true,"deadline_working_days":20,"urgent_deadline_working_days":3,"retention":{"months":60,"final_action":"destroy_after_approval"}}"#,
        #"{"code":"invitation","name":{"fr":"Invitation"},"requires_reply":false,"deadline_working_days":null,"urgent_deadline_working_days":null,"retention":{"months":0,"final_action":"destroy_after_approval"}}"#,
        #"{"code":"arrete","name":{"fr":"Arrêté"},"requires_reply":false,"retention":{"months":360,"final_action":"archive"},"directions":["outgoing"]}"#,
        #"{"code":"reponse","name":{"fr":"Réponse"},"requires_reply":false,"deadline_working_days":null,"retention":{"months":60,"final_action":"destroy_after_approval"},"directions":["outgoing","internal"]}"#,
    ]

    static func registrar(_ tenant: Tenant, units: Set<UUID> = [], subject: String? = nil) -> Principal {
        TestContextTokens.agent(of: tenant.id, roles: [Roles.mailRegistrar], units: units, subject: subject)
    }

    static func processor(_ tenant: Tenant, units: Set<UUID>, subject: String? = nil) -> Principal {
        TestContextTokens.agent(of: tenant.id, roles: [Roles.mailProcessor], units: units, subject: subject)
    }

    static func supervisor(_ tenant: Tenant, units: Set<UUID> = [], subject: String? = nil) -> Principal {
        TestContextTokens.agent(of: tenant.id, roles: [Roles.mailSupervisor], units: units, subject: subject)
    }

    // MARK: Requests

    /// Sends a request with a context token for `principal` in `tenant`.
    func call(
        _ method: String, _ path: String, as principal: Principal?, in tenant: Tenant, json: String? = nil, body: [UInt8]? = nil,
        headers: [String: String] = [:], port: UInt16? = nil
    ) async throws -> TestResponse {
        var fields = HTTPHeaders()
        if let principal {
            fields.add(ContextTokenMiddleware.headerName, try TestContextTokens.token(for: principal, in: tenant.reference))
        }
        if json != nil { fields.add("Content-Type", "application/json") }
        for (name, value) in headers { fields.replaceOrAdd(name, value) }
        let bytes = body ?? json.map { Array($0.utf8) } ?? []
        do {
            let response = try await client.execute(
                HTTPMethod(name: method), path, headers: fields, body: bytes, to: Upstream(host: "127.0.0.1", port: port ?? self.port))
            return TestResponse(status: Int(response.status.code), headers: response.headers, body: response.body)
        } catch {
            throw HarnessError("\(method) \(path): \(error)")
        }
    }

    /// Registers incoming mail and returns the answer's JSON (fails the test unless 201).
    func register(
        in tenant: Tenant, as principal: Principal? = nil, subject: String = "Demande de copie du dossier",
        direction: String = "incoming", type: String = "demande_information", extra: String = "", port: UInt16? = nil
    ) async throws -> JSONValue {
        let correspondent = direction == "internal" ? "" : #","correspondent":{"name":"Mohamed El Alami","email":"m.alami@example.ma"}"#
        let response = try await call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: principal ?? Self.registrar(tenant), in: tenant,
            json: #"{"direction":"\#(direction)","subject":"\#(subject)","document_type":"\#(type)"\#(correspondent)\#(extra)}"#,
            port: port)
        guard response.status == 201 else { throw HarnessError("registration: \(response.status) \(response.text)") }
        return try response.json()
    }
}

/// A response as a test reads it.
struct TestResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(body))
    }

    func header(_ name: String) -> String? { headers[name] }

    /// The problem's `code`, if the body is a problem.
    var code: String? { (try? json())?["code"]?.stringValue }

    /// The fields of the problem's errors.
    var errorFields: [String] {
        ((try? json())?["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// The UUID in a string member.
    var uuidValue: UUID? { stringValue.flatMap(UUID.init(uuidString:)) }
    /// The integer in a number member.
    var intValue: Int? { numberValue.map { Int($0) } }
}
