import Foundation
@testable import Gateway
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPlatform
import GuichetTestSupport
import Synchronization

/// A gateway on a free port in front of a stand-in service that records what reaches it, for
/// tests of the gateway alone (the end-to-end tests put the real services behind it).
final class GatewayFixture: Sendable {
    let gateway: RunningService
    let upstream: HTTPServer
    let upstreamGroup: EventLoopGroup
    let recorder = Recorder()
    static let password = TestDatabase.administratorPassword

    static let keysDirectory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-keys-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// One fixture for the process: starting gateways is slow (migrations, keys).
    static let shared = Task { try await GatewayFixture() }

    /// Codes sent to citizens, as the outbox would receive them.
    let codes = RecordedVerificationCodes()

    /// Limits high enough that the tests, all from 127.0.0.1, never meet them (the rate-limit
    /// tests start a gateway of their own with low ones).
    static let generousLimits: [String: String] = [
        "GUICHET_RATE_LOGIN_PER_ADDRESS": "100000/m", "GUICHET_RATE_SUBMIT_PER_ADDRESS": "100000/m",
        "GUICHET_RATE_READ_PER_ADDRESS": "100000/m", "GUICHET_RATE_LOGIN_PER_PRINCIPAL": "1000/m",
    ]

    /// A gateway whose verification messages go to `codes` or, without `recordsCodes`, where
    /// `GUICHET_VERIFICATION_CODES` and the notification settings in `extra` say; its log goes to
    /// `logSink` when given.
    init(
        upstreamTimeout: Duration = .seconds(2), environment extra: [String: String] = [:], recordsCodes: Bool = true,
        logSink: (any LogSink)? = nil
    ) async throws {
        upstreamGroup = try EventLoopGroup(loopCount: 1)
        let recorder = self.recorder
        let routes = Routes()
        for method in [HTTPMethod.get, .post] {
            routes.on(method, "/v1/:tenant/complaints/**", options: RouteOptions(access: .anyone)) { request, _ in
                recorder.heads.withLock { $0.append(request.head) }
                if request.path.hasSuffix("/slow") { try await Task.sleep(for: .seconds(5)) }
                var headers = HTTPHeaders()
                headers.add("Content-Type", "text/plain")
                headers.add("X-Service", "complaints")
                return HTTPResponse(status: .ok, headers: headers, body: Array("echo \(request.method.name)".utf8) + request.body)
            }
        }
        upstream = HTTPServer(
            configuration: HTTPServer.Configuration(port: 0), routes: routes, group: upstreamGroup, logger: TestDatabase.logger)
        let upstreamAddress = try await upstream.start()
        var variables: [String: String] = [
            "GUICHET_ADMIN_PASSWORD": Self.password,
            "GUICHET_KEYS_DIR": Self.keysDirectory,
            "GUICHET_SCRYPT_LOG_N": "10",
            "GUICHET_UPSTREAM_TIMEOUT_MS": String(upstreamTimeout.components.seconds * 1000),
            "GUICHET_COMPLAINTS_URL": "http://127.0.0.1:\(upstreamAddress.port)",
            // Nothing listens there: a call would be a 503, so a 404 proves no call was made.
            "GUICHET_APPOINTMENTS_URL": "http://127.0.0.1:9",
            "GUICHET_MAIL_URL": "http://127.0.0.1:9",
            "GUICHET_TENANT_CACHE_TTL_MS": "100",
            "GUICHET_REVOCATION_RELOAD_MS": "200",
        ]
        variables.merge(Self.generousLimits) { $1 }
        variables.merge(extra) { $1 }
        gateway = try await RunningService.start(
            recordsCodes ? Gateway.definition(verificationCodes: codes) : Gateway.definition,
            configuration: TestDatabase.configuration(), environment: Environment(variables),
            logger: logSink.map { Logger(configuration: Logger.Configuration(minimumLevel: .debug, sink: $0)) })
    }

    var port: UInt16 { gateway.address.port }

