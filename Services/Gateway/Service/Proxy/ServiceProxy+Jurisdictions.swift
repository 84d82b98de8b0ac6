import GuichetCore
import GuichetHTTP
import GuichetPlatform

extension ServiceProxy {
    /// Forwards a request whose path names no tenant (GeoReport's `/open311/v2/…`, where the
    /// tenant is the `jurisdiction_id` parameter, possibly inside a form body) to `service`: the
    /// context token carries the principal and no tenant, and the service resolves the
    /// jurisdiction itself.
    func forwardWithoutTenant(to service: String, _ request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        guard let upstream = upstreams[service] else { throw Problem(.notFound, language: context.language) }
        var headers = ForwardedHeaders.request(from: request.headers)
        headers.add(ContextTokenMiddleware.headerName, try signer.token(for: context.principal, tenant: nil))
        headers.add("X-Request-ID", context.requestID)
        headers.add("traceparent", TraceParent.child(of: context.traceparent))
        if let peer = context.remoteAddress {
            headers.add("X-Forwarded-For", peer.hostDescription)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(
                request.method, request.head.target, headers: headers, body: request.body, to: upstream, timeout: timeout)
        } catch {
            context.logger.warning("upstream failed", ["service": .string(service), "error": .string(String(describing: error))])
            throw Self.problem(for: error, language: context.language)
        }
        return HTTPResponse(status: response.status, headers: ForwardedHeaders.response(from: response.headers), body: response.body)
    }
}
