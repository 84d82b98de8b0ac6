/// Something the PostgreSQL layer wants logged: a server notice or warning, a broken connection, a
/// failed connection attempt. Routed to the hook given in the pool's configuration (never stderr).
public struct PostgresLogEvent: Sendable, Hashable, CustomStringConvertible {
    /// How much it matters.
    public enum Level: Int, Sendable, Hashable, Comparable {
        /// Routine detail (a connection opened or closed).
        case debug
        /// A server notice (`NOTICE`, `INFO`).
        case notice
        /// A server `WARNING`, or a connection lost.
        case warning
        /// A connection attempt failed.
        case error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How much it matters.
    public var level: Level
    /// What happened.
    public var message: String
    /// The SQLSTATE of a server notice.
    public var sqlState: String?
    /// The connection concerned (a number unique in the process).
    public var connectionID: Int?

    /// An event.
    public init(level: Level, message: String, sqlState: String? = nil, connectionID: Int? = nil) {
        self.level = level
        self.message = message
        self.sqlState = sqlState
        self.connectionID = connectionID
    }

    public var description: String {
        var text = "[\(level)] \(message)"
        if let sqlState { text += " (\(sqlState))" }
        if let connectionID { text += " [connection \(connectionID)]" }
        return text
    }
}

/// Receives the PostgreSQL layer's log events; called on an event loop thread, so it must be quick.
public typealias PostgresLogHandler = @Sendable (PostgresLogEvent) -> Void
