import Foundation
import GuichetCore
import GuichetTestSupport
import Testing

@Suite("End to end: zones, routing on submission, categories' extra fields, channels")
struct ComplaintRoutingTests {
    /// A square of the given corners, as a GeoJSON polygon.
    static func square(west: Double, south: Double, east: Double, north: Double) -> String {
        #"{"type":"Polygon","coordinates":[[[\#(west),\#(south)],[\#(east),\#(south)],[\#(east),\#(north)],[\#(west),\#(north)],[\#(west),\#(south)]]]}"#
    }

    static let casablanca = square(west: -7.70, south: 33.50, east: -7.50, north: 33.65)
    static let anfa = square(west: -7.65, south: 33.56, east: -7.58, north: 33.60)

    /// The case view of `id` as a supervisor sees it.
    func caseView(_ fixture: ComplaintFixture, _ id: UUID) async throws -> [String: Any] {
        let response = try await fixture.call("GET", "\(fixture.base)/cases/\(id.uuidString.lowercased())", as: fixture.supervisor())
        #expect(response.status == 200, "\(response.text)")
        return response.object
    }

    @Test("a point goes to the unit of its category in the most specific zone, else the category's unit, else triage — never unassigned")
    func routing() async throws {
        let fixture = try await ComplaintFixture.make()
        let admin = fixture.administrator
        let (anfaUnit, casaUnit, waterUnit) = (UUID(), UUID(), UUID())
        for (code, geometry) in [("casa", Self.casablanca), ("anfa", Self.anfa)] {
            let created = try await fixture.call(
                "POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"\#(code)","name":{"fr":"\#(code)"},"kind":"commune","geometry":\#(geometry)}"#)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.header("etag") == "\"1\"")
        }
        for (zone, unit) in [("anfa", anfaUnit), ("casa", casaUnit)] {
            let rule = try await fixture.call(
                "PUT", "\(fixture.base)/routing-rules/roads/\(zone)", as: admin, json: #"{"unit":"\#(unit.uuidString)"}"#)
            #expect(rule.status == 200, "\(rule.text)")
        }
        try await fixture.createCategory(#"{"code":"water","name":{"fr":"Eau"},"default_unit":"\#(waterUnit.uuidString)"}"#)
        try await fixture.createCategory(#"{"code":"light","name":{"fr":"Éclairage"}}"#)

        let cases: [(json: String, unit: UUID?, routedBy: String, zone: String?)] = [
            (ComplaintFixture.complaint(), anfaUnit, "zone", "anfa"),
            (ComplaintFixture.complaint(lat: 33.52, lon: -7.68), casaUnit, "zone", "casa"),
            (ComplaintFixture.complaint(lat: 34.02, lon: -6.83), nil, "triage", nil),
            (ComplaintFixture.complaint(category: "water", lat: 34.02, lon: -6.83), waterUnit, "category", nil),
            (ComplaintFixture.complaint(category: "water"), waterUnit, "category", "anfa"),
            (ComplaintFixture.complaint(category: "light"), nil, "triage", "anfa"),
            (ComplaintFixture.complaint(lat: nil), nil, "triage", nil),
        ]
        for (json, unit, routedBy, zone) in cases {
            let (_, id) = try await fixture.submit(json)
            let view = try await caseView(fixture, id)
            #expect(view["assigned_unit"] as? String == unit?.uuidString.lowercased(), "\(json)")
            #expect(view["routed_by"] as? String == routedBy, "\(json)")
            #expect(view["zone"] as? String == zone, "\(json)")
        }
        // The triage queue is the supervisors': a handler of any unit does not see it.
        let triage = try await fixture.call("GET", "\(fixture.base)/cases?unit=triage", as: fixture.supervisor())
        #expect((triage.object["items"] as? [[String: Any]])?.count == 3)
        let handler = try await fixture.call("GET", "\(fixture.base)/cases?unit=triage", as: fixture.handler(units: [anfaUnit]))
        #expect((handler.object["items"] as? [[String: Any]])?.isEmpty == true)
        #expect(
            try await fixture.count("SELECT count(*)::int8 FROM complaints.complaints WHERE tenant_id = \(fixture.tenant.id) AND assigned_unit IS NULL AND routed_by <> 'triage'")
                == 0)
    }

    @Test("a tenant that serves only its territory refuses a point outside every zone; coordinates out of range are refused")
    func outsideZonesAndCoordinates() async throws {
        let fixture = try await ComplaintFixture.make()
        let admin = fixture.administrator
        _ = try await fixture.call(
            "POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"casa","name":{"fr":"Casablanca"},"geometry":\#(Self.casablanca)}"#)
        // By default a point outside every zone is routed by its category.
        #expect(try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(lat: 34.02, lon: -6.83)).status == 201)

        let settings = try await fixture.call("GET", "\(fixture.base)/settings", as: admin)
        #expect(settings.status == 200 && settings.header("etag") == "\"0\"")
        let missing = try await fixture.call("PUT", "\(fixture.base)/settings", as: admin, json: #"{"outside_zones":"refuse"}"#)
        #expect(missing.status == 428)
        let stale = try await fixture.call(
            "PUT", "\(fixture.base)/settings", as: admin, json: #"{"outside_zones":"refuse"}"#, headers: ["If-Match": "\"7\""])
        #expect(stale.status == 412)
        let saved = try await fixture.call(
            "PUT", "\(fixture.base)/settings", as: admin, json: #"{"outside_zones":"refuse"}"#, headers: ["If-Match": "\"0\""])
        #expect(saved.status == 200 && saved.header("etag") == "\"1\"", "\(saved.text)")

        let outside = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(lat: 34.02, lon: -6.83))
        #expect(outside.status == 422)
        #expect(outside.problemCode == "outside_zones")
        #expect(try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint()).status == 201)

        for (lat, lon, field) in [(91.0, 0.0, "/location/lat"), (-90.5, 0.0, "/location/lat"), (0.0, 180.5, "/location/lon")] {
            let response = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(lat: lat, lon: lon))
            #expect(response.status == 422)
            #expect(response.text.contains("\"field\":\"\(field)\""), "\(response.text)")
        }
        let invalidTable = try await fixture.call(
            "PUT", "\(fixture.base)/settings", as: admin, json: #"{"transitions":{"received":["acknowledged"]}}"#, headers: ["If-Match": "\"1\""])
        #expect(invalidTable.status == 422)
        #expect(invalidTable.text.contains("invalid_transitions"))
    }

    @Test("zones are validated by the domain and PostGIS; updates need If-Match; rules need existing zones")
    func badZones() async throws {
        let fixture = try await ComplaintFixture.make()
        let admin = fixture.administrator
        let bowtie = #"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#
        let invalid = try await fixture.call("POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"bow","name":{"fr":"Nœud"},"geometry":\#(bowtie)}"#)
        #expect(invalid.status == 422)
        #expect(invalid.problemCode == "invalid_geometry")
        let open = #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#
        let notClosed = try await fixture.call("POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"open","name":{"fr":"Ouvert"},"geometry":\#(open)}"#)
        #expect(notClosed.status == 422)
        #expect(notClosed.text.contains("ring_not_closed") && notClosed.text.contains("/geometry/coordinates/0"))
        let outOfRange = try await fixture.call(
            "POST", "\(fixture.base)/zones", as: admin,
            json: #"{"code":"far","name":{"fr":"Loin"},"geometry":\#(Self.square(west: 0, south: 80, east: 1, north: 95))}"#)
        #expect(outOfRange.status == 422)
        #expect(try await fixture.call("POST", "\(fixture.base)/zones", as: fixture.supervisor(), json: "{}").status == 403)
        #expect(try await fixture.call("POST", "\(fixture.base)/zones", json: "{}").status == 401)

        let path = "\(fixture.base)/zones/casa"
        #expect(try await fixture.call("POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"casa","name":{"fr":"Casa"},"geometry":\#(Self.casablanca)}"#).status == 201)
        #expect(try await fixture.call("POST", "\(fixture.base)/zones", as: admin, json: #"{"code":"casa","name":{"fr":"Casa"},"geometry":\#(Self.casablanca)}"#).status == 409)
        let feature = try await fixture.gateway("GET", path)
        #expect(feature.status == 200 && feature.header("content-type") == "application/geo+json")
        #expect((feature.object["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
        let body = #"{"name":{"fr":"Grand Casablanca"},"geometry":\#(Self.anfa)}"#
        #expect(try await fixture.call("PUT", path, as: admin, json: body).status == 428)
        #expect(try await fixture.call("PUT", path, as: admin, json: body, headers: ["If-Match": "\"2\""]).status == 412)
        let replaced = try await fixture.call("PUT", path, as: admin, json: body, headers: ["If-Match": "\"1\""])
        #expect(replaced.status == 200 && replaced.header("etag") == "\"2\"")
        let list = try await fixture.gateway("GET", "\(fixture.base)/zones")
        #expect(((list.object["zones"] as? [[String: Any]])?.first?["name"] as? [String: Any])?["fr"] as? String == "Grand Casablanca")

        let unknownZone = try await fixture.call("PUT", "\(fixture.base)/routing-rules/roads/nowhere", as: admin, json: #"{"unit":"\#(UUID())"}"#)
        #expect(unknownZone.status == 422)
        let unknownCategory = try await fixture.call("PUT", "\(fixture.base)/routing-rules/potholes/casa", as: admin, json: #"{"unit":"\#(UUID())"}"#)
        #expect(unknownCategory.status == 422)
        #expect(try await fixture.call("PUT", "\(fixture.base)/routing-rules/roads/casa", as: admin, json: #"{"unit":"\#(UUID())"}"#).status == 200)
        #expect(try await fixture.call("DELETE", path, as: admin, headers: ["If-Match": "\"2\""]).status == 204)
        let rules = try await fixture.call("GET", "\(fixture.base)/routing-rules", as: admin)
        #expect((rules.object["rules"] as? [Any])?.isEmpty == true)
        #expect(try await fixture.gateway("GET", path).status == 404)
    }

    @Test("a category of another tenant is unknown here; extra fields are checked against the category")
    func categoriesAndFields() async throws {
        let fixture = try await ComplaintFixture.make()
        let other = try await ComplaintFixture.make()
        try await other.createCategory(#"{"code":"parks","name":{"fr":"Parcs"}}"#)
        let foreign = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(category: "parks"))
        #expect(foreign.status == 422)
        #expect(foreign.text.contains("\"field\":\"/category\""))

        try await fixture.createCategory(
            #"""
            {"code":"schools","name":{"fr":"Écoles"},"fields":[
              {"code":"school","type":"string","label":{"fr":"Établissement"},"required":true},
              {"code":"level","type":"single_choice","label":{"fr":"Cycle"},"choices":[{"key":"primary","label":{"fr":"Primaire"}},{"key":"middle","label":{"fr":"Collège"}}]},
              {"code":"pupils","type":"number","label":{"fr":"Élèves"}}]}
            """#)
        let missing = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(category: "schools"))
        #expect(missing.status == 422)
        #expect(missing.text.contains("\"field\":\"/attributes/school\""))
        let wrong = try await fixture.gateway(
            "POST", fixture.base,
            json: ComplaintFixture.complaint(category: "schools", extra: #","attributes":{"school":"Lycée Ibn Sina","level":"high","pupils":"many","color":"red"}"#))
        #expect(wrong.status == 422)
        for field in ["/attributes/level", "/attributes/pupils", "/attributes/color"] {
            #expect(wrong.text.contains("\"field\":\"\(field)\""), "\(field)")
        }
        let (code, _) = try await fixture.submit(
            ComplaintFixture.complaint(category: "schools", extra: #","attributes":{"school":" Lycée Ibn Sina ","level":"middle","pupils":420}"#))
        let tracked = try await fixture.gateway("GET", "\(fixture.base)/\(code)").object
        let attributes = try #require(tracked["attributes"] as? [String: Any])
        #expect(attributes["school"] as? String == "Lycée Ibn Sina" && attributes["level"] as? String == "middle" && attributes["pupils"] as? Double == 420)

        let category = try await fixture.gateway("GET", "\(fixture.base)/categories/schools")
        #expect(category.header("etag") == "\"1\"")
        #expect((category.object["fields"] as? [Any])?.count == 3)
        let replaced = try await fixture.call(
            "PUT", "\(fixture.base)/categories/schools", as: fixture.administrator,
            json: #"{"name":{"fr":"Écoles publiques"},"deadlines":{"acknowledgement":{"days":5},"answer":{"days":30,"unit":"working"}}}"#,
            headers: ["If-Match": "\"1\""])
        #expect(replaced.status == 200, "\(replaced.text)")
        #expect(replaced.header("etag") == "\"2\"")
        // The new deadlines apply at once (this replica refreshed its copy): the answer is due in 30 working days.
        let submitted = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(category: "schools"))
        let due = try #require((submitted.object["answer_due"] as? String).flatMap { RFC3339.parse($0) })
        #expect(due.timeIntervalSinceNow > 35 * 86_400 && due.timeIntervalSinceNow < 50 * 86_400)
    }

    @Test("an agent enters a complaint for a caller (channel recorded); a citizen cannot declare an agent's channel")
    func channels() async throws {
        let fixture = try await ComplaintFixture.make()
        let agent = fixture.handler(units: [UUID()])
        let entered = try await fixture.call(
            "POST", fixture.base, as: agent, json: ComplaintFixture.complaint(extra: #","channel":"phone""#))
        #expect(entered.status == 201, "\(entered.text)")
        let code = try #require(entered.object["tracking_code"] as? String)
        let id = try #require((try await fixture.gateway("GET", "\(fixture.base)/\(code)").object["id"] as? String).flatMap(UUID.init(uuidString:)))
        let view = try await caseView(fixture, id)
        #expect(view["channel"] as? String == "phone")
        #expect(view["entered_by"] as? String == agent.subject)
        let desk = try await fixture.call("POST", fixture.base, as: agent, json: ComplaintFixture.complaint())
        let deskCode = try #require(desk.object["tracking_code"] as? String)
        let deskID = try #require(
            (try await fixture.gateway("GET", "\(fixture.base)/\(deskCode)").object["id"] as? String).flatMap(UUID.init(uuidString:)))
        #expect(try await caseView(fixture, deskID)["channel"] as? String == "desk")

        let citizen = try await fixture.gateway("POST", fixture.base, json: ComplaintFixture.complaint(extra: #","channel":"phone""#))
        #expect(citizen.status == 422)
        #expect(citizen.text.contains("\"field\":\"/channel\""))
        let open311 = try await fixture.call("POST", fixture.base, as: agent, json: ComplaintFixture.complaint(extra: #","channel":"open311""#))
        #expect(open311.status == 422)
    }
}
