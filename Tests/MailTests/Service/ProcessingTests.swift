import Foundation
import GuichetCore
import GuichetPlatform
import GuichetTestSupport
import Testing

@testable import Mail

@Suite("Mail service: routing, circuits, replies and the processing statuses")
struct ProcessingTests {
    let legal = UUID()
    let finance = UUID()
    let cabinet = UUID()

    @Test("the whole life of a request: routed with copies, opinions in parallel, approvals in sequence, a reply linked both ways, answered, closed, archived")
    func lifecycle() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let handler = MailHarness.processor(tenant, units: [legal])
        let financeAgent = MailHarness.processor(tenant, units: [finance])
        let expert = MailHarness.processor(tenant, units: [cabinet])
        let reviewer = MailHarness.supervisor(tenant, units: [legal])
        let signatory = MailHarness.supervisor(tenant, units: [cabinet])
        let stranger = MailHarness.processor(tenant, units: [UUID()])
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        func post(_ action: String, _ principal: Principal, _ json: String = "{}") async throws -> TestResponse {
            try await harness.call("POST", "\(path)/\(action)", as: principal, in: tenant, json: json)
        }

        // Before routing, a processor does not see it.
        #expect(try await harness.call("GET", path, as: handler, in: tenant).status == 404)
        let routed = try await post("routing", registrar, #"{"principal_unit":"\#(legal)","principal_unit_name":{"fr":"Affaires juridiques","ar":"الشؤون القانونية"},"copies":[{"unit":"\#(finance)"}]}"#)
        #expect(routed.status == 200)
        #expect(try routed.json()["status"]?.stringValue == "routed")
        #expect(try await harness.call("GET", path, as: handler, in: tenant).status == 200)
        #expect(try await harness.call("GET", path, as: financeAgent, in: tenant).status == 200)
        #expect(try await harness.call("GET", path, as: stranger, in: tenant).status == 404)
        // In copy is not in charge: 403; a stranger is not even told it exists: 404.
        #expect(try await post("start", financeAgent).status == 403)
        #expect(try await post("start", stranger).status == 404)
        #expect(try await post("answer", handler).code == "invalid_status_transition")
        #expect(try await post("start", handler).status == 200)

        // Opinions in parallel: the cabinet unit and one agent by subject.
        let opinions = try await post("opinion-requests", handler, #"{"participants":[{"unit":"\#(cabinet)"},{"agent":"\#(financeAgent.subject)"}]}"#)
        #expect(try opinions.json()["status"]?.stringValue == "opinion_requested")
        #expect(try await post("opinions", stranger, #"{"decision":"favourable"}"#).status == 404)
        #expect(try await post("opinions", handler, #"{"decision":"favourable"}"#).code == "not_a_circuit_member")
        let givenByAgent = try await post("opinions", financeAgent, #"{"decision":"reserved","comment":"Sous réserve du budget"}"#)
        #expect(try givenByAgent.json()["status"]?.stringValue == "opinion_requested")
        #expect(try await post("opinions", financeAgent, #"{"decision":"favourable"}"#).code == "circuit_step_already_decided")
        // The cabinet's agent sees the item while the circuit asks their unit.
        #expect(try await harness.call("GET", path, as: expert, in: tenant).status == 200)
        let complete = try await post("opinions", expert, #"{"decision":"favourable"}"#)
        #expect(try complete.json()["status"]?.stringValue == "in_progress")

        // Approvals in sequence: visa, then signature.
        let approval = try await post(
            "approval-requests", handler,
            #"{"steps":[{"approver":{"agent":"\#(reviewer.subject)"},"kind":"visa"},{"approver":{"agent":"\#(signatory.subject)"},"kind":"signature"}]}"#)
        #expect(try approval.json()["status"]?.stringValue == "awaiting_approval")
        let signatureFirst = try await post("approvals", signatory, #"{"decision":"approved"}"#)
        #expect(signatureFirst.code == "approval_out_of_turn")
        #expect(try await post("approvals", reviewer, #"{"decision":"approved"}"#).status == 200)
        #expect(try await post("approvals", signatory, #"{"decision":"rejected"}"#).status == 422)
        let signed = try await post("approvals", signatory, #"{"decision":"approved","comment":"Bon pour signature"}"#)
        #expect(try signed.json()["status"]?.stringValue == "in_progress")
        #expect(try signed.json()["approval_circuits"]?[0]?["outcome"]?.stringValue == "approved")

        // A request needs a reply before it is answered or closed.
        #expect(try await post("answer", handler).code == "reply_required")
        #expect(try await post("close", handler).code == "reply_required")
        let reply = try await harness.register(
            in: tenant, subject: "Réponse à votre demande", direction: "outgoing", type: "reponse", extra: #","in_reply_to":"\#(item)""#)
        let replyID = try #require(reply["id"]?.stringValue)
        let original = try await harness.call("GET", path, as: handler, in: tenant).json()
        #expect(original["replies"]?[0]?["id"]?.stringValue == replyID)
        let answered = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(replyID)", as: registrar, in: tenant).json()
        #expect(answered["answers"]?[0]?["id"]?.stringValue == item)
        #expect(answered["in_reply_to"]?.stringValue == item)
        #expect(try await post("answer", handler).status == 200)
        #expect(try await post("close", handler, #"{"comment":"Dossier traité"}"#).status == 200)
        let closed = try await harness.call("GET", path, as: handler, in: tenant).json()
        #expect(closed["status"]?.stringValue == "closed")
        #expect(closed["closed_on"]?.stringValue != nil)
        #expect(try await post("archive", handler).status == 403)
        #expect(try await post("archive", registrar).status == 200)
        #expect(try await post("copies", registrar, #"{"copies":[{"unit":"\#(cabinet)"}]}"#).code == "mail_item_archived")
        let history = try await harness.call("GET", "\(path)/history", as: registrar, in: tenant).json()
        let types = history["items"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(types.first == "registration")
        #expect(types.contains("routing") && types.contains("processing"))
    }

    @Test("redirection changes the principal unit and keeps copies and history; the new unit's basket has it")
    func redirection() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        _ = try await harness.call("POST", "\(path)/routing", as: registrar, in: tenant,
            json: #"{"principal_unit":"\#(legal)","copies":[{"unit":"\#(cabinet)"}]}"#)
        let legalSupervisor = MailHarness.supervisor(tenant, units: [legal])
        let redirected = try await harness.call(
            "POST", "\(path)/redirection", as: legalSupervisor, in: tenant, json: #"{"principal_unit":"\#(finance)","reason":"Compétence"}"#)
        #expect(redirected.status == 200)
        let view = try redirected.json()
        #expect(view["routing"]?["principal_unit"]?.stringValue == finance.uuidString.lowercased())
        #expect(view["routing"]?["copies"]?[0]?["unit"]?.stringValue == cabinet.uuidString.lowercased())
        #expect(view["routing"]?["history"]?.arrayValue?.count == 2)
        // The legal supervisor no longer supervises it.
        let again = try await harness.call("POST", "\(path)/redirection", as: legalSupervisor, in: tenant, json: #"{"principal_unit":"\#(legal)"}"#)
        #expect(again.status == 403)
        let basket = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/baskets/to_process", as: MailHarness.processor(tenant, units: [finance]), in: tenant).json()
        #expect(basket["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [item])
        let old = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/baskets/to_process", as: MailHarness.processor(tenant, units: [legal]), in: tenant).json()
        #expect(old["items"]?.arrayValue?.isEmpty == true)
        let copies = try await harness.call(
            "GET", "/v1/\(tenant.slug)/mail/baskets/in_copy", as: MailHarness.processor(tenant, units: [cabinet]), in: tenant).json()
        #expect(copies["items"]?.arrayValue?.count == 1)
        let toRoute = try await harness.call("GET", "/v1/\(tenant.slug)/mail/baskets/to_route", as: registrar, in: tenant).json()
        #expect(toRoute["items"]?.arrayValue?.isEmpty == true)
        #expect(try await harness.call("GET", "/v1/\(tenant.slug)/mail/baskets/nothing", as: registrar, in: tenant).status == 404)
    }

    @Test("replies: across tenants 404, wrong direction or cancelled 422, already linked 409")
    func replyLinks() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let other = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let handler = MailHarness.processor(tenant, units: [legal])
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        _ = try await harness.call("POST", "\(path)/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(legal)"}"#)
        _ = try await harness.call("POST", "\(path)/start", as: handler, in: tenant, json: "{}")
        let foreign = try #require(try await harness.register(in: other, direction: "outgoing", type: "reponse")["id"]?.stringValue)
        let acrossTenants = try await harness.call("POST", "\(path)/replies", as: handler, in: tenant, json: #"{"reply_id":"\#(foreign)"}"#)
        #expect(acrossTenants.status == 404)
        let incoming = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let wrongDirection = try await harness.call("POST", "\(path)/replies", as: registrar, in: tenant, json: #"{"reply_id":"\#(incoming)"}"#)
        #expect(wrongDirection.code == "reply_link_invalid")
        let outgoing = try #require(try await harness.register(in: tenant, direction: "outgoing", type: "reponse")["id"]?.stringValue)
        #expect(try await harness.call("POST", "\(path)/replies", as: handler, in: tenant, json: #"{"reply_id":"\#(outgoing)"}"#).status == 200)
        let twice = try await harness.call("POST", "\(path)/replies", as: handler, in: tenant, json: #"{"reply_id":"\#(outgoing)"}"#)
        #expect(twice.status == 409)
        let reply = try await harness.call("GET", "/v1/\(tenant.slug)/mail/items/\(outgoing)", as: registrar, in: tenant).json()
        #expect(reply["answers"]?[0]?["id"]?.stringValue == item)
        // Registering a reply to another tenant's item: that item does not exist here.
        let registered = try await harness.call(
            "POST", "/v1/\(tenant.slug)/mail/items", as: registrar, in: tenant,
            json: #"{"direction":"outgoing","subject":"Réponse","document_type":"reponse","correspondent":{"name":"X"},"in_reply_to":"\#(foreign)"}"#)
        #expect(registered.status == 422)
    }

    @Test("bad processing input: unknown unit format, principal in copies, repeated participants, a signature not last")
    func badInput() async throws {
        let harness = try await MailHarness.shared.value
        let tenant = try await harness.makeTenant()
        let registrar = MailHarness.registrar(tenant)
        let item = try #require(try await harness.register(in: tenant)["id"]?.stringValue)
        let path = "/v1/\(tenant.slug)/mail/items/\(item)"
        let badUnit = try await harness.call("POST", "\(path)/routing", as: registrar, in: tenant, json: #"{"principal_unit":"legal"}"#)
        #expect(badUnit.errorFields == ["/principal_unit"])
        let inCopies = try await harness.call(
            "POST", "\(path)/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(legal)","copies":[{"unit":"\#(legal)"}]}"#)
        #expect(inCopies.status == 422)
        _ = try await harness.call("POST", "\(path)/routing", as: registrar, in: tenant, json: #"{"principal_unit":"\#(legal)"}"#)
        let handler = MailHarness.processor(tenant, units: [legal])
        _ = try await harness.call("POST", "\(path)/start", as: handler, in: tenant, json: "{}")
        let repeated = try await harness.call(
            "POST", "\(path)/opinion-requests", as: handler, in: tenant, json: #"{"participants":[{"unit":"\#(finance)"},{"unit":"\#(finance)"}]}"#)
        #expect(repeated.status == 422)
        let signatureFirst = try await harness.call(
            "POST", "\(path)/approval-requests", as: handler, in: tenant,
            json: #"{"steps":[{"approver":{"agent":"a"},"kind":"signature"},{"approver":{"agent":"b"}}]}"#)
        #expect(signatureFirst.status == 422)
        let stale = try await harness.call("POST", "\(path)/opinion-requests", as: handler, in: tenant,
            json: #"{"participants":[{"unit":"\#(finance)"}]}"#, headers: ["If-Match": "\"v1\""])
        #expect(stale.status == 412)
        let unknownMember = try await harness.call("POST", "\(path)/start", as: handler, in: tenant, json: #"{"force":true}"#)
        #expect(unknownMember.status == 422)
    }
}
