/// How important a log line is; lines below a logger's minimum level are not written.
public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Detail useful while developing or investigating.
    case debug
    /// Normal operation worth recording (one line per request).
    case info
    /// Something unexpected that the program handled.
    case warning
    /// A failure that needs attention.
    case error

    private var severity: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    /// Orders levels from `debug` (least important) to `error`.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.severity < rhs.severity
    }
}
