import GuichetCore
import GuichetHTTP
import GuichetIO
import Synchronization

/// A server on a free port with a few routes that exercise the kit, for the server tests.
struct TestServer {
    let group: EventLoopGroup
    let server: HTTPServer
    let port: UInt16

    struct Greeting: Codable, Sendable {
        var name: String
        var count: Int
        var tags: [String]?
    }

    static func start(configuration: HTTPServer.Configuration = HTTPServer.Configuration(port: 0)) async throws -> TestServer {
        let group = try EventLoopGroup(loopCount: 2)
        let routes = Routes()
        routes.get("/plain") { _, _ in .text("bonjour") }
        routes.get("/items/:id") { _, context in
            .text("item \(try context.parameter("id"))")
        }
        routes.post("/greetings", options: RouteOptions(bodyLimit: 1024)) { request, context in
            let greeting = try context.decode(Greeting.self, from: request)
            return try .json(greeting, status: .created)
        }
        routes.get("/slow") { _, _ in
            try await Task.sleep(for: .milliseconds(300))
            return .text("slow")
        }
        routes.get("/loop") { _, context in
            .text(context.loop.inEventLoop ? "on loop" : "off loop")
        }
        routes.get("/boom") { _, _ in
            struct Secret: Error {}
            throw Secret()
        }
        routes.get("/echo-language") { _, context in .text(context.language.rawValue) }
        var configuration = configuration
        configuration.port = 0
        let logger = Logger(configuration: Logger.Configuration(minimumLevel: .error))
        let server = HTTPServer(configuration: configuration, routes: routes, group: group, logger: logger)
        let address = try await server.start()
        return TestServer(group: group, server: server, port: address.port)
    }

    func stop() async {
        await server.drain()
        group.shutdown()
    }
}
