import Foundation
import Gateway
import Glibc
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPlatform
import GuichetTestSupport
import Synchronization

/// The stack of the notification tests: the real `complaints` executable (the one the test build
/// made, `.build/debug/complaints`) run as a child process that a test can kill with SIGKILL and
/// start again, a gateway in this process in front of it, a real SMTP server (aiosmtpd), and an
/// HTTP server of the kit receiving webhooks.
///
/// The shared `Stack`'s complaints service delivers nothing while these tests run (its dispatcher
/// is stopped): with its default settings (https webhooks on public addresses only) it would
/// otherwise claim and refuse the deliveries to this test's local receiver. Every complaints
/// process shares one outbox, as replicas do.
final class NotificationsStack: Sendable {
    let sink: SMTPSink
    let complaintsPort: UInt16
    let gateway: RunningService
    let receiver: WebhookReceiver
    private let child: Mutex<ChildProcess?>
    private let logPath: String

    /// Where the child's environment comes from.
    let environment: [String: String]

    init(holdFirstMessageTo recipient: String?) async throws {
        let stack = try await Stack.shared.value
        await stack.complaints.outboxDispatcher?.stop()
        sink = try await SMTPSink(holdFirstMessageTo: recipient)
        receiver = try await WebhookReceiver()
        complaintsPort = try Self.freePort()
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("complaints-child-\(UUID().uuidString.prefix(8)).log").path
        environment = [
            "DATABASE_URL": TestDatabase.url, "DATABASE_OWNER_URL": TestDatabase.ownerURL,
            "GUICHET_PORT": String(complaintsPort), "GUICHET_EVENT_LOOPS": "1", "DATABASE_POOL_SIZE": "4",
            "DATABASE_POOL_TIMEOUT_MS": "60000",
            "GUICHET_LOG_LEVEL": "info", "GUICHET_DRAIN_TIMEOUT_MS": "2000",
            "GUICHET_SMTP_HOST": "127.0.0.1", "GUICHET_SMTP_PORT": String(sink.port), "GUICHET_SMTP_SECURITY": "none",
            "GUICHET_SMTP_TIMEOUT_MS": "5000", "GUICHET_MAIL_FROM": "noreply@guichet.test", "GUICHET_MAIL_FROM_NAME": "Guichet",
            // Claims last 12 s (longer than a delivery's 5 s + 5 s): after a SIGKILL the message is due again then.
            "GUICHET_OUTBOX_POLL_MS": "100", "GUICHET_OUTBOX_LEASE_MS": "12000", "GUICHET_OUTBOX_RETRY_INITIAL_MS": "200",
            "GUICHET_WEBHOOK_ALLOW_HTTP": "true", "GUICHET_WEBHOOK_PRIVATE_NETWORKS": "*", "GUICHET_WEBHOOK_TIMEOUT_MS": "3000",
        ]
        child = Mutex(nil)
        gateway = try await RunningService.start(
            Gateway.definition, configuration: TestDatabase.configuration(),
            environment: Stack.gatewayEnvironment(complaints: complaintsPort, appointments: 1, mail: 1))
        try await startComplaints()
    }

