import Appointments
import Complaints
import Foundation
import Gateway
import GuichetCore
import GuichetIO
import GuichetPlatform
import GuichetTestSupport
import Mail
import Synchronization

/// The whole stack in this process, each service on a free port, the gateway in front: what a
/// client of Guichet meets, through the real HTTP stack and a real PostgreSQL.
final class Stack: Sendable {
    let complaints: RunningService
    let appointments: RunningService
    let mail: RunningService
    let gateway: RunningService
    static let password = TestDatabase.administratorPassword
    /// The password of each tenant's first administrator (`admin`).
    static let tenantAdministratorPassword = "tenant administrator password"
    /// Verification codes sent to citizens.
    let codes = StackVerificationCodes()

    static let keysDirectory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-e2e-keys-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// One stack for the whole test process.
    static let shared = Task { try await Stack() }

    init() async throws {
        let configuration = TestDatabase.configuration()
        complaints = try await RunningService.start(Complaints.definition, configuration: configuration)
        appointments = try await RunningService.start(Appointments.definition, configuration: configuration)
        mail = try await RunningService.start(Mail.definition, configuration: configuration)
        gateway = try await RunningService.start(
            Gateway.definition(verificationCodes: codes), configuration: configuration,
            environment: Self.gatewayEnvironment(
                complaints: complaints.address.port, appointments: appointments.address.port, mail: mail.address.port))
    }

    static func gatewayEnvironment(complaints: UInt16, appointments: UInt16, mail: UInt16) -> Environment {
        Environment([
            "GUICHET_ADMIN_PASSWORD": password,
            "GUICHET_KEYS_DIR": keysDirectory,
            "GUICHET_SCRYPT_LOG_N": "10",
            "GUICHET_UPSTREAM_TIMEOUT_MS": "5000",
            "GUICHET_COMPLAINTS_URL": "http://127.0.0.1:\(complaints)",
            "GUICHET_APPOINTMENTS_URL": "http://127.0.0.1:\(appointments)",
            "GUICHET_MAIL_URL": "http://127.0.0.1:\(mail)",
            // Every test comes from 127.0.0.1: limits the suite never meets (the gateway's own
            // tests and the attack tests use low ones).
            "GUICHET_RATE_LOGIN_PER_ADDRESS": "1000000/m", "GUICHET_RATE_SUBMIT_PER_ADDRESS": "1000000/m",
            "GUICHET_RATE_READ_PER_ADDRESS": "1000000/m", "GUICHET_RATE_READ_PER_PRINCIPAL": "1000000/m",
            "GUICHET_RATE_SUBMIT_PER_PRINCIPAL": "1000000/m", "GUICHET_RATE_LOGIN_PER_PRINCIPAL": "10000/m",
            "GUICHET_REVOCATION_RELOAD_MS": "200",
        ])
    }

    var port: UInt16 { gateway.address.port }

    /// Sends one request to `port` (the gateway by default) on a new connection.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil, port: UInt16? = nil
    ) async throws -> RawResponse {
        let connection = try RawConnection(port: port ?? self.port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: guichet\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        try connection.send(head + "\r\n" + (body ?? ""))
        guard let response = await connection.readResponse() else {
            throw StackError("no answer to \(method) \(path)")
        }
        return response
    }

    /// Posts JSON.
    func post(_ path: String, json: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await request("POST", path, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: json)
    }

    /// The administrator's access token.
    func administratorToken() async throws -> String {
        let response = try await request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&username=admin&password=\(Self.password.replacingOccurrences(of: " ", with: "+"))")
        guard let token = try Self.json(response)["access_token"] as? String else { throw StackError("no token: \(response.text)") }
        return token
    }

    /// Onboards a tenant with a random slug through the API, with its first administrator
    /// (`admin`, `tenantAdministratorPassword`) and a category `roads`.
    func onboardTenant() async throws -> String {
        let token = try await administratorToken()
        let slug = TestDatabase.uniqueSlug("e2e")
        let created = try await post(
            "/v1/platform/tenants",
            json: #"{"slug":"\#(slug)","name":{"fr":"Ministère \#(slug)","ar":"وزارة","en":"Ministry"},"timezone":"Africa/Casablanca","admin":{"username":"admin","password":"\#(Self.tenantAdministratorPassword)"}}"#,
            headers: ["Authorization": "Bearer \(token)"])
        guard created.status == 201 else { throw StackError("onboarding: \(created.status) \(created.text)") }
        let category = try await post(
            "/v1/\(slug)/complaints/categories", json: #"{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"}}"#,
            headers: ["Authorization": "Bearer \(try await tenantAdministratorToken(slug))"])
        guard category.status == 201 else { throw StackError("category: \(category.status) \(category.text)") }
        return slug
    }

    /// The access token of the first administrator of `slug`.
    func tenantAdministratorToken(_ slug: String) async throws -> String {
        try await signIn("admin", Self.tenantAdministratorPassword, tenant: slug)
    }

    /// The access token of a password sign-in (in `tenant` when given).
    func signIn(_ username: String, _ password: String, tenant: String? = nil) async throws -> String {
        var body = "grant_type=password&username=\(Self.formEncode(username))&password=\(Self.formEncode(password))"
        if let tenant { body += "&tenant=\(tenant)" }
        let response = try await request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
        guard let token = try Self.json(response)["access_token"] as? String else {
            throw StackError("sign-in of \(username): \(response.status) \(response.text)")
        }
        return token
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func json(_ response: RawResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }
}

/// The verification messages the gateway sent, as the notification outbox would get them.
final class StackVerificationCodes: VerificationCodeSender {
    let messages = Mutex<[VerificationMessage]>([])

    func send(_ message: VerificationMessage) async throws {
        messages.withLock { $0.append(message) }
    }

    /// The last code sent to `destination`.
    func code(for destination: VerificationMessage.Destination) -> String? {
        messages.withLock { $0.last { $0.destination == destination && $0.purpose == .signUp }?.code }
    }
}

struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
