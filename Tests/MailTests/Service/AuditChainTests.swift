import Foundation
import GuichetCore
import GuichetPlatform
import GuichetCrypto
import GuichetPostgres
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: the audit chain verified, tampered with as a superuser, and signed daily")
struct AuditChainTests {
    /// A tenant with a chain of `count` records (registrations and notes).
    private func chain(_ harness: MailHarness, records count: Int) async throws -> Tenant {
        let tenant = try await harness.makeTenant()
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        for index in 1..<count {
            let note = try await harness.call(
                "POST", "/v1/\(tenant.slug)/mail/items/\(item)/notes", as: MailHarness.registrar(tenant), in: tenant,
                json: #"{"text":"Note numéro \#(index) — « ملاحظة »"}"#)
            #expect(note.status == 201)
        }
        return tenant
    }

    private func verify(_ harness: MailHarness, _ tenant: Tenant) async throws -> JSONValue {
        let response = try await harness.call("GET", "/v1/\(tenant.slug)/mail/audit/verify", as: MailHarness.supervisor(tenant), in: tenant)
        #expect(response.status == 200)
        return try response.json()
    }

    private func tamper(_ statements: [PostgresQuery]) async throws {
        _ = try await MailHarness.superuser.transaction(statements, tenant: nil)
    }

    @Test("an intact chain verifies; only supervisors and administrators may ask")
    func intact() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 6)
        let result = try await verify(harness, tenant)
        #expect(result["valid"] == JSONValue.bool(true))
        #expect(result["checked"]?.intValue == 6)
        #expect(result["first_broken"] == nil)
        let admin = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/audit/verify", as: TestContextTokens.tenantAdministrator(of: tenant.id), in: tenant)
        #expect(admin.status == 200)
        let registrar = try await harness.call("GET", "/v1/\(tenant.slug)/mail/audit/verify", as: MailHarness.registrar(tenant), in: tenant)
        #expect(registrar.status == 403)
    }

    @Test("a forged payload breaks the chain at that record")
    func forged() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 6)
        try await tamper([
            "UPDATE mail.audit_events SET payload = replace(payload, 'numéro 3', 'numéro 9') WHERE tenant_id = \(tenant.id) AND sequence = 4"
        ])
        let result = try await verify(harness, tenant)
        #expect(result["valid"] == JSONValue.bool(false))
        #expect(result["checked"]?.intValue == 3)
        #expect(result["first_broken"]?["sequence"]?.intValue == 4)
        #expect(result["first_broken"]?["reason"]?.stringValue == "hash_mismatch")
    }

    @Test("a forged record whose hash was recomputed still breaks the link after it")
    func forgedAndRehashed() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 5)
        // The forger recomputes record 2's hash with the database's own function: record 3 no longer follows.
        try await tamper([
            """
            UPDATE mail.audit_events SET actor = 'account:forger',
                hash = sha256(mail.audit_field(convert_to('guichet.mail.audit.record.v1', 'UTF8')) || int8send(sequence)
                    || mail.audit_field(previous_hash) || int8send((extract(epoch FROM occurred_at) * 1000000)::bigint)
                    || mail.audit_field(convert_to('account:forger', 'UTF8')) || mail.audit_field(convert_to(event_type, 'UTF8'))
                    || mail.audit_field(coalesce(uuid_send(item_id), ''::bytea)) || mail.audit_field(convert_to(payload, 'UTF8')))
            WHERE tenant_id = \(tenant.id) AND sequence = 2
            """
        ])
        let result = try await verify(harness, tenant)
        #expect(result["first_broken"]?["sequence"]?.intValue == 3)
        #expect(result["first_broken"]?["reason"]?.stringValue == "previous_hash_mismatch")
    }

    @Test("reordered records break the chain at the first one out of place")
    func reordered() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 6)
        try await tamper([
            "UPDATE mail.audit_events SET sequence = 1000000 WHERE tenant_id = \(tenant.id) AND sequence = 3",
            "UPDATE mail.audit_events SET sequence = 3 WHERE tenant_id = \(tenant.id) AND sequence = 4",
            "UPDATE mail.audit_events SET sequence = 4 WHERE tenant_id = \(tenant.id) AND sequence = 1000000",
        ])
        let result = try await verify(harness, tenant)
        #expect(result["valid"] == JSONValue.bool(false))
        #expect(result["checked"]?.intValue == 2)
        #expect(result["first_broken"]?["sequence"]?.intValue == 3)
        #expect(result["first_broken"]?["reason"]?.stringValue == "previous_hash_mismatch")
    }

    @Test("a deleted record leaves a gap named at the next record")
    func deleted() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 6)
        try await tamper(["DELETE FROM mail.audit_events WHERE tenant_id = \(tenant.id) AND sequence = 2"])
        let result = try await verify(harness, tenant)
        #expect(result["first_broken"]?["sequence"]?.intValue == 3)
        #expect(result["first_broken"]?["reason"]?.stringValue == "sequence_gap")
        #expect(result["first_broken"]?["expected_sequence"]?.intValue == 2)
    }

    @Test("truncating the newest records is caught by the signed daily head; a forged head is refused")
    func truncated() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 6)
        let key = try AuditSigningKey.load(seed: nil, directory: harness.keysDirectory)
        let audit = AuditLog(database: MailHarness.database)
        let zone = TimeZone.named(tenant.timeZone)!
        let today = LocalDate(Date(), in: zone)
        #expect(try await audit.signHead(tenant: tenant.id, day: today, timeZone: zone, key: key, now: Date()))
        #expect(try await audit.signHead(tenant: tenant.id, day: today, timeZone: zone, key: key, now: Date()) == false)
        let intact = try await verify(harness, tenant)
        #expect(intact["valid"] == JSONValue.bool(true))
        #expect(intact["signed_heads"]?.intValue == 1)

        // Removing the last two records and moving the tip back leaves a chain that is valid on its
        // own; the signed head says six records existed.
        try await tamper([
            "DELETE FROM mail.audit_events WHERE tenant_id = \(tenant.id) AND sequence > 4",
            """
            UPDATE mail.audit_tips SET last_sequence = 4,
                last_hash = (SELECT hash FROM mail.audit_events WHERE tenant_id = \(tenant.id) AND sequence = 4)
            WHERE tenant_id = \(tenant.id)
            """,
        ])
        let result = try await verify(harness, tenant)
        #expect(result["valid"] == JSONValue.bool(false))
        #expect(result["checked"]?.intValue == 4)
        #expect(result["first_broken"]?["sequence"]?.intValue == 5)
        #expect(result["first_broken"]?["reason"]?.stringValue == "truncated")
        #expect(result["first_broken"]?["signed_through"]?.intValue == 6)

        // Rewriting the head to match (without the key) is a forgery the signature gives away.
        try await tamper([
            "UPDATE mail.audit_heads SET last_sequence = 4 WHERE tenant_id = \(tenant.id)"
        ])
        let forged = try await verify(harness, tenant)
        #expect(forged["valid"] == JSONValue.bool(false))
        #expect(forged["first_broken"]?["reason"]?.stringValue == "untrusted_signed_head")
        #expect(forged["first_broken"]?["head_problem"]?.stringValue == "invalid_signature")
    }

    @Test("a head signed over records later rewritten names the rewritten record")
    func rewrittenUnderHead() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 3)
        let key = try AuditSigningKey.load(seed: nil, directory: harness.keysDirectory)
        let zone = TimeZone.named(tenant.timeZone)!
        try await AuditLog(database: MailHarness.database).signHead(
            tenant: tenant.id, day: LocalDate(Date(), in: zone), timeZone: zone, key: key, now: Date())
        // Rebuild the whole chain from record 3 with a new payload: every hash consistent, but not the one signed.
        try await tamper([
            """
            UPDATE mail.audit_events SET payload = '{"note":"x","text":"rewritten"}',
                hash = sha256(mail.audit_field(convert_to('guichet.mail.audit.record.v1', 'UTF8')) || int8send(sequence)
                    || mail.audit_field(previous_hash) || int8send((extract(epoch FROM occurred_at) * 1000000)::bigint)
                    || mail.audit_field(convert_to(actor, 'UTF8')) || mail.audit_field(convert_to(event_type, 'UTF8'))
                    || mail.audit_field(coalesce(uuid_send(item_id), ''::bytea))
                    || mail.audit_field(convert_to('{"note":"x","text":"rewritten"}', 'UTF8')))
            WHERE tenant_id = \(tenant.id) AND sequence = 3
            """
        ])
        let result = try await verify(harness, tenant)
        #expect(result["first_broken"]?["sequence"]?.intValue == 3)
        #expect(result["first_broken"]?["reason"]?.stringValue == "signed_head_mismatch")
    }

    @Test("the records the database hashes verify with the domain's encoding")
    func sqlMatchesDomain() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 4)
        let records = try await AuditLog(database: MailHarness.database).records(tenant: tenant.id, after: 0, limit: 100)
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.hasValidHash })
        #expect(AuditChainVerifier.verify(records, tenant: tenant.id).valid)
        let rebuilt = try AuditChainTip.genesis(tenant: tenant.id).appending(
            timestamp: records[0].timestamp, actor: records[0].actor, eventType: records[0].eventType, itemID: records[0].itemID,
            payload: records[0].payload)
        #expect(rebuilt.hash == records[0].hash)
    }

    @Test("`mail audit verify` exits 0 on an intact chain and 3 on a broken one, printing the first broken record")
    func command() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await chain(harness, records: 3)
        let binary = TestDatabase.repositoryRoot + "/.build/debug/mail"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the mail executable first (swift build)")
        let environment = ["DATABASE_URL=\(TestDatabase.url)", "GUICHET_KEYS_DIR=\(harness.keysDirectory)", "GUICHET_LOG_LEVEL=error"]
        func run(_ arguments: [String]) async throws -> (Int32, String) {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("mail-audit-\(UUID().uuidString).txt").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let status = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try Subprocess.run([binary] + arguments, environment: environment, outputPath: output) })
                }
            }
            return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
        }
        let (intact, intactOutput) = try await run(["audit", "verify", tenant.slug])
        #expect(intact == 0, "\(intactOutput)")
        #expect(intactOutput.contains("\"valid\":true"))
        try await tamper(["UPDATE mail.audit_events SET actor = 'someone' WHERE tenant_id = \(tenant.id) AND sequence = 2"])
        let (broken, brokenOutput) = try await run(["audit", "verify", tenant.slug])
        #expect(broken == 3, "\(brokenOutput)")
        #expect(brokenOutput.contains("\"sequence\":2"))
        let (usage, _) = try await run(["audit", "verify"])
        #expect(usage == 2)
        let (publicKey, keyOutput) = try await run(["audit", "public-key"])
        #expect(publicKey == 0)
        #expect(keyOutput.hasPrefix("mail-audit-"))
    }
}