    /// An administrator's access token.
    func administratorToken() async throws -> String {
        let connection = try RawConnection(port: port)
        let body = "grant_type=password&username=admin&password=\(Self.password.replacingOccurrences(of: " ", with: "+"))"
        try connection.send(
            "POST /v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        guard let response = await connection.readResponse(), response.status == 200,
            let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let token = object["access_token"] as? String
        else { throw FixtureError("the administrator could not sign in") }
        return token
    }

    /// Sends one request on a new connection and reads the answer.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil
    ) async throws -> RawResponse {
        let connection = try RawConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: gateway\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        try connection.send(head + "\r\n" + (body ?? ""))
        guard let response = await connection.readResponse() else { throw FixtureError("no answer to \(method) \(path)") }
        return response
    }

    func json(_ response: RawResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    /// Sends JSON, with a bearer token when given.
    func send(_ method: String, _ path: String, json: String? = nil, token: String? = nil, headers: [String: String] = [:]) async throws -> RawResponse {
        var all = headers
        if json != nil { all["Content-Type"] = "application/json" }
        if let token { all["Authorization"] = "Bearer \(token)" }
        return try await request(method, path, headers: all, body: json)
    }

    /// Posts a form to the token endpoint (or another credential endpoint).
    func form(_ fields: [(String, String)], to path: String = "/v1/auth/token", headers: [String: String] = [:]) async throws -> RawResponse {
        let body = fields.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        return try await request(
            "POST", path, headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 }, body: body)
    }

    /// The access token of a password sign-in (and its refresh token), or a FixtureError.
    func signIn(_ username: String, _ password: String, tenant: String? = nil, totp: String? = nil) async throws -> (access: String, refresh: String) {
        var fields = [("grant_type", "password"), ("username", username), ("password", password)]
        if let tenant { fields.append(("tenant", tenant)) }
        if let totp { fields.append(("totp", totp)) }
        let response = try await form(fields)
        let document = try json(response)
        guard response.status == 200, let access = document["access_token"] as? String, let refresh = document["refresh_token"] as? String
        else { throw FixtureError("sign-in of \(username) refused: \(response.status) \(response.text)") }
        return (access, refresh)
    }

    /// A new tenant with its first administrator (`admin` / `adminPassword`) and that
    /// administrator's token.
    func tenantWithAdministrator() async throws -> (slug: String, token: String) {
        let slug = TestDatabase.uniqueSlug("idt")
        let created = try await send(
            "POST", "/v1/platform/tenants",
            json: #"{"slug":"\#(slug)","name":{"fr":"Ministère \#(slug)"},"admin":{"username":"admin","password":"\#(Self.adminPassword)"}}"#,
            token: try await administratorToken())
        guard created.status == 201 else { throw FixtureError("onboarding: \(created.status) \(created.text)") }
        return (slug, try await signIn("admin", Self.adminPassword, tenant: slug).access)
    }

    /// Creates an account in `slug` through the administration API; its id.
    func createAccount(
        in slug: String, token: String, username: String, kind: String = "agent", roles: [String] = [], units: [String] = [],
        password: String = GatewayFixture.agentPassword
    ) async throws -> String {
        let roleList = roles.map { "\"\($0)\"" }.joined(separator: ",")
        let unitList = units.map { "\"\($0)\"" }.joined(separator: ",")
        let created = try await send(
            "POST", "/v1/\(slug)/admin/accounts",
            json: #"{"username":"\#(username)","kind":"\#(kind)","display_name":"Agent \#(username)","password":"\#(password)","roles":[\#(roleList)],"units":[\#(unitList)]}"#,
            token: token)
        guard created.status == 201, let id = try json(created)["id"] as? String else {
            throw FixtureError("account: \(created.status) \(created.text)")
        }
        return id
    }

    static let adminPassword = "tenant admin password"
    static let agentPassword = "agent password 123"

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The verification messages the gateway sent, as the notification outbox would get them.
final class RecordedVerificationCodes: VerificationCodeSender {
    let messages = Mutex<[VerificationMessage]>([])

    func send(_ message: VerificationMessage) async throws {
        messages.withLock { $0.append(message) }
    }

    /// The last code sent to `destination`.
    func code(for destination: VerificationMessage.Destination) -> String? {
        messages.withLock { $0.last { $0.destination == destination && $0.purpose == .signUp }?.code }
    }
}

/// What reached the stand-in service.
final class Recorder: Sendable {
    let heads = Mutex<[HTTPRequestHead]>([])
}
