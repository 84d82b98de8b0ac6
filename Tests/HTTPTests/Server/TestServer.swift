import GuichetCore
import GuichetHTTP
import GuichetIO
import Synchronization

/// A server on a free port with a few routes that exercise the kit, for the server tests.
struct TestServer {
    let group: EventLoopGroup
    let server: HTTPServer
    let port: UInt16
    /// Holds `/gated` requests until opened.
    let gate: Gate

    struct Greeting: Codable, Sendable {
        var name: String
        var count: Int
        var tags: [String]?
    }

    static func start(configuration: HTTPServer.Configuration = HTTPServer.Configuration(port: 0)) async throws -> TestServer {
        let group = try EventLoopGroup(loopCount: 2)
        let routes = Routes()
        let anyone = RouteOptions(access: .anyone)
        let gate = Gate()
        routes.get("/plain", options: anyone) { _, _ in .text("bonjour") }
        routes.get("/items/:id", options: anyone) { _, context in
            .text("item \(try context.parameter("id"))")
        }
        routes.post("/greetings", options: RouteOptions(access: .anyone, bodyLimit: 1024)) { request, context in
            let greeting = try context.decode(Greeting.self, from: request)
            return try .json(greeting, status: .created)
        }
        routes.get("/slow", options: anyone) { _, _ in
            try await Task.sleep(for: .milliseconds(300))
            return .text("slow")
        }
        routes.get("/loop", options: anyone) { _, context in
            .text(context.loop.inEventLoop ? "on loop" : "off loop")
        }
        routes.get("/boom", options: anyone) { _, _ in
            struct Secret: Error {}
            throw Secret()
        }
        routes.get("/gated", options: anyone) { _, _ in
            await gate.wait()
            return .text("opened")
        }
        routes.get("/echo-language", options: anyone) { _, context in .text(context.language.rawValue) }
        var configuration = configuration
        configuration.port = 0
        let logger = Logger(configuration: Logger.Configuration(minimumLevel: .error))
        let server = HTTPServer(configuration: configuration, routes: routes, group: group, logger: logger)
        let address = try await server.start()
        return TestServer(group: group, server: server, port: address.port, gate: gate)
    }

    func stop() async {
        await server.drain()
        group.shutdown()
    }
}

/// Holds requests until a test opens it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate opens (returns at once when it is open).
    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Whether a request is waiting.
    var hasWaiters: Bool { state.withLock { !$0.waiting.isEmpty } }

    /// Opens the gate for every waiting and future request.
    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
