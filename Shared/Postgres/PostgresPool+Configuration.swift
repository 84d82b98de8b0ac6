extension PostgresPool {
    /// How to reach the database and how the pool behaves.
    public struct Configuration: Sendable {
        /// A libpq connection URL or string (`postgresql://user:pass@host:port/db?sslmode=…`), passed
        /// to libpq as is: multi-host URLs, `target_session_attrs`, TLS options all work.
        public var url: String
        /// The most connections in the process, split evenly over the event loops (at least one
        /// each).
        public var poolSize: Int = 16
        /// How long a call waits for a free connection before failing with
        /// `PostgresPoolTimeoutError`.
        public var poolTimeout: Duration = .seconds(5)
        /// How long a connection attempt may take.
        public var connectTimeout: Duration = .seconds(5)
        /// The server cancels any statement running longer (`statement_timeout`, SQLSTATE 57014).
        public var statementTimeout: Duration = .seconds(15)
        /// The server ends a session left idle inside a transaction this long.
        public var idleInTransactionSessionTimeout: Duration = .seconds(60)
        /// How many times a retryable transaction is run again after a serialization failure or a
        /// deadlock (40001, 40P01).
        public var maxRetries: Int = 3
        /// The back-off before the first retry (doubled for each further one, with jitter).
        public var retryBackoff: Duration = .milliseconds(5)
        /// The back-off after a failed connection attempt, doubled per further failure…
        public var reconnectInitialBackoff: Duration = .milliseconds(50)
        /// …up to this; calls fail fast with `.unavailable` meanwhile.
        public var reconnectMaximumBackoff: Duration = .seconds(2)
        /// `application_name`, shown in `pg_stat_activity`.
        public var applicationName: String = "guichet"
        /// The most prepared statements kept per connection.
        public var preparedStatementCacheSize: Int = 256
        /// Where server notices and connection events go (never stderr).
        public var logHandler: PostgresLogHandler?

        /// A configuration for `url` with the defaults.
        public init(url: String) {
            self.url = url
        }

        /// The keyword/value pairs given to `PQconnectStartParams`: the URL first (expanded by libpq),
        /// then the session settings every connection must have, which take precedence.
        ///
        /// `plan_cache_mode=force_custom_plan`: every table is partitioned by tenant, and a generic
        /// plan (what PostgreSQL switches a prepared statement to after five runs) cannot prune
        /// partitions when planning, so each run locks every tenant's partition of every table it
        /// names, and their indexes — with a few hundred tenants, thousands of locks per statement,
        /// all through the shared lock manager. Planned with its parameters, a statement prunes to
        /// its tenant's partitions and locks those only; the parse stays prepared.
        var connectionParameters: [(String, String)] {
            let options = [
                "TimeZone=UTC",
                "DateStyle=ISO",
                "IntervalStyle=iso_8601",
                "statement_timeout=\(max(0, statementTimeout.millisecondsClamped))",
                "idle_in_transaction_session_timeout=\(max(0, idleInTransactionSessionTimeout.millisecondsClamped))",
                "plan_cache_mode=force_custom_plan",
            ].map { "-c \($0)" }.joined(separator: " ")
            return [
                ("dbname", url),
                ("application_name", applicationName),
                ("client_encoding", "UTF8"),
                ("options", options),
            ]
        }

        /// The connections each of `loopCount` loops may open.
        func connectionsPerLoop(loopCount: Int) -> Int {
            max(1, poolSize / max(1, loopCount))
        }
    }

    /// The pool's gauges and running totals, for `/metrics`.
    public struct Statistics: Sendable, Hashable {
        /// Connections leased to callers now.
        public var inUse = 0
        /// Connections open and free now.
        public var idle = 0
        /// Connection attempts running now.
        public var connecting = 0
        /// Calls waiting for a connection now.
        public var waiting = 0
        /// Leases granted since start.
        public var leases = 0
        /// Calls that gave up waiting (`PostgresPoolTimeoutError`) since start.
        public var timeouts = 0
        /// Failed connection attempts since start.
        public var connectFailures = 0
        /// Calls failed at once because the server was unreachable, since start.
        public var unavailableRejections = 0
        /// Connections opened since start.
        public var connectionsOpened = 0
        /// Round trips (requests ending with a Sync) sent since start, over all connections.
        public var roundTrips = 0

        /// Statistics with everything zero.
        public init() {}

        /// The sum of two pools' (or loops') statistics.
        public static func + (lhs: Statistics, rhs: Statistics) -> Statistics {
            var sum = lhs
            sum.inUse += rhs.inUse
            sum.idle += rhs.idle
            sum.connecting += rhs.connecting
            sum.waiting += rhs.waiting
            sum.leases += rhs.leases
            sum.timeouts += rhs.timeouts
            sum.connectFailures += rhs.connectFailures
            sum.unavailableRejections += rhs.unavailableRejections
            sum.connectionsOpened += rhs.connectionsOpened
            sum.roundTrips += rhs.roundTrips
            return sum
        }
    }
}
