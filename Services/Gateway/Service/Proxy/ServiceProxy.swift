import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// Forwards `/v1/{tenant}/<service>/…` to the service — the tenant already resolved by
/// `Authentication` (404 for an unknown or suspended one, without calling the service) — rebuilds the request from its parsed fields with
/// the gateway's context token, request id and trace context, and relays the answer. A service
/// that cannot be reached is a 503, a broken answer a 502, a slow one a 504.
struct ServiceProxy: Sendable {
    let client: HTTPClient
    let upstreams: [String: Upstream]
    let signer: ContextTokenSigner
    let clients: ClientAddresses
    let timeout: Duration

    func forward(to service: String, _ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        guard let upstream = upstreams[service] else { throw Problem(.notFound, language: context.language) }
        guard let tenant = context.tenant else { throw Problem(.tenantNotFound, language: context.language) }
        var headers = ForwardedHeaders.request(from: request.headers)
        headers.add(ContextTokenMiddleware.headerName, try signer.token(for: context.principal, tenant: tenant))
        headers.add("X-Request-ID", context.requestID)
        headers.add("traceparent", TraceParent.child(of: context.traceparent))
        if let client = clients.text(of: request, context: context) {
            headers.add("X-Forwarded-For", client)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(
                request.method, request.head.target, headers: headers, body: request.body, to: upstream, timeout: timeout)
        } catch {
            context.logger.warning("upstream failed", ["service": .string(service), "error": .string(String(describing: error))])
            throw Self.problem(for: error, language: context.language)
        }
        return HTTPResponse(
            status: response.status, headers: ForwardedHeaders.response(from: response.headers), body: response.body)
    }

    static func problem(for error: HTTPClientError, language: Language) -> Problem {
        switch error {
        case .timedOut: Problem(.gatewayTimeout, language: language)
        case .connectFailed, .shutDown: Problem(.upstreamUnavailable, language: language)
        case .connectionClosed, .invalidResponse, .responseTooLarge: Problem(.badGateway, language: language)
        }
    }
}
