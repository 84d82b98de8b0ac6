import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetIO
import GuichetPlatform
import Synchronization

/// Serves `/v1/openapi.json`: the gateway's document merged with the services' (fetched from their
/// `/openapi.json` and remembered for a minute). A service that cannot be reached is left out
/// until it answers again.
final class PublicDocument: Sendable {
    let base: JSONValue
    private let client: HTTPClient
    private let upstreams: [String: Upstream]
    private let cached = Mutex<(bytes: [UInt8], at: Deadline, complete: Bool)?>(nil)

    init(base: JSONValue, client: HTTPClient, upstreams: [String: Upstream]) {
        self.base = base
        self.client = client
        self.upstreams = upstreams
    }

    func handle(_ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        if let cached = cached.withLock({ $0 }), Deadline.now() - cached.at < (cached.complete ? .seconds(60) : .seconds(2)) {
            return .json(bytes: cached.bytes)
        }
        var documents: [JSONValue] = []
        for name in upstreams.keys.sorted() {
            guard let upstream = upstreams[name],
                let response = try? await client.execute(.get, "/openapi.json", to: upstream, timeout: .seconds(2)),
                response.status == .ok,
                let document = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body))
            else { continue }
            documents.append(document)
        }
        let bytes = OpenAPIMerger.merge(base, with: documents) { $0.hasPrefix("/v1/") }.encodedJSON
        let complete = documents.count == upstreams.count
        cached.withLock { $0 = (bytes, .now(), complete) }
        return .json(bytes: bytes)
    }
}
