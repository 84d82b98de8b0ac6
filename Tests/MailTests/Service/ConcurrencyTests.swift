import Foundation
import GuichetCore
import GuichetPlatform
import GuichetPostgres
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: gapless numbers and a linear audit chain under concurrency")
struct ConcurrencyTests {
    @Test("500 concurrent registrations through two instances: exactly 1…500, unique, instants never decreasing, other tenants untouched")
    func fiveHundredRegistrations() async throws {
        let first = try await MailHarness(poolSize: 8, poolTimeout: .seconds(120))
        let second = try await MailHarness(poolSize: 8, poolTimeout: .seconds(120))
        let tenant = try await first.makeTenant()
        let bystander = try await first.makeTenant()
        for _ in 0..<3 { _ = try await first.register(in: bystander) }
        _ = try await first.register(in: bystander, direction: "outgoing", type: "reponse")
        let countersBefore = try await counters(of: bystander)

        let registrar = MailHarness.registrar(tenant)
        let contact = try await first.call(
            "POST", "/v1/\(tenant.slug)/mail/correspondents", as: registrar, in: tenant, json: #"{"name":"Direction régionale"}"#)
        let contactID = try #require(try contact.json()["id"]?.stringValue)
        let body = #"{"direction":"incoming","subject":"Demande","document_type":"demande_information","correspondent":{"id":"\#(contactID)"}}"#
        let answers = try await withThrowingTaskGroup(of: (Int, String, String).self) { group in
            for index in 0..<500 {
                let harness = index % 2 == 0 ? first : second
                group.addTask {
                    let response = try await harness.call("POST", "/v1/\(tenant.slug)/mail/items", as: registrar, in: tenant, json: body)
                    let json = try response.json()
                    return (response.status, json["registry_number"]?.stringValue ?? response.text, json["registered_at"]?.stringValue ?? "")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.0 == 201 }, "\(answers.filter { $0.0 != 201 }.prefix(3))")
        let numbers = answers.map(\.1)
        #expect(Set(numbers).count == 500)

        let rows = try await MailHarness.database.query(
            """
            SELECT sequence, registry_number, registered_at FROM mail.registry_entries
            WHERE tenant_id = \(tenant.id) ORDER BY sequence
            """,
            tenant: tenant.id)
        let entries = try rows.map { try $0.decode((Int, String, Date).self) }
        #expect(entries.map(\.0) == Array(1...500))
        #expect(Set(entries.map(\.1)) == Set(numbers))
        let instants = entries.map(\.2)
        #expect(zip(instants, instants.dropFirst()).allSatisfy { $0 <= $1 }, "registration instants decrease somewhere in number order")
        let counter = try await MailHarness.database.query(
            "SELECT last_sequence FROM mail.registry_counters WHERE tenant_id = \(tenant.id) AND direction = 'incoming'",
            tenant: tenant.id
        ).single(Int.self)
        #expect(counter == 500)
        #expect(try await counters(of: bystander) == countersBefore)

        let verify = try await first.call("GET", "/v1/\(tenant.slug)/mail/audit/verify", as: MailHarness.supervisor(tenant), in: tenant)
        let result = try verify.json()
        #expect(result["valid"] == JSONValue.bool(true))
        #expect(result["checked"]?.intValue == 500)
        await second.stop()
        await first.stop()
    }

    private func counters(of tenant: Tenant) async throws -> [String] {
        try await MailHarness.database.query(
            "SELECT direction || ':' || year || ':' || last_sequence FROM mail.registry_counters WHERE tenant_id = \(tenant.id) ORDER BY 1",
            tenant: tenant.id
        ).map { try $0.decode(String.self) }
    }

    @Test("50 concurrent writers in two tenants leave one linear chain per tenant")
    func linearChains() async throws {
        let harness = try await MailHarness.shared.value
        let tenants = [try await harness.makeTenant(), try await harness.makeTenant()]
        var items: [UUID: String] = [:]
        for tenant in tenants {
            let item = try await harness.register(in: tenant)
            items[tenant.id] = try #require(item["id"]?.stringValue)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                let tenant = tenants[index % 2]
                let item = items[tenant.id]!
                group.addTask {
                    if index % 5 == 0 {
                        _ = try await harness.register(in: tenant, subject: "Courrier \(index)", direction: "internal", type: "invitation")
                    } else {
                        let note = try await harness.call(
                            "POST", "/v1/\(tenant.slug)/mail/items/\(item)/notes", as: MailHarness.registrar(tenant), in: tenant,
                            json: #"{"text":"Note \#(index)"}"#)
                        #expect(note.status == 201)
                    }
                }
            }
            try await group.waitForAll()
        }
        for tenant in tenants {
            let rows = try await MailHarness.database.query(
                "SELECT sequence, previous_hash, hash FROM mail.audit_events WHERE tenant_id = \(tenant.id) ORDER BY sequence",
                tenant: tenant.id)
            let records = try rows.map { try $0.decode((Int, [UInt8], [UInt8]).self) }
            #expect(records.count == 26)
            #expect(records.map(\.0) == Array(1...26))
            #expect(records.first?.1 == AuditChainTip.genesisHash(tenant: tenant.id))
            #expect(zip(records, records.dropFirst()).allSatisfy { $0.2 == $1.1 })
            let verify = try await harness.call("GET", "/v1/\(tenant.slug)/mail/audit/verify", as: MailHarness.supervisor(tenant), in: tenant)
            #expect(try verify.json()["valid"] == JSONValue.bool(true))
        }
    }
}
