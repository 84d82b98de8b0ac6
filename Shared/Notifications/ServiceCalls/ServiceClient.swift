import GuichetCore
import GuichetHTTP
import GuichetIO

/// Calls between Guichet's own services, through the gateway, with a client-credentials token
/// (``ClientCredentials``): the kit's `HTTPClient` (keep-alive pools on the event loops), a timeout
/// per attempt, and retries with back-off only for calls that are safe to repeat — GET, HEAD,
/// OPTIONS, PUT and DELETE, or any call carrying an `Idempotency-Key` — after a failure to connect,
/// a timeout, or a 502, 503 or 504. A 401 renews the token once (the call was not processed).
///
/// ```swift
/// let mail = ServiceClient(configuration: .init(gateway: gateway), client: httpClient, credentials: credentials)
/// let response = try await mail.call(.post, "/v1/menfp/mail/incoming", body: json, idempotencyKey: complaintID)
/// ```
public final class ServiceClient: Sendable {
    /// Timeouts and retries.
    public struct Configuration: Sendable {
        /// The gateway (services are called at their public paths).
        public var gateway: Upstream
        /// Time allowed for each attempt.
        public var timeout: Duration
        /// Further attempts for a call safe to repeat.
        public var retries: Int
        /// The wait before the first retry, doubled for each further one (with jitter).
        public var retryDelay: Duration

        /// Settings for calls through `gateway`.
        public init(gateway: Upstream, timeout: Duration = .seconds(5), retries: Int = 2, retryDelay: Duration = .milliseconds(100)) {
            self.gateway = gateway
            self.timeout = timeout
            self.retries = max(0, retries)
            self.retryDelay = retryDelay
        }
    }

    /// The settings in force.
    public let configuration: Configuration
    private let client: HTTPClient
    private let credentials: ClientCredentials

    /// A client calling through `configuration.gateway` with tokens from `credentials`.
    public init(configuration: Configuration, client: HTTPClient, credentials: ClientCredentials) {
        self.configuration = configuration
        self.client = client
        self.credentials = credentials
    }

    /// Whether a call may be sent again after a failure whose effect is unknown.
    public static func isRepeatable(_ method: HTTPMethod, idempotencyKey: String?) -> Bool {
        switch method {
        case .get, .head, .options, .put, .delete: true
        default: idempotencyKey != nil
        }
    }

    /// Calls `method` `path` (with its query) with `body`; the answer whatever its status, except
    /// that a repeatable call answered 502, 503 or 504 is tried again first.
    public func call(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], idempotencyKey: String? = nil,
        requestID: String? = nil
    ) async throws(ServiceCallError) -> HTTPClientResponse {
        let repeatable = Self.isRepeatable(method, idempotencyKey: idempotencyKey)
        var renewedToken = false
        var attempt = 0
        while true {
            attempt += 1
            var request = headers
            request.replaceOrAdd("Authorization", "Bearer \(try await credentials.token())")
            if let idempotencyKey { request.replaceOrAdd("Idempotency-Key", idempotencyKey) }
            if let requestID { request.replaceOrAdd("X-Request-ID", requestID) }
            let outcome: Result<HTTPClientResponse, HTTPClientError>
            do {
                outcome = .success(try await client.execute(
                    method, path, headers: request, body: body, to: configuration.gateway, timeout: configuration.timeout))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let response) where response.status.code == 401 && !renewedToken:
                credentials.invalidate()
                renewedToken = true
                attempt -= 1
                continue
            case .success(let response):
                guard [502, 503, 504].contains(response.status.code), repeatable, attempt <= configuration.retries else { return response }
            case .failure(let error):
                guard repeatable, attempt <= configuration.retries else { throw .transport("\(method.name) \(path): \(error)") }
            }
            try? await Task.sleep(for: backoff(attempt))
        }
    }

    /// The wait after the `attempt`-th failure: the retry delay doubled per attempt, between half
    /// and all of it.
    private func backoff(_ attempt: Int) -> Duration {
        let ceiling = configuration.retryDelay.nanosecondsClamped << min(attempt - 1, 16)
        return .nanoseconds(Int64.random(in: (ceiling / 2)...max(ceiling / 2, ceiling)))
    }
}
