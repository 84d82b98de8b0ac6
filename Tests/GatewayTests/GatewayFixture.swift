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

    init(upstreamTimeout: Duration = .seconds(2)) async throws {
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
        gateway = try await RunningService.start(
            Gateway.definition,
            configuration: TestDatabase.configuration(),
            environment: Environment([
                "GUICHET_ADMIN_PASSWORD": Self.password,
                "GUICHET_KEYS_DIR": Self.keysDirectory,
                "GUICHET_SCRYPT_LOG_N": "10",
                "GUICHET_UPSTREAM_TIMEOUT_MS": String(upstreamTimeout.components.seconds * 1000),
                "GUICHET_COMPLAINTS_URL": "http://127.0.0.1:\(upstreamAddress.port)",
                // Nothing listens there: a call would be a 503, so a 404 proves no call was made.
                "GUICHET_APPOINTMENTS_URL": "http://127.0.0.1:9",
                "GUICHET_MAIL_URL": "http://127.0.0.1:9",
                "GUICHET_TENANT_CACHE_TTL_MS": "100",
            ]))
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
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What reached the stand-in service.
final class Recorder: Sendable {
    let heads = Mutex<[HTTPRequestHead]>([])
}
