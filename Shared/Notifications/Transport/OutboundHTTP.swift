import GuichetCore
import GuichetHTTP
import GuichetIO

/// HTTP/1.1 calls to URLs outside Guichet (webhook endpoints, an SMS provider over HTTPS): one
/// request per connection, `http://` or `https://` (OpenSSL, certificates verified by default),
/// the name resolved once and every address checked by an ``AddressPolicy`` before connecting,
/// redirects never followed (a 3xx is returned as it is), one deadline for the whole call. The
/// conversation blocks, so it runs on a dispatch queue, never on an event loop or the
/// cooperative pool.
public final class OutboundHTTP: Sendable {
    /// Timeouts, limits and TLS.
    public struct Configuration: Sendable {
        /// Time allowed to connect (and for TLS's handshake).
        public var connectTimeout: Duration
        /// Time allowed for the whole call, from resolving the name to the response's last byte.
        public var timeout: Duration
        /// The most response body bytes kept (the rest is read and dropped, up to 1 MiB).
        public var maximumResponseBytes: Int
        /// Whether servers' certificates and names are verified.
        public var verifyCertificate: Bool
        /// A PEM file of authorities to trust instead of the system's.
        public var trustedCertificatesFile: String?

        /// The defaults: 5 s to connect, 15 s in all, 64 KiB of answer kept, certificates verified.
        public init(
            connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(15), maximumResponseBytes: Int = 65_536,
            verifyCertificate: Bool = true, trustedCertificatesFile: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maximumResponseBytes = maximumResponseBytes
            self.verifyCertificate = verifyCertificate
            self.trustedCertificatesFile = trustedCertificatesFile
        }
    }

    /// A response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The header fields.
        public var headers: HTTPHeaders
        /// The body (at most `maximumResponseBytes`).
        public var body: [UInt8]
    }

    /// The settings in force.
    public let configuration: Configuration
    private let tls: TLSContext

    /// A client; throws when the authorities file cannot be loaded.
    public init(configuration: Configuration = Configuration()) throws(TransportError) {
        self.configuration = configuration
        tls = try TLSContext(verifyPeer: configuration.verifyCertificate, trustedCertificatesFile: configuration.trustedCertificatesFile)
    }

    /// Sends `method` to `url` with `headers` and `body` (framing headers are the client's own),
    /// reaching only addresses `policy` allows.
    public func send(
        _ method: HTTPMethod, to url: OutboundURL, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        policy: AddressPolicy = .publicOnly
    ) async throws(TransportError) -> Response {
        try await BlockingWork.run { () throws(TransportError) -> Response in
            try self.sendBlocking(method, to: url, headers: headers, body: body, policy: policy)
        }
    }

    /// The same, on the calling thread (which it blocks).
    func sendBlocking(
        _ method: HTTPMethod, to url: OutboundURL, headers: HTTPHeaders, body: [UInt8], policy: AddressPolicy
    ) throws(TransportError) -> Response {
        let deadline = Deadline.after(configuration.timeout)
        let resolved: [SocketAddress]
        do {
            resolved = try SocketAddress.resolve(url.host, port: url.port)
        } catch {
            throw .connectFailed("cannot resolve \(url.host)")
        }
        let allowed = resolved.filter(policy.allows)
        guard !allowed.isEmpty else {
            throw .addressNotAllowed("\(url.host) resolves to \(resolved.map(\.hostDescription).joined(separator: ", "))")
        }
        let stream = try NetworkStream.connect(to: allowed, deadline: min(deadline, .after(configuration.connectTimeout)))
        defer { stream.close() }
        if url.isSecure {
            try stream.startTLS(tls, serverName: url.host, deadline: min(deadline, .after(configuration.connectTimeout)))
        }
        var head = HTTPRequestHead(method: method, target: url.target, headers: headers, keepAlive: false, contentLength: body.count)
        head.headers.replaceOrAdd("Host", url.hostHeader)
        var request: [UInt8] = []
        head.write(into: &request)
        request += body
        try stream.write(request, deadline: deadline)
        return try readResponse(from: stream, expectsBody: method != .head, deadline: deadline)
    }

    private func readResponse(from stream: NetworkStream, expectsBody: Bool, deadline: Deadline) throws(TransportError) -> Response {
        let parser = HTTPParser(mode: .response, limits: HTTPParser.Limits(maxHeaderBytes: 32_768, maxHeaderCount: 100, defaultBodyLimit: 1 << 20))
        if !expectsBody { parser.expectNoBody() }
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        var finished = false
        while !finished {
            let chunk = try stream.readSome(deadline: deadline)
            if chunk.isEmpty {
                do {
                    if try parser.finish() != nil { finished = true; break }
                } catch {
                    throw head == nil ? .closed : .io("response cut short")
                }
                if head == nil { throw .closed }
                break
            }
            var rest = Array(chunk)[...]
            while !finished {
                let step: HTTPParser.Step
                do {
                    step = try rest.withUnsafeBytes { try parser.feed($0) }
                } catch {
                    throw .io("malformed response: \(error)")
                }
                guard let event = step.event else { break }
                switch event {
                case .responseHead(let parsed): head = parsed
                case .body(let range):
                    let room = configuration.maximumResponseBytes - body.count
                    if room > 0 { body += rest[(rest.startIndex + range.lowerBound)..<(rest.startIndex + min(range.upperBound, range.lowerBound + room))] }
                case .end: finished = true
                case .requestHead: throw .io("a request where a response was expected")
                }
                rest = rest[(rest.startIndex + step.consumed)...]
            }
        }
        guard let head else { throw .closed }
        return Response(status: head.status.code, headers: head.headers, body: body)
    }
}
