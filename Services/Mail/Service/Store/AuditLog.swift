import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// The tenants' audit chains in `mail.audit_events`: appending (inside the change's transaction,
/// through `mail.append_audit_event`, which locks the tenant's tip row so appends are linear),
/// reading, verifying with the domain's ``AuditChainVerifier``, and the signed daily heads.
struct AuditLog: Sendable {
    let database: PostgresPool

    /// How many records one verification round trip reads.
    static let pageSize = 2000

    /// One event to append.
    struct Event: Sendable {
        let type: AuditEventType
        let itemID: UUID?
        let payload: JSONValue

        init(_ type: AuditEventType, item: UUID?, payload: JSONValue = .object([:])) {
            self.type = type
            itemID = item
            self.payload = payload
        }
    }

    /// The statement appending `event` to `tenant`'s chain, for the transaction making the change.
    /// The timestamp is kept to the microsecond (what the record hashes).
    static func appending(_ event: Event, tenant: UUID, at instant: Date, actor: String) throws -> PostgresQuery {
        let payload = try CanonicalJSON.string(event.payload)
        let timestamp = Date(microsecondsSince1970: instant.microsecondsSince1970)
        return """
            SELECT mail.append_audit_event(\(tenant), \(timestamp), \(actor), \(event.type.rawValue), \(event.itemID), \(payload))
            """
    }

    /// Appends events in a transaction of their own (views, downloads, exports).
    func append(_ events: [Event], tenant: UUID, at instant: Date, actor: String) async throws {
        _ = try await database.transaction(
            try events.map { try Self.appending($0, tenant: tenant, at: instant, actor: actor) }, tenant: tenant)
    }

    // MARK: Reading

    static let recordColumns = "sequence, previous_hash, hash, occurred_at, actor, event_type, item_id, payload"

    /// A stored record, its payload parsed from the canonical JSON text (a text that does not parse
    /// is kept as a string, whose hash then cannot match).
    static func record(from row: PostgresRow) throws -> AuditRecord {
        let (sequence, previous, hash, at, actor, type, item, payload) = try row.decode(
            (Int64, [UInt8], [UInt8], Date, String, String, UUID?, String).self)
        let value = (try? JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8))) ?? .string(payload)
        return AuditRecord(
            sequence: sequence, previousHash: previous, timestamp: at, actor: actor, eventType: AuditEventType(rawValue: type),
            itemID: item, payload: value, hash: hash)
    }

    /// The records of `tenant` after `sequence`, in order, at most `limit`.
    func records(tenant: UUID, after sequence: Int64, limit: Int) async throws -> [AuditRecord] {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.recordColumns) FROM mail.audit_events
            WHERE tenant_id = \(tenant) AND sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map(Self.record(from:))
    }

    /// The records about one item, oldest first.
    func records(tenant: UUID, item: UUID) async throws -> [AuditRecord] {
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: Self.recordColumns) FROM mail.audit_events
            WHERE tenant_id = \(tenant) AND item_id = \(item) ORDER BY sequence
            """,
            tenant: tenant)
        return try rows.map(Self.record(from:))
    }

    // MARK: Verification

    /// Walks `tenant`'s whole chain page by page and checks it against its signed heads, verified
    /// with the public keys in `mail.audit_keys` and `trustedKeys` — or, with `onlyTrusted`, with
    /// `trustedKeys` alone (keys kept outside the database).
    func verify(
        tenant: UUID, trustedKeys: [String: Ed25519.PublicKey] = [:], onlyTrusted: Bool = false
    ) async throws -> (AuditVerification, heads: Int) {
        let signed = try await signedHeads(tenant: tenant)
        var keys = onlyTrusted ? [:] : try await publicKeys()
        keys.merge(trustedKeys) { _, trusted in trusted }
        let heads: [AuditChainHead]
        switch SignedAuditChainHead.verifiedHeads(signed, tenant: tenant, publicKeys: keys) {
        case .success(let verified):
            heads = verified
        case .failure(let error):
            return (AuditVerification.untrusted(error.rejection, tenant: tenant, heads: signed), signed.count)
        }
        var verifier = AuditChainVerifier(tenant: tenant, signedHeads: heads)
        var last: Int64 = 0
        while true {
            let page = try await records(tenant: tenant, after: last, limit: Self.pageSize)
            verifier.check(contentsOf: page)
            guard page.count == Self.pageSize, let end = page.last?.sequence else { break }
            last = end
        }
        return (verifier.finish(), signed.count)
    }

    // MARK: Signed heads

    /// The tenant's signed heads, by day.
    func signedHeads(tenant: UUID) async throws -> [SignedAuditChainHead] {
        let rows = try await database.query(
            """
            SELECT day::text, last_sequence, last_hash, key_id, signature FROM mail.audit_heads
            WHERE tenant_id = \(tenant) ORDER BY day
            """,
            tenant: tenant)
        return try rows.compactMap { row in
            let (day, sequence, hash, keyID, signature) = try row.decode((String, Int64, [UInt8], String, [UInt8]).self)
            guard let date = LocalDate(day) else { return nil }
            return SignedAuditChainHead(
                head: AuditChainHead(tenantID: tenant, date: date, lastSequence: sequence, lastHash: hash), keyID: keyID,
                signature: signature)
        }
    }

    /// The public keys that signed heads, by key id.
    func publicKeys() async throws -> [String: Ed25519.PublicKey] {
        let rows = try await database.query("SELECT key_id, public_key FROM mail.audit_keys", tenant: nil)
        var keys: [String: Ed25519.PublicKey] = [:]
        for row in rows {
            let (keyID, raw) = try row.decode((String, [UInt8]).self)
            keys[keyID] = try? Ed25519.PublicKey(rawRepresentation: raw)
        }
        return keys
    }

    /// Records the public half of the signing key (idempotent).
    func publish(_ key: AuditSigningKey) async throws {
        _ = try await database.query(
            """
            INSERT INTO mail.audit_keys (key_id, public_key) VALUES (\(key.keyID), \(key.privateKey.publicKey.rawRepresentation))
            ON CONFLICT (key_id) DO NOTHING
            """,
            tenant: nil)
    }

    /// Signs the head of `tenant`'s chain as it stood at the end of `day` (the last record before
    /// the next local midnight), unless that day already has one. Returns whether a head was made.
    @discardableResult
    func signHead(tenant: UUID, day: LocalDate, timeZone: TimeZone, key: AuditSigningKey, now: Date) async throws -> Bool {
        let end = day.startOfNextDay(in: timeZone)
        let rows = try await database.query(
            """
            SELECT sequence, hash FROM mail.audit_events
            WHERE tenant_id = \(tenant) AND occurred_at < \(end) ORDER BY sequence DESC LIMIT 1
            """,
            tenant: tenant)
        let tip: AuditChainTip
        if let row = rows.first {
            let (sequence, hash) = try row.decode((Int64, [UInt8]).self)
            tip = AuditChainTip(sequence: sequence, hash: hash)
        } else {
            tip = .genesis(tenant: tenant)
        }
        let signed = try AuditChainHead(tenantID: tenant, date: day, tip: tip).signed(with: key.privateKey, keyID: key.keyID)
        let inserted = try await database.query(
            """
            INSERT INTO mail.audit_heads (tenant_id, day, last_sequence, last_hash, key_id, signature, signed_at)
            VALUES (\(tenant), \(day.description)::date, \(signed.head.lastSequence), \(signed.head.lastHash), \(signed.keyID),
                    \(signed.signature), \(now))
            ON CONFLICT (tenant_id, day) DO NOTHING
            """,
            tenant: tenant)
        return inserted.rowsAffected == 1
    }
}