    /// Starts the complaints executable and waits until it is ready.
    func startComplaints() async throws {
        let executable = "\(TestDatabase.repositoryRoot)/.build/debug/complaints"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StackError("\(executable) is missing: build with `swift build --build-tests` (make test does)")
        }
        let process = try ChildProcess([executable], environment: environment, outputPath: logPath)
        child.withLock { $0 = process }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if await process.waitForExit(timeout: .zero) != nil { throw StackError("complaints exited: \(process.output.suffix(2000))") }
            if let ready = try? await request("GET", "/readyz", port: complaintsPort), ready.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StackError("complaints did not become ready: \(process.output.suffix(2000))")
    }

    /// Kills the complaints process as a crash would (SIGKILL), and reaps it.
    func killComplaints() async {
        guard let process = child.withLock({ $0 }) else { return }
        process.kill(SIGKILL)
        _ = await process.waitForExit()
    }

    /// Stops everything this stack started.
    func stop() async {
        await gateway.stop()
        if let process = child.withLock({ $0 }) { await process.stop() }
        await receiver.stop()
        await sink.stop()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// The complaints process's output so far (for failure messages).
    var complaintsLog: String { child.withLock { $0 }?.output ?? "" }

    /// Sends one request to `port` (the gateway by default) on a new connection.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil, port: UInt16? = nil) async throws -> RawResponse {
        let connection = try RawConnection(port: port ?? gateway.address.port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: guichet\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" } else if method == "POST" { head += "Content-Length: 0\r\n" }
        try connection.send(head + "\r\n" + (body ?? ""))
        guard let response = await connection.readResponse() else { throw StackError("no answer to \(method) \(path)") }
        return response
    }

    /// Posts JSON through the gateway.
    func post(_ path: String, json: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await request("POST", path, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: json)
    }

    /// The platform administrator's access token.
    func administratorToken() async throws -> String {
        let response = try await request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&username=admin&password=\(Stack.password.replacingOccurrences(of: " ", with: "+"))")
        guard let token = try Stack.json(response)["access_token"] as? String else { throw StackError("no token: \(response.text)") }
        return token
    }

    /// Onboards a tenant with its first administrator, who makes a category `roads`; returns the
    /// tenant's slug and that administrator's access token (the platform's sees nothing inside).
    func onboardTenant() async throws -> (slug: String, token: String) {
        let slug = TestDatabase.uniqueSlug("notif")
        let created = try await post(
            "/v1/platform/tenants",
            json: #"{"slug":"\#(slug)","name":{"fr":"Ministère \#(slug)","ar":"وزارة","en":"Ministry"},"admin":{"username":"admin","password":"\#(Stack.tenantAdministratorPassword)"}}"#,
            headers: ["Authorization": "Bearer \(try await administratorToken())"])
        guard created.status == 201 else { throw StackError("onboarding: \(created.status) \(created.text)") }
        let signedIn = try await request(
            "POST", "/v1/auth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=password&tenant=\(slug)&username=admin&password=\(Stack.formEncode(Stack.tenantAdministratorPassword))")
        guard let token = try Stack.json(signedIn)["access_token"] as? String else { throw StackError("no token: \(signedIn.text)") }
        let category = try await post(
            "/v1/\(slug)/complaints/categories", json: #"{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"}}"#,
            headers: ["Authorization": "Bearer \(token)"])
        guard category.status == 201 else { throw StackError("category: \(category.status) \(category.text)") }
        return (slug, token)
    }

    static func freePort() throws -> UInt16 {
        let socket = try Socket.listen(on: SocketAddress(numericHost: "127.0.0.1", port: 0)!, reusePort: false)
        defer { socket.close() }
        return try socket.localAddress().port
    }
}

/// An HTTP server of the kit that records every request it receives (webhook deliveries).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: [UInt8]
    }

    /// The deliveries received, behind a lock (handlers run on the server's loops).
    final class Log: Sendable {
        let items = Mutex<[Delivery]>([])
    }

    let server: HTTPServer
    let port: UInt16
    private let received = Log()

    init() async throws {
        let routes = Routes()
        let received = self.received
        routes.post("/hooks/:name", options: RouteOptions(access: .anyone)) { request, _ in
            received.items.withLock { $0.append(Delivery(path: String(request.path), headers: request.headers, body: request.body)) }
            return .empty()
        }
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), routes: routes, group: TestDatabase.group,
            logger: TestDatabase.logger)
        port = try await server.start().port
    }

    var deliveries: [Delivery] { received.items.withLock { $0 } }

    /// Waits until `count` deliveries arrived (or `timeout`, a safety net).
    func waitForDeliveries(_ count: Int, timeout: Duration = .seconds(60)) async -> [Delivery] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let deliveries = self.deliveries
            if deliveries.count >= count { return deliveries }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return deliveries
    }

    func stop() async {
        await server.drain()
    }
}
