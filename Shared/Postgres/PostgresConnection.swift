import CLibPQ
import Glibc
import GuichetIO
import Synchronization

/// One libpq connection in non-blocking pipeline mode, driven by its socket's readiness on one
/// event loop. Loop-confined: every method runs on `loop`.
///
/// ```
///   run(commands) ──▶ state machine ──send──▶ PQsend… + PQpipelineSync + PQflush
///                                                        │ (writable interest while unsent bytes)
///   readable() ──▶ PQconsumeInput, PQgetResult… ──▶ state machine ──▶ resume the caller
/// ```
/// The pool leases it to one caller at a time; the caller's task resumes on the same loop thread.
final class PostgresConnection: Selectable {
    typealias Waiter = CheckedContinuation<[PostgresResult], any Error>
    typealias Machine = ConnectionStateMachine<Waiter, PostgresResult>

    /// The loop that owns the connection.
    let loop: EventLoop
    /// A number unique in the process, for logs.
    let id: Int
    private let logHandler: PostgresLogHandler?

    private var connection: OpaquePointer?
    private var socket: Int32 = -1
    private var interest: SelectorInterest = []
    private var machine: Machine
    private var connecting: CheckedContinuation<Void, any Error>?
    private var connectTimer: TimerID?

    /// The number the pool knows the connection by.
    var poolID = 0

    /// Called once when the connection breaks by itself (not when `close()` is called).
    var onBroken: (() -> Void)?

    private static let nextID = Atomic<Int>(0)

    private init(loop: EventLoop, statementCacheCapacity: Int, logHandler: PostgresLogHandler?) {
        self.loop = loop
        self.id = Self.nextID.add(1, ordering: .relaxed).newValue
        self.logHandler = logHandler
        self.machine = Machine(statementCacheCapacity: statementCacheCapacity)
    }

    deinit {
        if let connection { PQfinish(connection) }
    }

    /// Whether the connection is open and usable.
    var isOpen: Bool { connection != nil && connecting == nil }

    /// The number of round trips (requests ending with a Sync) sent on this connection.
    var roundTrips: Int { machine.roundTrips }

    /// Whether the statement for `sql` is prepared on this connection.
    func isPrepared(_ sql: String) -> Bool { machine.isPrepared(sql) }

    /// The transaction state libpq last saw (idle, in a transaction, in a failed transaction).
    var transactionStatus: PGTransactionStatusType {
        guard let connection else { return PQTRANS_UNKNOWN }
        return PQtransactionStatus(connection)
    }

    // MARK: Connecting

    /// Opens a connection on `loop` (the caller runs on it) with the configured session settings.
    static func connect(
        on loop: EventLoop, configuration: PostgresPool.Configuration
    ) async throws -> PostgresConnection {
        loop.preconditionInEventLoop()
        let connection = PostgresConnection(
            loop: loop, statementCacheCapacity: configuration.preparedStatementCacheSize,
            logHandler: configuration.logHandler)
        try await connection.start(configuration)
        return connection
    }

