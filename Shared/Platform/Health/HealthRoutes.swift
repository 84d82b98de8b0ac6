import GuichetCore
import GuichetHTTP
import GuichetPostgres
import Synchronization

/// The routes every executable serves: `/healthz` (the process answers), `/readyz` (the database
/// answers, migrations are applied, the process is not draining, and the service's own checks
/// pass) and `/metrics` (Prometheus text, with the database pool's figures).
enum HealthRoutes {
    static func install(
        on routes: Routes, runtime: ServiceRuntime, checks: [String: @Sendable () async -> Bool], state: ReadinessState
    ) {
        let poolGauges = PoolGauges(metrics: runtime.metrics)
        let anyone = RouteOptions(access: .anyone)
        routes.get("/healthz", options: anyone) { _, _ in
            try .json(["status": "ok"])
        }
        routes.get("/readyz", options: anyone) { _, context in
            var components: [String: String] = [:]
            components["database"] = await databaseAnswers(runtime.database) ? "ok" : "unavailable"
            for (name, check) in checks.sorted(by: { $0.key < $1.key }) {
                components[name] = await check() ? "ok" : "unavailable"
            }
            let draining = state.isDraining
            let ready = !draining && components.values.allSatisfy { $0 == "ok" }
            let body = ReadinessReport(status: ready ? "ok" : (draining ? "draining" : "unavailable"), components: components)
            return try .json(body, status: ready ? .ok : .serviceUnavailable)
        }
        routes.get("/metrics", options: anyone) { _, _ in
            poolGauges.update(with: await runtime.database.statistics())
            var headers = HTTPHeaders()
            headers.add("Content-Type", MetricsRegistry.contentType)
            return HTTPResponse(status: .ok, headers: headers, body: runtime.metrics.renderBytes())
        }
    }

    private struct ReadinessReport: Encodable {
        let status: String
        let components: [String: String]
    }

    private static func databaseAnswers(_ database: PostgresPool) async -> Bool {
        do {
            let rows = try await database.query("SELECT 1", tenant: nil)
            return rows.count == 1
        } catch {
            return false
        }
    }
}

/// Whether the process is draining, shared by the server's drain and `/readyz`.
final class ReadinessState: Sendable {
    private let draining = Atomic<Bool>(false)

    var isDraining: Bool { draining.load(ordering: .relaxed) }

    func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }
}

/// The database pool's figures as Prometheus gauges, refreshed when `/metrics` is read.
private struct PoolGauges: Sendable {
    let inUse: Gauge
    let idle: Gauge
    let waiting: Gauge
    let connecting: Gauge
    let timeouts: Gauge
    let failures: Gauge

    init(metrics: MetricsRegistry) {
        let family = metrics.gauge(
            "db_pool_connections", help: "Database pool connections by state.", labelNames: ["state"])
        inUse = family.labels("in_use")
        idle = family.labels("idle")
        connecting = family.labels("connecting")
        waiting = metrics.gauge("db_pool_waiting", help: "Calls waiting for a database connection.").labels()
        timeouts = metrics.gauge("db_pool_timeouts", help: "Calls that waited too long for a connection, since start.").labels()
        failures = metrics.gauge("db_pool_connect_failures", help: "Failed connection attempts, since start.").labels()
    }

    func update(with statistics: PostgresPool.Statistics) {
        inUse.set(Double(statistics.inUse))
        idle.set(Double(statistics.idle))
        connecting.set(Double(statistics.connecting))
        waiting.set(Double(statistics.waiting))
        timeouts.set(Double(statistics.timeouts))
        failures.set(Double(statistics.connectFailures))
    }
}
