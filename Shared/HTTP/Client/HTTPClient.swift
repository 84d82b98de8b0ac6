import Dispatch
import GuichetIO
import Synchronization

/// An HTTP/1.1 client for calls between Guichet's processes (the gateway to the services, a
/// service to another): keep-alive pools per upstream on each loop, connect and request timeouts,
/// strict response parsing, and one retry on a fresh connection when a reused one turns out to
/// have been closed by the upstream before answering — only for requests safe to repeat.
///
/// ```swift
/// let client = HTTPClient(group: group)
/// let response = try await client.execute(.get, "/healthz", to: Upstream(url: "http://127.0.0.1:8081")!)
/// ```
/// Calls made on one of the group's loops use that loop's connections with no thread hop.
public final class HTTPClient: Sendable {
    /// Timeouts and limits.
    public struct Configuration: Sendable {
        /// Time allowed to open a connection.
        public var connectTimeout: Duration
        /// Time allowed for a complete response, from sending the request.
        public var requestTimeout: Duration
        /// Open connections per upstream on each loop; further calls wait for one.
        public var maxConnectionsPerUpstream: Int
        /// Idle keep-alive connections are closed after this long.
        public var idleTimeout: Duration
        /// The largest response body accepted.
        public var maximumResponseBytes: Int
        /// The largest response head accepted.
        public var maximumHeaderBytes: Int

        /// The defaults.
        public init(
            connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(30),
            maxConnectionsPerUpstream: Int = 256, idleTimeout: Duration = .seconds(30),
            maximumResponseBytes: Int = 16 << 20, maximumHeaderBytes: Int = 32_768
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxConnectionsPerUpstream = maxConnectionsPerUpstream
            self.idleTimeout = idleTimeout
            self.maximumResponseBytes = maximumResponseBytes
            self.maximumHeaderBytes = maximumHeaderBytes
        }
    }

    /// The timeouts and limits in force.
    public let configuration: Configuration
    private let group: EventLoopGroup
    private let pools: [HTTPClientLoopPool]
    private let resolved = Mutex<[Upstream: (addresses: [SocketAddress], at: Deadline)]>([:])

    /// A client whose connections live on `group`'s loops.
    public init(group: EventLoopGroup, configuration: Configuration = Configuration()) {
        self.group = group
        self.configuration = configuration
        pools = group.loops.map { HTTPClientLoopPool(loop: $0, configuration: configuration) }
    }

    /// Sends a request to `upstream` and returns its complete response.
    ///
    /// The request is rebuilt from these fields: `Host` is the upstream's, framing headers
    /// (`Content-Length`, `Transfer-Encoding`, `Connection`) in `headers` are ignored and the body
    /// always goes with a `Content-Length`.
    public func execute(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        to upstream: Upstream, timeout: Duration? = nil
    ) async throws(HTTPClientError) -> HTTPClientResponse {
        guard let loop = EventLoop.current, let index = group.loops.firstIndex(where: { $0 === loop }) else {
            let loop = group.next()
            let result = await Task(executorPreference: loop) { () -> Result<HTTPClientResponse, HTTPClientError> in
                do throws(HTTPClientError) {
                    return .success(try await self.execute(method, target, headers: headers, body: body, to: upstream, timeout: timeout))
                } catch {
                    return .failure(error)
                }
            }.value
            return try result.get()
        }
        var head = HTTPRequestHead(method: method, target: target, headers: headers, keepAlive: true, contentLength: body.count)
        head.headers.replaceOrAdd("Host", upstream.hostHeader)
        let deadline = Deadline.after(timeout ?? configuration.requestTimeout)
        let pool = pools[index]
        let repeatable = Self.isRepeatable(head)
        var attempt = 0
        while true {
            attempt += 1
            let connection = try await connection(to: upstream, pool: pool, loop: loop, deadline: deadline)
            let reused = connection.hasBeenUsed
            do {
                let response = try await connection.send(head, body: body, timeout: deadline - Deadline.now())
                pool.release(connection)
                return response
            } catch .connectionClosed where reused && !connection.receivedResponseBytes && repeatable && attempt == 1 {
                continue
            }
        }
    }

    private func connection(
        to upstream: Upstream, pool: HTTPClientLoopPool, loop: EventLoop, deadline: Deadline
    ) async throws(HTTPClientError) -> HTTPClientConnection {
        if let connection = try await pool.lease(upstream, deadline: deadline) { return connection }
        do throws(HTTPClientError) {
            let addresses = try await addresses(of: upstream)
            var lastError = HTTPClientError.connectFailed("no address for \(upstream.host)")
            for address in addresses {
                do {
                    let remaining = min(configuration.connectTimeout, deadline - Deadline.now())
                    let connection = try await HTTPClientConnection.connect(
                        to: address, upstream: upstream, loop: loop,
                        limits: HTTPParser.Limits(
                            maxHeaderBytes: configuration.maximumHeaderBytes, maxHeaderCount: 200,
                            defaultBodyLimit: configuration.maximumResponseBytes),
                        timeout: remaining)
                    pool.adopt(connection)
                    return connection
                } catch {
                    lastError = error
                }
            }
            throw lastError
        } catch {
            pool.openFailed(upstream)
            forgetAddresses(of: upstream)
            throw error
        }
    }

    /// A request may be sent again when repeating it cannot do anything twice: a safe or
    /// idempotent method, or one carrying an `Idempotency-Key`.
    static func isRepeatable(_ head: HTTPRequestHead) -> Bool {
        switch head.method {
        case .get, .head, .options, .put, .delete: true
        default: head.headers.contains("idempotency-key")
        }
    }

    /// The addresses of `upstream`, resolved off the loops and remembered for a minute.
    private func addresses(of upstream: Upstream) async throws(HTTPClientError) -> [SocketAddress] {
        if let numeric = SocketAddress(numericHost: upstream.host, port: upstream.port) { return [numeric] }
        if let cached = resolved.withLock({ $0[upstream] }), Deadline.now() - cached.at < .seconds(60) {
            return cached.addresses
        }
        // getaddrinfo blocks: run it on a dispatch queue, never on a loop or a cooperative thread.
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[SocketAddress], IOError>, Never>) in
            Self.resolverQueue.async {
                do throws(IOError) {
                    continuation.resume(returning: .success(try SocketAddress.resolve(upstream.host, port: upstream.port)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        switch result {
        case .success(let addresses):
            resolved.withLock { $0[upstream] = (addresses, .now()) }
            return addresses
        case .failure(let error):
            throw .connectFailed(error.description)
        }
    }

    private static let resolverQueue = DispatchQueue(label: "guichet.http-client.resolver")

    private func forgetAddresses(of upstream: Upstream) {
        _ = resolved.withLock { $0.removeValue(forKey: upstream) }
    }

    /// Closes every idle connection (calls in flight finish on theirs).
    public func shutdown() async {
        for (loop, pool) in zip(group.loops, pools) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                loop.execute {
                    pool.closeAll()
                    continuation.resume()
                }
            }
        }
    }
}
