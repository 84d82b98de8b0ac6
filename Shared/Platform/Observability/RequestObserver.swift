import GuichetCore
import GuichetHTTP
import GuichetIO

/// The outermost middleware of every service: one JSON log line per request (request id, tenant
/// slug from the path, route, method, status, duration) and the request metrics (count by route, method and status;
/// latency histogram by route).
///
/// It logs the route's pattern, never the raw path, so that codes in paths (tracking codes,
/// booking codes) stay out of the logs.
public struct RequestObserver: HTTPMiddleware {
    private let requests: CounterFamily
    private let durations: HistogramFamily

    /// An observer recording into `metrics`.
    public init(metrics: MetricsRegistry) {
        requests = metrics.counter(
            "http_requests_total", help: "HTTP requests answered, by route, method and status.",
            labelNames: ["route", "method", "status"])
        durations = metrics.histogram(
            "http_request_duration_seconds", help: "Time from a complete request to its response, by route.",
            labelNames: ["route"])
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: HTTPResponder) async throws -> HTTPResponse {
        let start = Deadline.now()
        var response = try await next(request, context)
        let elapsed = Deadline.now() - start
        let route = context.route ?? "unmatched"
        let status = response.status.code
        requests.labels(route, request.method.name, String(status)).increment()
        durations.labels(route).observe(elapsed)
        response.headers.replaceOrAdd("X-Request-ID", context.requestID)
        let milliseconds = Double(elapsed.nanosecondsClamped) / 1_000_000
        context.logger.info(
            "request",
            [
                "method": .string(request.method.name),
                "route": .string(route),
                "status": .number(Double(status)),
                "duration_ms": .number((milliseconds * 1000).rounded() / 1000),
                "tenant": context.parameters["tenant"].map { .string($0) } ?? .null,
            ])
        return response
    }
}
