import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPostgres

/// The answers to requests that carried an `Idempotency-Key`, in a service's `idempotency_keys`
/// table (the kit creates it in every service's schema).
///
/// A create handler asks `replay` first; when there is nothing to replay it does its work and adds
/// `recording` to the same transaction, so the answer is stored exactly when the work commits. Two
/// concurrent first attempts: one commits, the other's insert of the key fails (unique violation)
/// and rolls its whole transaction back — it then replays the winner's answer.
public struct IdempotencyStore: Sendable {
    private let database: PostgresPool
    private let table: String

    /// A store for the service whose schema is `schema` (a constant from code, never input).
    public init(database: PostgresPool, schema: StaticString) {
        self.database = database
        self.table = "\(schema).idempotency_keys"
    }

    /// The stored answer for `key`, marked as replayed; a 422 problem when the key was used with
    /// another request; nil when the key is new.
    public func replay(_ key: IdempotencyKey, tenant: UUID, language: Language) async throws -> HTTPResponse? {
        let rows = try await database.query(
            """
            SELECT request_hash, status, content_type, body FROM \(unsafeRaw: table)
            WHERE tenant_id = \(tenant) AND subject = \(key.subject) AND key = \(key.key)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (hash, status, contentType, body) = try row.decode(([UInt8], Int, String, [UInt8]).self)
        guard hash == key.requestHash else { throw Problem(.idempotencyKeyReused, language: language) }
        var headers = HTTPHeaders()
        headers.add("Content-Type", contentType)
        headers.add(IdempotencyKey.replayedHeaderName, "true")
        return HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body)
    }

    /// The statement that stores `response` as the answer for `key`: add it to the transaction that
    /// does the work.
    public func recording(_ response: HTTPResponse, for key: IdempotencyKey, tenant: UUID) -> PostgresQuery {
        """
        INSERT INTO \(unsafeRaw: table) (tenant_id, subject, key, request_hash, status, content_type, body)
        VALUES (\(tenant), \(key.subject), \(key.key), \(key.requestHash), \(response.status.code),
                \(response.headers["content-type"] ?? "application/json"), \(response.body))
        """
    }

    /// Whether `error` says another request stored an answer for the same key first.
    public static func isConcurrentDuplicate(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError, error.isUniqueViolation else { return false }
        return error.table == "idempotency_keys" || (error.constraint ?? "").hasPrefix("idempotency_keys")
    }
}
