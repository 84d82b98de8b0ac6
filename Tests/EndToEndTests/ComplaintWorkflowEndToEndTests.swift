import Foundation
import GuichetCore
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("End to end: the workflow through agents' routes and citizens' steps")
struct ComplaintWorkflowEndToEndTests {
    static let reasoned = "Les services techniques ont rebouché le nid-de-poule le 12 mars."
    static let internalNote = "NOTE-INTERNE: le chef de service doit valider avant réponse."

    /// A tenant whose `roads` complaints go to `unit`.
    func fixture(unit: UUID) async throws -> ComplaintFixture {
        let fixture = try await ComplaintFixture.make()
        let replaced = try await fixture.call(
            "PUT", "\(fixture.base)/categories/roads", as: fixture.administrator,
            json: #"{"name":{"fr":"Voirie"},"default_unit":"\#(unit.uuidString)"}"#, headers: ["If-Match": "\"1\""])
        guard replaced.status == 200 else { throw StackError("category: \(replaced.text)") }
        return fixture
    }

    func path(_ fixture: ComplaintFixture, _ id: UUID) -> String {
        "\(fixture.base)/cases/\(id.uuidString.lowercased())"
    }

    @Test("the usual path: If-Match required, information asked and added, answer, rating, reopening, closing; internal notes stay internal")
    func usualPath() async throws {
        let unit = UUID()
        let fixture = try await fixture(unit: unit)
        let handler = fixture.handler(units: [unit])
        let (code, id) = try await fixture.submit()
        let casePath = path(fixture, id)

        let read = try await fixture.call("GET", casePath, as: handler)
        #expect(read.status == 200 && read.header("etag") == "\"1\"")
        #expect(read.object["assigned_unit"] as? String == unit.uuidString.lowercased())
        #expect(!read.text.contains("amal@example.ma") && !read.text.contains("612345678"))
        let missing = try await fixture.call("POST", "\(casePath)/events", as: handler, json: #"{"type":"acknowledge"}"#)
        #expect(missing.status == 428)
        #expect(missing.problemCode == "precondition_required")
        let stale = try await fixture.call(
            "POST", "\(casePath)/events", as: handler, json: #"{"type":"acknowledge"}"#, headers: ["If-Match": "\"9\""])
        #expect(stale.status == 412)
        let acknowledged = try await fixture.call(
            "POST", "\(casePath)/events", as: handler, json: #"{"type":"acknowledge"}"#, headers: ["If-Match": "\"1\""])
        #expect(acknowledged.status == 200 && acknowledged.header("etag") == "\"2\"")
        #expect(acknowledged.object["status"] as? String == "acknowledged")
        #expect(try await fixture.step(id, as: handler, #"{"type":"start"}"#).object["status"] as? String == "in_progress")

        // Information is added only when asked for.
        let unasked = try await fixture.gateway("POST", "\(fixture.base)/\(code)/information", json: #"{"text":"Devant le numéro 12."}"#)
        #expect(unasked.status == 409 && unasked.problemCode == "information_not_requested")
        let asked = try await fixture.step(
            id, as: handler, #"{"type":"reply","text":"Pouvez-vous préciser l'adresse exacte, s'il vous plaît ?","asks_for_information":true}"#)
        #expect(asked.status == 200)
        let note = try await fixture.call("POST", "\(casePath)/notes", as: handler, json: #"{"text":"\#(Self.internalNote)"}"#)
        #expect(note.status == 201)
        var tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)")
        #expect(tracked.object["awaiting_information"] as? Bool == true)
        let added = try await fixture.gateway("POST", "\(fixture.base)/\(code)/information", json: #"{"text":"Devant le numéro 12."}"#)
        #expect(added.status == 200, "\(added.text)")
        #expect(added.object["awaiting_information"] as? Bool == false)

        // Replies are reasoned; a step the table does not allow is refused.
        let short = try await fixture.step(id, as: handler, #"{"type":"answer","text":"Fait."}"#)
        #expect(short.status == 422)
        let answered = try await fixture.step(id, as: handler, #"{"type":"answer","text":"\#(Self.reasoned)"}"#)
        #expect(answered.object["status"] as? String == "answered")
        let notAllowed = try await fixture.step(id, as: handler, #"{"type":"acknowledge"}"#)
        #expect(notAllowed.status == 409 && notAllowed.problemCode == "transition_not_allowed")

        tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)")
        #expect(tracked.isAbsent("answer_due"))
        #expect(tracked.object["reopenable_until"] is String)

        // The citizen rates (once per answer), then reopens with a reason.
        let rated = try await fixture.gateway("POST", "\(fixture.base)/\(code)/rating", json: #"{"satisfied":false,"comment":"Le trou est toujours là."}"#)
        #expect(rated.status == 200)
        #expect((rated.object["satisfaction"] as? [String: Any])?["satisfied"] as? Bool == false)
        let again = try await fixture.gateway("POST", "\(fixture.base)/\(code)/rating", json: #"{"satisfied":true}"#)
        #expect(again.status == 409 && again.problemCode == "already_rated")
        let reopened = try await fixture.gateway("POST", "\(fixture.base)/\(code)/reopen", json: #"{"reason":"Le trou n'a pas été rebouché du tout."}"#)
        #expect(reopened.status == 200 && reopened.object["status"] as? String == "reopened")
        #expect(reopened.object["answer_due"] is String)

        #expect(try await fixture.step(id, as: handler, #"{"type":"answer","text":"\#(Self.reasoned) Vérifié sur place le 20 mars."}"#).status == 200)
        let closed = try await fixture.step(id, as: handler, #"{"type":"close"}"#)
        #expect(closed.object["status"] as? String == "closed")
        let reply = try await fixture.step(id, as: handler, #"{"type":"reply","text":"\#(Self.reasoned)"}"#)
        #expect(reply.status == 409 && reply.problemCode == "complaint_closed")

        // The agent sees the whole history; the citizen, GeoReport and the alerts never see the note.
        let history = try await fixture.call("GET", casePath, as: handler)
        let kinds = (history.object["timeline"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("internal_note") && kinds.contains("supervisor_alert") && kinds.contains("citizen_message"))
        tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)")
        #expect(!tracked.text.contains("NOTE-INTERNE") && !tracked.text.contains("supervisor_alert"))
        #expect(!tracked.text.contains(handler.subject))
        let open311 = try await fixture.gateway("GET", "/open311/v2/requests/\(id.uuidString.lowercased()).json?jurisdiction_id=\(fixture.slug)")
        #expect(open311.status == 200)
        #expect(!open311.text.contains("NOTE-INTERNE"))
        #expect((open311.array.first as? [String: Any])?["status_notes"] as? String == "\(Self.reasoned) Vérifié sur place le 20 mars.")
        #expect((open311.array.first as? [String: Any])?["status"] as? String == "closed")
    }

    @Test("agents act on their units only; supervisors on the tenant; other principals are refused")
    func scope() async throws {
        let unit = UUID()
        let fixture = try await fixture(unit: unit)
        let (_, id) = try await fixture.submit()
        let casePath = path(fixture, id)
        let outsider = fixture.handler(units: [UUID()])
        let outside = try await fixture.call("GET", casePath, as: outsider)
        #expect(outside.status == 403 && outside.problemCode == "outside_agent_units")
        let acting = try await fixture.call("POST", "\(casePath)/events", as: outsider, json: #"{"type":"acknowledge"}"#, headers: ["If-Match": "\"1\""])
        #expect(acting.status == 403)
        #expect(try await fixture.call("GET", "\(casePath)/contact", as: outsider).status == 403)
        let list = try await fixture.call("GET", "\(fixture.base)/cases", as: outsider)
        #expect((list.object["items"] as? [Any])?.isEmpty == true)
        #expect(try await fixture.call("GET", casePath, as: fixture.supervisor()).status == 200)
        #expect(try await fixture.call("GET", casePath).status == 401)
        #expect(try await fixture.call("GET", casePath, as: ComplaintFixture.citizen()).status == 403)
        #expect(try await fixture.call("GET", casePath, as: fixture.administrator).status == 403)
        // An agent of another tenant: as if nothing were there.
        let other = try await ComplaintFixture.make()
        #expect(try await fixture.call("GET", casePath, as: other.supervisor()).status == 404)
        // A handler hands the complaint to another unit: it leaves their scope.
        let handler = fixture.handler(units: [unit])
        let handedOver = try await fixture.step(id, as: handler, #"{"type":"assign","unit":"\#(UUID().uuidString)"}"#)
        #expect(handedOver.status == 200 && handedOver.object["routed_by"] as? String == "manual")
        #expect(try await fixture.call("GET", casePath, as: handler).status == 403)
    }

    @Test("closing needs a public reasoned reply; reopening after the period is refused; concurrent steps: one wins, the other is 412")
    func closingReopeningConcurrency() async throws {
        let unit = UUID()
        let fixture = try await fixture(unit: unit)
        let supervisor = fixture.supervisor()
        let (code, id) = try await fixture.submit()
        // The default table closes only answered complaints: closing from received is not a transition.
        let early = try await fixture.step(id, as: supervisor, #"{"type":"close","text":"\#(Self.reasoned)"}"#)
        #expect(early.status == 409 && early.problemCode == "transition_not_allowed")
        // A tenant may allow closing a complaint in progress, never without a public reasoned reply.
        let table = #"""
            {"transitions":{"received":["acknowledged","assigned","in_progress","answered","rejected","merged"],
             "acknowledged":["assigned","in_progress","answered","rejected","merged"],"assigned":["assigned","in_progress","answered","rejected","merged"],
             "in_progress":["assigned","answered","closed","rejected","merged"],"answered":["closed","reopened"],
             "reopened":["assigned","in_progress","answered","rejected","merged"],"closed":["reopened"]}}
            """#
        #expect(try await fixture.call("PUT", "\(fixture.base)/settings", as: fixture.administrator, json: table, headers: ["If-Match": "\"0\""]).status == 200)
        #expect(try await fixture.step(id, as: supervisor, #"{"type":"start"}"#).status == 200)
        let bare = try await fixture.step(id, as: supervisor, #"{"type":"close"}"#)
        #expect(bare.status == 422 && bare.problemCode == "public_reply_required")
        #expect(try await fixture.step(id, as: supervisor, #"{"type":"close","text":"\#(Self.reasoned)"}"#).object["status"] as? String == "closed")

        let (laterCode, laterID) = try await fixture.submit()
        #expect(try await fixture.step(laterID, as: supervisor, #"{"type":"answer","text":"\#(Self.reasoned)"}"#).status == 200)
        try await fixture.asOwner([
            """
            UPDATE complaints.complaints SET answered_at = answered_at - interval '40 days',
                first_answered_at = first_answered_at - interval '40 days'
            WHERE tenant_id = \(fixture.tenant.id) AND id = \(laterID)
            """
        ])
        let late = try await fixture.gateway("POST", "\(fixture.base)/\(laterCode)/reopen", json: #"{"reason":"Toujours pas réparé depuis."}"#)
        #expect(late.status == 409 && late.problemCode == "reopening_period_expired")
        #expect(late.object["reopening_ended_at"] is String)
        let within = try await fixture.gateway("POST", "\(fixture.base)/\(code)/reopen", json: #"{"reason":"Toujours pas réparé depuis."}"#)
        #expect(within.status == 200)
        let shortReason = try await fixture.gateway("POST", "\(fixture.base)/\(code)/reopen", json: #"{"reason":"Non."}"#)
        #expect(shortReason.status == 409 || shortReason.status == 422)

        // Two agents with the same version: exactly one step succeeds.
        let (_, racedID) = try await fixture.submit()
        let racedPath = path(fixture, racedID)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await fixture.call("POST", "\(racedPath)/events", as: supervisor, json: #"{"type":"acknowledge"}"#, headers: ["If-Match": "\"1\""])
                        .status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == 200 }.count == 1)
        #expect(results.filter { $0 == 412 }.count == 3)
    }

    @Test("merging a duplicate keeps both citizens informed; a merge across tenants or by a handler is refused")
    func merging() async throws {
        let unit = UUID()
        let fixture = try await fixture(unit: unit)
        let supervisor = fixture.supervisor()
        let (_, target) = try await fixture.submit()
        let (duplicateCode, duplicate) = try await fixture.submit(ComplaintFixture.complaint(subject: "Même trou, signalé deux fois"))
        let byHandler = try await fixture.step(duplicate, as: fixture.handler(units: [unit]), #"{"type":"merge","into":"\#(target.uuidString)"}"#)
        #expect(byHandler.status == 403)
        let other = try await ComplaintFixture.make()
        let (_, foreign) = try await other.submit()
        let across = try await fixture.step(duplicate, as: supervisor, #"{"type":"merge","into":"\#(foreign.uuidString)"}"#)
        #expect(across.status == 422 && across.problemCode == "invalid_merge")
        let itself = try await fixture.step(duplicate, as: supervisor, #"{"type":"merge","into":"\#(duplicate.uuidString)"}"#)
        #expect(itself.status == 422 && itself.problemCode == "invalid_merge")
        let merged = try await fixture.step(duplicate, as: supervisor, #"{"type":"merge","into":"\#(target.uuidString)"}"#)
        #expect(merged.status == 200 && merged.object["status"] as? String == "merged")
        #expect(merged.object["merged_into"] as? String == target.uuidString.lowercased())
        let targetView = try await fixture.call("GET", path(fixture, target), as: supervisor)
        #expect((targetView.object["timeline"] as? [[String: Any]] ?? []).contains { $0["kind"] as? String == "duplicate_merged" })

        // The duplicate's citizen follows the target: its status and public replies.
        #expect(try await fixture.step(target, as: supervisor, #"{"type":"answer","text":"\#(Self.reasoned)"}"#).status == 200)
        let followed = try await fixture.gateway("GET", "\(fixture.base)/\(duplicateCode)")
        let into = try #require(followed.object["merged_into"] as? [String: Any])
        #expect(into["status"] as? String == "answered")
        #expect((into["replies"] as? [[String: Any]] ?? []).contains { $0["text"] as? String == Self.reasoned })
        // A merged complaint takes no more merges.
        let (_, third) = try await fixture.submit()
        let intoMerged = try await fixture.step(third, as: supervisor, #"{"type":"merge","into":"\#(duplicate.uuidString)"}"#)
        #expect(intoMerged.status == 422)
    }

    @Test("rejection redirects the citizen to the competent tenant; an unknown tenant is refused")
    func rejection() async throws {
        let fixture = try await fixture(unit: UUID())
        let competent = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let (code, id) = try await fixture.submit()
        let unknown = try await fixture.step(id, as: supervisor, #"{"type":"reject","reason":"Ce sujet relève d'une autre administration.","redirect_to":"nobody-here"}"#)
        #expect(unknown.status == 422 && unknown.text.contains("unknown_tenant"))
        let itself = try await fixture.step(id, as: supervisor, #"{"type":"reject","reason":"Ce sujet relève d'une autre administration.","redirect_to":"\#(fixture.slug)"}"#)
        #expect(itself.status == 422)
        let rejected = try await fixture.step(
            id, as: supervisor, #"{"type":"reject","reason":"Ce sujet relève d'une autre administration.","redirect_to":"\#(competent.slug)"}"#)
        #expect(rejected.status == 200 && rejected.object["status"] as? String == "rejected")
        let tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)", headers: ["Accept-Language": "ar"])
        let redirected = try #require(tracked.object["redirected_to"] as? [String: Any])
        #expect(redirected["slug"] as? String == competent.slug)
        #expect((redirected["name"] as? [String: Any])?["fr"] as? String == "Ministère \(competent.slug)")
        #expect(tracked.object["status_name"] as? String == "غير مقبولة")
    }

    @Test("open complaints of the same category nearby are suggested as duplicates; others are not")
    func duplicates() async throws {
        let fixture = try await fixture(unit: UUID())
        try await fixture.createCategory(#"{"code":"water","name":{"fr":"Eau"}}"#)
        let (_, first) = try await fixture.submit(ComplaintFixture.complaint(lat: 33.5731, lon: -7.5898))
        let (_, near) = try await fixture.submit(ComplaintFixture.complaint(lat: 33.5734, lon: -7.5899))
        _ = try await fixture.submit(ComplaintFixture.complaint(category: "water", lat: 33.5732, lon: -7.5898))
        _ = try await fixture.submit(ComplaintFixture.complaint(lat: 33.60, lon: -7.50))
        let (_, closedNear) = try await fixture.submit(ComplaintFixture.complaint(lat: 33.5730, lon: -7.5897))
        #expect(try await fixture.step(closedNear, as: fixture.supervisor(), #"{"type":"reject","reason":"Ce sujet relève de la commune."}"#).status == 200)
        let view = try await fixture.call("GET", path(fixture, first), as: fixture.supervisor())
        let suggested = (view.object["duplicates"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(suggested == [near.uuidString.lowercased()])
        let distance = try #require((view.object["duplicates"] as? [[String: Any]])?.first?["distance_metres"] as? Double)
        #expect(distance > 20 && distance < 50)
    }
}