    private func start(_ configuration: PostgresPool.Configuration) async throws {
        let parameters = configuration.connectionParameters
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        guard let connection = PQconnectStartParams(keywordPointers, valuePointers, 1) else {
            throw PostgresConnectionError(.connectFailed, message: "libpq could not allocate a connection")
        }
        self.connection = connection
        if PQstatus(connection) == CONNECTION_BAD {
            let message = errorMessage
            PQfinish(connection)
            self.connection = nil
            throw PostgresConnectionError(.connectFailed, message: message)
        }
        PQsetNoticeReceiver(connection, { argument, result in
            guard let argument, let result else { return }
            Unmanaged<PostgresConnection>.fromOpaque(argument).takeUnretainedValue().receivedNotice(result)
        }, Unmanaged.passUnretained(self).toOpaque())
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            connecting = continuation
            connectTimer = loop.scheduleTimer(after: configuration.connectTimeout) { [weak self] in
                self?.failConnecting(PostgresConnectionError(
                    .connectFailed, message: "timed out after \(configuration.connectTimeout)"))
            }
            // libpq's documented start: act as if PQconnectPoll had asked to wait for writing.
            watchSocket(.writable)
        }
    }

    /// Advances the connection handshake after the socket became ready.
    private func pollConnecting() {
        guard let connection else { return }
        switch PQconnectPoll(connection) {
        case PGRES_POLLING_READING:
            watchSocket(.readable)
        case PGRES_POLLING_WRITING:
            watchSocket(.writable)
        case PGRES_POLLING_OK:
            guard PQsetnonblocking(connection, 1) == 0, PQenterPipelineMode(connection) == 1 else {
                failConnecting(PostgresConnectionError(.connectFailed, message: errorMessage))
                return
            }
            watchSocket(.readable)
            guard connection == self.connection, let continuation = connecting else { return }
            connecting = nil
            if let connectTimer { loop.cancelTimer(connectTimer) }
            connectTimer = nil
            log(.debug, "connected")
            continuation.resume()
        default:
            failConnecting(PostgresConnectionError(.connectFailed, message: errorMessage))
        }
    }

    /// Registers libpq's current socket for `interest`. libpq may have moved to another socket
    /// between polls (another host or address), so the old registration is always dropped.
    private func watchSocket(_ interest: SelectorInterest) {
        guard let connection else { return }
        if socket >= 0 { loop.deregister(socket) }
        socket = PQsocket(connection)
        self.interest = interest
        guard socket >= 0 else {
            broken(PostgresConnectionError(.connectFailed, message: errorMessage))
            return
        }
        do {
            try loop.register(socket, interest: interest, handler: self)
        } catch {
            socket = -1
            broken(PostgresConnectionError(.connectFailed, message: "\(error)"))
        }
    }

    private func failConnecting(_ error: PostgresConnectionError) {
        guard let continuation = connecting else { return }
        connecting = nil
        if let connectTimer { loop.cancelTimer(connectTimer) }
        connectTimer = nil
        releaseConnection()
        continuation.resume(throwing: error)
    }

    // MARK: Running requests

    /// Sends `commands` followed by a Sync in one write and returns the results of those that return
    /// rows; throws the first `PostgresError`, or a `PostgresConnectionError` if the connection broke.
    func run(_ commands: [Machine.Command]) async throws -> [PostgresResult] {
        loop.preconditionInEventLoop()
        for command in commands {
            if let error = command.bindings.encodingError { throw error }
        }
        return try await withCheckedThrowingContinuation { (waiter: Waiter) in
            switch machine.submit(commands, waiter: waiter) {
            case .send(let messages): send(messages)
            case let .failClosed(waiter, error): waiter.resume(throwing: error)
            default: preconditionFailure("submit returns send or failClosed")
            }
        }
    }

    private func send(_ messages: [Machine.Message]) {
        guard let connection else {
            broken(PostgresConnectionError(.connectionLost, message: "the connection is closed"))
            return
        }
        for message in messages {
            let queued: Int32
            switch message {
            case .deallocate(let name):
                queued = PQsendQueryParams(connection, "DEALLOCATE \(name)", 0, nil, nil, nil, nil, 0)
            case let .prepare(name, sql, types):
                queued = types.map(\.rawValue).withUnsafeBufferPointer { types in
                    PQsendPrepare(connection, name, sql, Int32(types.count), types.baseAddress)
                }
            case let .executePrepared(name, bindings):
                queued = bindings.withValuePointers { values in
                    PQsendQueryPrepared(connection, name, Int32(values.count), values, nil, nil, 0)
                }
            case let .execute(sql, bindings):
                queued = bindings.types.map(\.rawValue).withUnsafeBufferPointer { types in
                    bindings.withValuePointers { values in
                        PQsendQueryParams(connection, sql, Int32(values.count), types.baseAddress, values, nil, nil, 0)
                    }
                }
            }
            guard queued == 1 else {
                broken(PostgresConnectionError(.connectionLost, message: errorMessage))
                return
            }
        }
        guard PQpipelineSync(connection) == 1 else {
            broken(PostgresConnectionError(.connectionLost, message: errorMessage))
            return
        }
        flush()
    }

    /// Pushes libpq's buffered output; watches for writability only while some remains.
    private func flush() {
        guard let connection else { return }
        switch PQflush(connection) {
        case 0: setInterest(.readable)
        case 1: setInterest([.readable, .writable])
        default: broken(PostgresConnectionError(.connectionLost, message: errorMessage))
        }
    }

    private func setInterest(_ wanted: SelectorInterest) {
        guard socket >= 0, wanted != interest else { return }
        interest = wanted
        do {
            try loop.setInterest(wanted, for: socket)
        } catch {
            broken(PostgresConnectionError(.connectionLost, message: "\(error)"))
        }
    }

    // MARK: Readiness

    func readable() {
        if connecting != nil {
            pollConnecting()
            return
        }
        guard let connection else { return }
        guard PQconsumeInput(connection) == 1 else {
            broken(PostgresConnectionError(.connectionLost, message: errorMessage))
            return
        }
        drainResults()
        if self.connection != nil, PQstatus(connection) == CONNECTION_BAD {
            broken(PostgresConnectionError(.connectionLost, message: errorMessage))
        }
    }

    func writable() {
        if connecting != nil {
            pollConnecting()
            return
        }
        flush()
    }

    /// Hands every complete result libpq has to the state machine.
    private func drainResults() {
        while machine.hasRequestsInFlight, let connection, PQisBusy(connection) == 0 {
            let event: Machine.Event
            if let pointer = PQgetResult(connection) {
                switch PQresultStatus(pointer) {
                case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                    event = .result(PostgresResult(pointer))
                case PGRES_PIPELINE_SYNC:
                    PQclear(pointer)
                    event = .sync
                case PGRES_PIPELINE_ABORTED:
                    PQclear(pointer)
                    event = .aborted
                case PGRES_FATAL_ERROR:
                    let error = PostgresError(result: pointer)
                    PQclear(pointer)
                    if PQstatus(connection) == CONNECTION_BAD {
                        broken(PostgresConnectionError(.connectionLost, message: error.message))
                        return
                    }
                    event = .error(error)
                default:
                    let status = String(cString: PQresStatus(PQresultStatus(pointer)))
                    PQclear(pointer)
                    broken(PostgresConnectionError(.connectionLost, message: "unexpected result \(status)"))
                    return
                }
            } else {
                event = .endOfStatement
            }
            switch machine.received(event) {
            case .none: break
            case let .succeed(waiter, results): waiter.resume(returning: results)
            case let .fail(waiter, error): waiter.resume(throwing: error)
            case let .failClosed(waiter, error): waiter.resume(throwing: error)
            case let .close(error, waiters):
                log(.warning, error.message)
                for waiter in waiters { waiter.resume(throwing: error) }
                releaseConnection()
                onBroken?()
                onBroken = nil
                return
            case .send: preconditionFailure("results never send")
            }
        }
    }

    // MARK: Closing

    /// The connection broke: fail everything in flight and tell the owner once.
    private func broken(_ error: PostgresConnectionError) {
        if connecting != nil {
            failConnecting(error)
            return
        }
        guard connection != nil else { return }
        log(.warning, "connection lost: \(error.message)")
        let waiters = machine.connectionClosed(error)
        releaseConnection()
        for waiter in waiters { waiter.resume(throwing: error) }
        let hook = onBroken
        onBroken = nil
        hook?()
    }

    /// Closes the connection (a Terminate message, then the socket); requests in flight fail.
    func close() {
        loop.preconditionInEventLoop()
        onBroken = nil
        if connecting != nil {
            failConnecting(PostgresConnectionError(.shutDown, message: "the pool is shutting down"))
            return
        }
        let error = PostgresConnectionError(.connectionLost, message: "the connection was closed")
        let waiters = machine.connectionClosed(error)
        releaseConnection()
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    private func releaseConnection() {
        if socket >= 0 { loop.deregister(socket) }
        socket = -1
        interest = []
        if let connection { PQfinish(connection) }
        connection = nil
    }

    // MARK: Notices and logs

    private var errorMessage: String {
        guard let connection, let message = PQerrorMessage(connection) else { return "unknown libpq error" }
        let text = String(cString: message).trimmingTrailingNewlines
        return text.isEmpty ? "unknown libpq error" : text
    }

    private func receivedNotice(_ result: OpaquePointer) {
        guard let logHandler else { return }
        let notice = PostgresError(result: result)
        let level: PostgresLogEvent.Level = notice.severity == "WARNING" ? .warning : .notice
        var message = notice.message
        if let detail = notice.detail { message += " (\(detail))" }
        logHandler(PostgresLogEvent(level: level, message: message, sqlState: notice.sqlState, connectionID: id))
    }

    private func log(_ level: PostgresLogEvent.Level, _ message: String) {
        logHandler?(PostgresLogEvent(level: level, message: message, connectionID: id))
    }
}
