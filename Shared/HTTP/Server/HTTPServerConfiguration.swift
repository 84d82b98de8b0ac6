extension HTTPServer {
    /// Limits and timeouts of a server; every field has the default the README lists.
    public struct Configuration: Sendable {
        /// The address to listen on (`GUICHET_HOST`).
        public var host: String
        /// The port to listen on, 0 for any free port (`GUICHET_PORT`).
        public var port: UInt16
        /// Open connections beyond which new ones get a 503 and are closed (`GUICHET_MAX_CONNECTIONS`).
        public var maxConnections: Int
        /// The largest request head, request line and fields together (`GUICHET_MAX_HEADER_BYTES`).
        public var maxHeaderBytes: Int
        /// The most header fields in a request (`GUICHET_MAX_HEADER_COUNT`).
        public var maxHeaderCount: Int
        /// The body limit of routes that set none (`GUICHET_MAX_BODY_BYTES`).
        public var defaultBodyLimit: Int
        /// Time allowed for a request head to arrive, from its first byte (or from the accept).
        public var headerTimeout: Duration
        /// Time allowed for a request body to arrive, from the end of its head.
        public var bodyTimeout: Duration
        /// Time an idle keep-alive connection stays open; also bounds a stalled response write.
        public var idleTimeout: Duration
        /// Time a graceful drain waits for requests in flight before closing what is left.
        public var drainTimeout: Duration
        /// The listen backlog.
        public var backlog: Int32

        /// A configuration with the defaults.
        public init(
            host: String = "127.0.0.1",
            port: UInt16 = 8080,
            maxConnections: Int = 4096,
            maxHeaderBytes: Int = 16_384,
            maxHeaderCount: Int = 100,
            defaultBodyLimit: Int = 1 << 20,
            headerTimeout: Duration = .seconds(10),
            bodyTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(75),
            drainTimeout: Duration = .seconds(15),
            backlog: Int32 = 1024
        ) {
            self.host = host
            self.port = port
            self.maxConnections = maxConnections
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.defaultBodyLimit = defaultBodyLimit
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.drainTimeout = drainTimeout
            self.backlog = backlog
        }
    }
}
