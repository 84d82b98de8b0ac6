#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes structured logs: one JSON object per line, `{"ts":…,"level":…,"msg":…, fields…}`.
///
/// A logger is a small value: child loggers made with ``with(_:_:)-(String,JSONValue)`` carry
/// metadata (request id, tenant) that is encoded once, when the child is made, and copied into every
/// line. Messages and fields are autoclosures, evaluated only when the level is enabled.
///
/// ```swift
/// let requestLogger = logger.with("request_id", requestID).with("tenant", tenant)
/// requestLogger.info("request", ["status": 200, "route": "/v1/{tenant}/complaints"])
/// ```
public struct Logger: Sendable {
    /// Options for a logger.
    public struct Configuration: Sendable {
        /// Lines below this level are dropped.
        public var minimumLevel: LogLevel
        /// Where lines go.
        public var sink: any LogSink

        /// Creates a configuration; the default writes `info` and above to standard error.
        public init(minimumLevel: LogLevel = .info, sink: any LogSink = FileDescriptorLogSink.standardError) {
            self.minimumLevel = minimumLevel
            self.sink = sink
        }
    }

    /// Field names that every line has; fields and metadata with these names are not written.
    public static let reservedKeys: Set<String> = ["ts", "level", "msg"]

    /// Lines below this level are dropped.
    public var minimumLevel: LogLevel
    private let sink: any LogSink
    /// Metadata as encoded JSON members, each preceded by a comma: `,"request_id":"…"`.
    private var encodedMetadata: [UInt8]

    /// Creates a logger.
    public init(configuration: Configuration = Configuration()) {
        minimumLevel = configuration.minimumLevel
        sink = configuration.sink
        encodedMetadata = []
    }

    /// Whether lines at `level` are written.
    @inlinable
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= minimumLevel
    }

    /// A child logger whose lines also carry `key: value`.
    public func with(_ key: String, _ value: JSONValue) -> Logger {
        guard !Self.reservedKeys.contains(key) else { return self }
        var child = self
        var json = JSONWriter(capacity: 64)
        json.writeKey(key)
        json.write(value)
        child.encodedMetadata.append(UInt8(ascii: ","))
        child.encodedMetadata.append(contentsOf: json.bytes)
        return child
    }

    /// A child logger whose lines also carry `key: "value"`.
    public func with(_ key: String, _ value: String) -> Logger {
        with(key, .string(value))
    }

    /// A child logger whose lines also carry `key: value` (a number).
    public func with(_ key: String, _ value: Int) -> Logger {
        with(key, .number(Double(value)))
    }

    /// Writes a line at `level` if enabled.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> KeyValuePairs<String, JSONValue> = [:]
    ) {
        guard isEnabled(level) else { return }
        sink.write(encodeLine(level: level, message: message(), fields: fields()))
    }

    /// Writes a `debug` line if enabled.
    public func debug(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, JSONValue> = [:]) {
        log(.debug, message(), fields())
    }

    /// Writes an `info` line if enabled.
    public func info(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, JSONValue> = [:]) {
        log(.info, message(), fields())
    }

    /// Writes a `warning` line if enabled.
    public func warning(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, JSONValue> = [:]) {
        log(.warning, message(), fields())
    }

    /// Writes an `error` line if enabled.
    public func error(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, JSONValue> = [:]) {
        log(.error, message(), fields())
    }

    private func encodeLine(level: LogLevel, message: String, fields: KeyValuePairs<String, JSONValue>) -> [UInt8] {
        var json = JSONWriter(capacity: 128 + encodedMetadata.count + message.utf8.count)
        json.openObject()
        json.writeKey("ts")
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var timestamp: [UInt8] = [UInt8(ascii: "\"")]
        timestamp.reserveCapacity(32)
        RFC3339.write(
            seconds: Int64(time.tv_sec), microseconds: Int(time.tv_nsec / 1000), offsetSeconds: nil,
            precision: .milliseconds, into: &timestamp)
        timestamp.append(UInt8(ascii: "\""))
        json.writeRawValue(timestamp)
        json.writeKey("level")
        json.write(level.rawValue)
        json.writeKey("msg")
        json.write(message)
        var bytes = json.bytes
        bytes.append(contentsOf: encodedMetadata)
        if !fields.isEmpty {
            var extra = JSONWriter(capacity: 64)
            for (key, value) in fields where !Self.reservedKeys.contains(key) {
                extra.writeKey(key)
                extra.write(value)
            }
            if !extra.bytes.isEmpty {
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: extra.bytes)
            }
        }
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
