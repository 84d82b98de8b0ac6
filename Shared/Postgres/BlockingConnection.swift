import CLibPQ
import Glibc

/// A plain blocking libpq connection, for work that runs once at start on its own thread (the
/// migrations), never on an event loop. Uses the simple query protocol, so a text may hold several
/// statements.
final class BlockingConnection {
    private let connection: OpaquePointer

    /// Connects with `parameters` (the URL is expanded by libpq); throws the libpq message.
    init(parameters: [(String, String)]) throws(MigrationError) {
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        guard let connection = PQconnectdbParams(
            keywords.map { UnsafePointer($0) } + [nil], values.map { UnsafePointer($0) } + [nil], 1)
        else { throw .connection("libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
            PQfinish(connection)
            throw .connection(message)
        }
        PQsetNoticeReceiver(connection, { _, _ in }, nil)
        self.connection = connection
    }

    deinit {
        PQfinish(connection)
    }

    /// Runs `sql` (one or more statements, no parameters) and returns the last result.
    @discardableResult
    func execute(_ sql: String) throws -> PostgresResult {
        try check(PQexec(connection, sql))
    }

    /// Runs one statement with text parameters.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?]) throws -> PostgresResult {
        var bindings = PostgresBindings()
        for parameter in parameters { bindings.append(parameter, as: .unspecified) }
        let result = bindings.withValuePointers { values in
            PQexecParams(connection, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        return try check(result)
    }

    private func check(_ pointer: OpaquePointer?) throws -> PostgresResult {
        guard let pointer else {
            throw MigrationError.connection(String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines)
        }
        let result = PostgresResult(pointer)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            if PQstatus(connection) == CONNECTION_BAD {
                throw MigrationError.connection(String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines)
            }
            throw PostgresError(result: pointer)
        }
    }
}
