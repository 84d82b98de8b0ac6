import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of contact verifications (one-time codes).
struct VerificationStore: Sendable {
    let database: PostgresPool
    var outbox: MessageOutbox { MessageOutbox(database: database) }

    /// How many codes one destination may be sent per hour (against SMS bombing).
    static let codesPerHour = 5

    /// Stores a new verification and records its code message; false (nothing stored) when the
    /// destination was sent ``codesPerHour`` codes in the last hour already.
    func start(_ verification: ContactVerification, message: AppointmentMessage, tenant: UUID, now: Date) async throws -> Bool {
        var queries: [PostgresQuery] = [
            // One destination at a time, so that concurrent requests cannot all pass the count.
            "SELECT pg_advisory_xact_lock(hashtextextended(\("verification:\(tenant.lowercaseString):\(verification.destination)"), 0))",
            """
            SELECT appointments.refuse('too_many_codes') WHERE (
                SELECT count(*) FROM appointments.verifications
                WHERE tenant_id = \(tenant) AND destination = \(verification.destination)
                  AND created_at > \(now.adding(.seconds(-3600)))) >= \(Self.codesPerHour)
            """,
            """
            INSERT INTO appointments.verifications (
                tenant_id, id, channel, destination, salt, code_digest, attempts, expires_at, created_at)
            VALUES (\(tenant), \(verification.id), \(verification.channel.rawValue), \(verification.destination), \(verification.salt),
                    \(verification.codeDigest), 0, \(verification.expiresAt), \(now))
            """,
        ]
        queries += try outbox.recording([message], tenant: tenant)
        do {
            _ = try await database.transaction(queries, tenant: tenant)
            return true
        } catch let error as PostgresError where error.sqlState == "GA001" && error.detail == "too_many_codes" {
            return false
        }
    }

    func verification(_ id: UUID, tenant: UUID) async throws -> ContactVerification? {
        let rows = try await database.query(
            """
            SELECT id, channel, destination, salt, code_digest, attempts, expires_at, verified_at
            FROM appointments.verifications WHERE tenant_id = \(tenant) AND id = \(id)
            """,
            tenant: tenant)
        guard let row = rows.first else { return nil }
        let (id, channel, destination, salt, digest, attempts, expiresAt, verifiedAt) = try row.decode(
            (UUID, String, String, [UInt8], [UInt8], Int, Date, Date?).self)
        return ContactVerification(
            id: id, channel: ContactVerification.Channel(rawValue: channel) ?? .sms, destination: destination, salt: salt,
            codeDigest: digest, attempts: attempts, expiresAt: expiresAt, verifiedAt: verifiedAt)
    }

    /// Saves the outcome of a typed code (the attempts, or the verification), as long as nobody
    /// else typed one meanwhile; false when they did.
    func save(_ verification: ContactVerification, previousAttempts: Int, verifiedUntil: Date?, tenant: UUID) async throws -> Bool {
        try await database.query(
            """
            UPDATE appointments.verifications SET
                attempts = \(verification.attempts), verified_at = \(verification.verifiedAt), verified_until = \(verifiedUntil)
            WHERE tenant_id = \(tenant) AND id = \(verification.id) AND attempts = \(previousAttempts) AND verified_at IS NULL
            """,
            tenant: tenant
        ).rowsAffected == 1
    }
}
