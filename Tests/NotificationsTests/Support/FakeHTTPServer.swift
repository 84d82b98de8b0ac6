import Foundation
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetTestSupport
import Synchronization

/// An HTTP server of the kit for tests, standing for an SMS provider, a webhook endpoint or the
/// gateway: every request is recorded, and each route answers what the test says.
final class FakeHTTPServer: Sendable {
    /// A request as received.
    struct Received: Sendable {
        let method: HTTPMethod
        let path: String
        let headers: HTTPHeaders
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:] }
    }

    final class Log: Sendable {
        let items = Mutex<[Received]>([])
    }

    let server: HTTPServer
    let port: UInt16
    private let log = Log()

    /// A server answering `handler` for every method and path under `/`.
    init(_ handler: @escaping @Sendable (Received, Int) async -> HTTPResponse) async throws {
        let routes = Routes()
        let log = self.log
        for method in [HTTPMethod.get, .post, .put, .delete] {
            routes.on(method, "/**", options: RouteOptions(access: .anyone)) { request, _ in
                let received = Received(method: request.method, path: String(request.head.target), headers: request.headers, body: request.body)
                let count = log.items.withLock { items in
                    items.append(received)
                    return items.filter { $0.path == received.path }.count
                }
                return await handler(received, count)
            }
        }
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), routes: routes, group: TestDatabase.group,
            logger: TestDatabase.logger)
        port = try await server.start().port
    }

    /// The requests received so far.
    var requests: [Received] { log.items.withLock { $0 } }

    /// The requests received on `path`.
    func requests(to path: String) -> [Received] { requests.filter { $0.path == path } }

    func stop() async {
        await server.drain()
    }

    /// A response with `status`, optional headers and JSON body.
    static func answer(_ status: Int, json: String? = nil, headers: [(String, String)] = []) -> HTTPResponse {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.add(name, value) }
        if json != nil { fields.add("Content-Type", "application/json") }
        return HTTPResponse(status: HTTPStatus(code: status), headers: fields, body: Array((json ?? "").utf8))
    }
}
