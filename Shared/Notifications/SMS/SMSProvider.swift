import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetHTTP
import GuichetIO

/// An SMS gateway reached through its HTTP API: one JSON `POST` per message.
///
/// ```
/// POST <url>                     Authorization: Bearer <token> (or Basic <user:password>)
/// Content-Type: application/json  Idempotency-Key: <outbox message id>
/// {"from": "GUICHET", "to": "+212612345678", "text": "…", "reference": "<outbox message id>",
///  "encoding": "gsm7" | "ucs2", "segments": 1}
/// ```
/// A 2xx answer means accepted (an `id` member in its JSON body is kept as the provider's
/// reference). 408, 425, 429 and 5xx answers, timeouts and dropped connections are retried
/// (`Retry-After` respected); other answers are refusals. `http://` URLs go through the kit's
/// `HTTPClient` (keep-alive pools on the event loops); `https://` ones through ``OutboundHTTP``
/// (OpenSSL, certificates verified) on a dispatch queue.
public final class SMSProvider: Sendable {
    /// How to reach the provider and what it accepts.
    public struct Configuration: Sendable {
        /// The provider's endpoint, `http://` or `https://` (`GUICHET_SMS_URL`).
        public var url: OutboundURL
        /// A bearer token (`GUICHET_SMS_TOKEN`), or…
        public var token: Secret<String>?
        /// …a username and password for Basic authentication (`GUICHET_SMS_USERNAME`, `GUICHET_SMS_PASSWORD`).
        public var basic: (username: String, password: Secret<String>)?
        /// The sender id shown on phones (`GUICHET_SMS_SENDER`).
        public var sender: String
        /// The most parts one message may take (`GUICHET_SMS_MAX_SEGMENTS`); longer texts are refused.
        public var maximumSegments: Int
        /// Time allowed for the whole call (`GUICHET_SMS_TIMEOUT_MS`).
        public var timeout: Duration
        /// Whether an `https://` provider's certificate is verified.
        public var verifyCertificate: Bool

        /// Settings for the provider at `url`.
        public init(
            url: OutboundURL, sender: String, token: Secret<String>? = nil, basic: (username: String, password: Secret<String>)? = nil,
            maximumSegments: Int = 4, timeout: Duration = .seconds(10), verifyCertificate: Bool = true
        ) {
            self.url = url
            self.sender = sender
            self.token = token
            self.basic = basic
            self.maximumSegments = max(1, maximumSegments)
            self.timeout = timeout
            self.verifyCertificate = verifyCertificate
        }
    }

    /// How a send ended.
    public enum Outcome: Sendable, Hashable {
        /// Accepted, with the provider's reference if it gave one.
        case accepted(reference: String?, status: Int)
        /// Worth trying again (no earlier than `retryAfter`, when given).
        case failed(String, status: Int?, retryAfter: Duration?)
        /// Refused for good.
        case refused(String, status: Int?)
    }

    /// The settings in force.
    public let configuration: Configuration
    private let plain: (client: HTTPClient, upstream: Upstream)?
    private let secure: OutboundHTTP?

    /// A provider; `http://` URLs use `client`.
    public init(configuration: Configuration, client: HTTPClient) throws(TransportError) {
        self.configuration = configuration
        if configuration.url.isSecure {
            plain = nil
            secure = try OutboundHTTP(configuration: .init(timeout: configuration.timeout, verifyCertificate: configuration.verifyCertificate))
        } else {
            plain = (client, Upstream(host: configuration.url.host, port: configuration.url.port))
            secure = nil
        }
    }

    /// The body sent for one message.
    struct Request: Encodable {
        let from: String
        let to: String
        let text: String
        let reference: String
        let encoding: String
        let segments: Int
    }

    /// Sends `text` to `phone` (E.164), tagged with `reference` (also its `Idempotency-Key`).
    public func send(_ text: String, to phone: PhoneNumber, reference: String) async -> Outcome {
        let analysis = SMSText(text)
        guard !text.isEmpty else { return .refused("empty text", status: nil) }
        guard analysis.segments <= configuration.maximumSegments else {
            return .refused(
                "text of \(analysis.units) \(analysis.encoding == .gsm7 ? "septets" : "UCS-2 units") needs \(analysis.segments) SMS, "
                    + "more than the \(configuration.maximumSegments) allowed", status: nil)
        }
        let body: [UInt8]
        do {
            body = try JSONCoding.encode(Request(
                from: configuration.sender, to: phone.e164, text: text, reference: reference, encoding: analysis.encoding.rawValue,
                segments: analysis.segments))
        } catch {
            return .refused("cannot encode the request: \(error)", status: nil)
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("Accept", "application/json")
        headers.add("Idempotency-Key", reference)
        if let token = configuration.token {
            headers.add("Authorization", "Bearer \(token.value)")
        } else if let basic = configuration.basic {
            headers.add("Authorization", "Basic " + Base64.encode(Array("\(basic.username):\(basic.password.value)".utf8)))
        }
        let status: Int
        let responseHeaders: HTTPHeaders
        let responseBody: [UInt8]
        if let plain {
            do {
                let response = try await plain.client.execute(
                    .post, configuration.url.target, headers: headers, body: body, to: plain.upstream, timeout: configuration.timeout)
                (status, responseHeaders, responseBody) = (response.status.code, response.headers, response.body)
            } catch {
                return .failed("\(error)", status: nil, retryAfter: nil)
            }
        } else if let secure {
            do {
                // The provider is configured by operators, not tenants: any address is allowed.
                let response = try await secure.send(.post, to: configuration.url, headers: headers, body: body, policy: .anyAddress)
                (status, responseHeaders, responseBody) = (response.status, response.headers, response.body)
            } catch {
                return .failed(error.description, status: nil, retryAfter: nil)
            }
        } else {
            return .failed("no transport", status: nil, retryAfter: nil)
        }
        let summary = "HTTP \(status) " + String(decoding: responseBody.prefix(200), as: UTF8.self)
        switch status {
        case 200..<300:
            let reference = (try? JSONDecoder().decode(JSONValue.self, from: Data(responseBody)))?["id"]?.stringValue
            return .accepted(reference: reference, status: status)
        case 408, 425, 429, 500..<600:
            return .failed(summary, status: status, retryAfter: RetryAfter.parse(responseHeaders["retry-after"]))
        default:
            return .refused(summary, status: status)
        }
    }
}

/// The `Retry-After` header: a number of seconds (an HTTP date is not honoured).
enum RetryAfter {
    /// The delay `value` asks for, at most a day; nil when absent or not a number of seconds.
    static func parse(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingWhitespace()), seconds >= 0 else { return nil }
        return .seconds(min(seconds, 86_400))
    }
}
