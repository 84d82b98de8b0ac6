import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetIO
import Synchronization

/// Access tokens for a service calling another, through OAuth 2.0 client credentials (RFC 6749
/// section 4.4) at the gateway's token endpoint: `POST /v1/auth/token` with
/// `grant_type=client_credentials`, the client's id and secret (form body), and optionally a scope.
/// A token is kept until shortly before it expires; concurrent callers share one refresh.
public final class ClientCredentials: Sendable {
    /// Where to ask and who asks.
    public struct Configuration: Sendable {
        /// The gateway.
        public var gateway: Upstream
        /// The token endpoint's path.
        public var tokenPath: String
        /// The client's id.
        public var clientID: String
        /// The client's secret.
        public var clientSecret: Secret<String>
        /// The scopes asked for (space-separated), if any.
        public var scope: String?
        /// A token is renewed this long before it expires.
        public var refreshMargin: Duration
        /// Time allowed for the token request.
        public var timeout: Duration

        /// Settings for client `clientID` at `gateway`.
        public init(
            gateway: Upstream, clientID: String, clientSecret: Secret<String>, scope: String? = nil, tokenPath: String = "/v1/auth/token",
            refreshMargin: Duration = .seconds(30), timeout: Duration = .seconds(5)
        ) {
            self.gateway = gateway
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scope = scope
            self.tokenPath = tokenPath
            self.refreshMargin = refreshMargin
            self.timeout = timeout
        }
    }

    private struct Cached: Sendable {
        let token: String
        let renewAt: ContinuousClock.Instant
    }

    private struct Answer: Decodable {
        let accessToken: String
        let tokenType: String
        let expiresIn: Int?
    }

    /// The settings in force.
    public let configuration: Configuration
    private let client: HTTPClient
    private let state = Mutex<(cached: Cached?, refresh: Task<Result<Cached, ServiceCallError>, Never>?)>((nil, nil))

    /// Tokens for `configuration`'s client, asked through `client`.
    public init(configuration: Configuration, client: HTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    /// A valid access token (cached, or fetched now).
    public func token() async throws(ServiceCallError) -> String {
        let now = ContinuousClock.now
        let task = state.withLock { state -> Task<Result<Cached, ServiceCallError>, Never>? in
            if let cached = state.cached, cached.renewAt > now { return nil }
            if let refresh = state.refresh { return refresh }
            let refresh = Task { await self.fetch() }
            state.refresh = refresh
            return refresh
        }
        guard let task else {
            if let token = state.withLock({ $0.cached?.token }) { return token }
            return try await self.token()
        }
        let result = await task.value
        state.withLock { state in
            if case .success(let cached) = result { state.cached = cached }
            state.refresh = nil
        }
        return try result.get().token
    }

    /// Forgets the cached token (after a 401 from the service called).
    public func invalidate() {
        state.withLock { $0.cached = nil }
    }

    private func fetch() async -> Result<Cached, ServiceCallError> {
        var form = "grant_type=client_credentials&client_id=\(Self.formEncode(configuration.clientID))"
        form += "&client_secret=\(Self.formEncode(configuration.clientSecret.value))"
        if let scope = configuration.scope { form += "&scope=\(Self.formEncode(scope))" }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        headers.add("Accept", "application/json")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(
                .post, configuration.tokenPath, headers: headers, body: Array(form.utf8), to: configuration.gateway, timeout: configuration.timeout)
        } catch {
            return .failure(.transport("token request: \(error)"))
        }
        guard response.status.code == 200 else {
            return .failure(.credentialsRefused(status: response.status.code, detail: String(decoding: response.body.prefix(200), as: UTF8.self)))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let answer = try? decoder.decode(Answer.self, from: Data(response.body)), answer.tokenType.lowercased() == "bearer",
            !answer.accessToken.isEmpty
        else {
            return .failure(.credentialsRefused(status: 200, detail: "not an RFC 6749 token answer"))
        }
        let lifetime = Duration.seconds(max(0, answer.expiresIn ?? 60))
        return .success(Cached(token: answer.accessToken, renewAt: .now + max(.zero, lifetime - configuration.refreshMargin)))
    }

    /// `application/x-www-form-urlencoded` encoding of one value.
    static func formEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
