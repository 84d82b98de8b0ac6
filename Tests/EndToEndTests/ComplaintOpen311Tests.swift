import Foundation
import GuichetCore
import GuichetTestSupport
import Testing

@Suite("End to end: Open311 GeoReport v2 through the gateway")
struct ComplaintOpen311Tests {
    /// A GeoReport form body.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
    }

    func post(_ fixture: ComplaintFixture, _ pairs: [(String, String)]) async throws -> RawResponse {
        try await fixture.gateway(
            "POST", "/open311/v2/requests.json", body: Array(Self.form(pairs).utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
    }

    /// A tenant with an extra field on `roads`, and one of its API keys.
    func fixture() async throws -> (ComplaintFixture, String) {
        let fixture = try await ComplaintFixture.make()
        let replaced = try await fixture.call(
            "PUT", "\(fixture.base)/categories/roads", as: fixture.administrator,
            json: #"{"name":{"fr":"Voirie","en":"Roads"},"keywords":["route","trottoir"],"group":"espace-public","fields":[{"code":"lane","type":"single_choice","label":{"fr":"Voie","en":"Lane"},"required":true,"choices":[{"key":"left","label":{"fr":"Gauche","en":"Left"}},{"key":"right","label":{"fr":"Droite","en":"Right"}}]}]}"#,
            headers: ["If-Match": "\"1\""])
        guard replaced.status == 200 else { throw StackError("category: \(replaced.text)") }
        let key = try await fixture.call("POST", "\(fixture.base)/open311-keys", as: fixture.administrator, json: #"{"label":"Application de la commune"}"#)
        guard key.status == 201, let secret = key.object["api_key"] as? String else { throw StackError("key: \(key.text)") }
        return (fixture, secret)
    }

    @Test("discovery, services and a service definition; jurisdiction and service code checked")
    func services() async throws {
        let (fixture, _) = try await fixture()
        let discovery = try await fixture.gateway("GET", "/open311/v2/discovery.json")
        #expect(discovery.status == 200)
        let endpoints = try #require(discovery.object["endpoints"] as? [[String: Any]])
        #expect(endpoints.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
        #expect(endpoints.first?["formats"] as? [String] == ["application/json"])

        let services = try await fixture.gateway("GET", "/open311/v2/services.json?jurisdiction_id=\(fixture.slug)", headers: ["Accept-Language": "en"])
        #expect(services.status == 200)
        let roads = try #require(services.array.first as? [String: Any])
        #expect(roads["service_code"] as? String == "roads" && roads["service_name"] as? String == "Roads")
        #expect(roads["metadata"] as? Bool == true && roads["type"] as? String == "realtime")
        #expect(roads["keywords"] as? String == "route, trottoir" && roads["group"] as? String == "espace-public")

        let definition = try await fixture.gateway("GET", "/open311/v2/services/roads.json?jurisdiction_id=\(fixture.slug)")
        #expect(definition.status == 200)
        let attribute = try #require((definition.object["attributes"] as? [[String: Any]])?.first)
        #expect(attribute["code"] as? String == "lane" && attribute["datatype"] as? String == "singlevaluelist")
        #expect(attribute["required"] as? Bool == true && attribute["order"] as? Int == 1)
        #expect((attribute["values"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["left", "right"])

        let unknown = try await fixture.gateway("GET", "/open311/v2/services/potholes.json?jurisdiction_id=\(fixture.slug)")
        #expect(unknown.status == 404)
        #expect((unknown.array.first as? [String: Any])?["code"] as? Int == 404)
        let noJurisdiction = try await fixture.gateway("GET", "/open311/v2/services.json")
        #expect(noJurisdiction.status == 400 && (noJurisdiction.array.first as? [String: Any])?["code"] as? Int == 400)
        #expect(try await fixture.gateway("GET", "/open311/v2/services.json?jurisdiction_id=nowhere-at-all").status == 404)
        #expect(try await fixture.gateway("GET", "/open311/v2/services/roads.xml?jurisdiction_id=\(fixture.slug)").status == 400)
    }

    @Test("POST needs a valid api_key (403); an unknown service code is 404; a valid request is created and found by id and token")
    func createRequests() async throws {
        let (fixture, key) = try await fixture()
        let base: [(String, String)] = [
            ("jurisdiction_id", fixture.slug), ("service_code", "roads"), ("lat", "33.5731"), ("long", "-7.5898"),
            ("description", "Nid-de-poule dangereux devant l'école, rue 12."), ("email", "amal@example.ma"), ("first_name", "Amal"),
            ("attribute[lane]", "right"),
        ]
        let withoutKey = try await post(fixture, base)
        #expect(withoutKey.status == 403 && (withoutKey.array.first as? [String: Any])?["code"] as? Int == 403)
        #expect(try await post(fixture, base + [("api_key", "o311_not-a-key")]).status == 403)
        let other = try await ComplaintFixture.make()
        let otherKey = try #require(
            try await other.call("POST", "\(other.base)/open311-keys", as: other.administrator, json: #"{"label":"Autre"}"#).object["api_key"] as? String)
        #expect(try await post(fixture, base + [("api_key", otherKey)]).status == 403)

        let unknown = try await post(fixture, base.map { $0.0 == "service_code" ? ($0.0, "potholes") : $0 } + [("api_key", key)])
        #expect(unknown.status == 404)
        let missingAttribute = try await post(fixture, base.filter { $0.0 != "attribute[lane]" } + [("api_key", key)])
        #expect(missingAttribute.status == 400)
        #expect(missingAttribute.text.contains("attribute lane") || missingAttribute.text.contains("attribute[lane]"))
        let noLocation = try await post(fixture, base.filter { !["lat", "long"].contains($0.0) } + [("api_key", key)])
        #expect(noLocation.status == 400)
        let badLatitude = try await post(fixture, base.map { $0.0 == "lat" ? ($0.0, "123") : $0 } + [("api_key", key)])
        #expect(badLatitude.status == 400)

        let created = try await post(fixture, base + [("api_key", key)])
        #expect(created.status == 201, "\(created.text)")
        let answer = try #require(created.array.first as? [String: Any])
        let id = try #require(answer["service_request_id"] as? String)
        #expect((answer["service_notice"] as? String)?.contains("Code de suivi") == true)
        #expect(answer.keys.contains("account_id"))

        let one = try await fixture.gateway("GET", "/open311/v2/requests/\(id).json?jurisdiction_id=\(fixture.slug)")
        #expect(one.status == 200)
        let request = try #require(one.array.first as? [String: Any])
        #expect(request["service_code"] as? String == "roads" && request["status"] as? String == "open")
        #expect(request["lat"] as? Double == 33.5731 && request["long"] as? Double == -7.5898)
        #expect((request["requested_datetime"] as? String).flatMap { RFC3339.parse($0) } != nil)
        #expect(request["expected_datetime"] is String)
        #expect(!one.text.contains("amal@example.ma") && !one.text.contains("Amal"))
        let token = try await fixture.gateway("GET", "/open311/v2/tokens/\(id).json?jurisdiction_id=\(fixture.slug)")
        #expect((token.array.first as? [String: Any])?["service_request_id"] as? String == id)
        #expect(try await fixture.gateway("GET", "/open311/v2/tokens/\(UUID().uuidString.lowercased()).json?jurisdiction_id=\(fixture.slug)").status == 404)
        #expect(try await fixture.gateway("GET", "/open311/v2/requests/\(UUID().uuidString.lowercased()).json?jurisdiction_id=\(fixture.slug)").status == 404)
        #expect(try await fixture.gateway("GET", "/open311/v2/requests/\(id).json?jurisdiction_id=\(other.slug)").status == 404)

        // The agents see the channel and the key that entered it.
        let view = try await fixture.call("GET", "\(fixture.base)/cases/\(id)", as: fixture.supervisor())
        #expect(view.object["channel"] as? String == "open311")
        #expect((view.object["entered_by"] as? String)?.hasPrefix("open311-key:") == true)

        // A revoked key is refused.
        let keys = try await fixture.call("GET", "\(fixture.base)/open311-keys", as: fixture.administrator)
        let keyID = try #require((keys.object["keys"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(!keys.text.contains(key))
        #expect(try await fixture.call("DELETE", "\(fixture.base)/open311-keys/\(keyID)", as: fixture.administrator).status == 204)
        #expect(try await post(fixture, base + [("api_key", key)]).status == 403)
    }

    @Test("GET requests.json with its filters and limits: no contact data, no internal notes; a span over 90 days is a 400")
    func listRequests() async throws {
        let (fixture, _) = try await fixture()
        try await fixture.createCategory(#"{"code":"water","name":{"fr":"Eau"}}"#)
        let extra = #","attributes":{"lane":"left"}"#
        let (_, first) = try await fixture.submit(ComplaintFixture.complaint(extra: extra))
        let (_, second) = try await fixture.submit(ComplaintFixture.complaint(extra: extra))
        let (_, water) = try await fixture.submit(ComplaintFixture.complaint(category: "water"))
        let supervisor = fixture.supervisor()
        #expect(try await fixture.call("POST", "\(fixture.base)/cases/\(first.uuidString.lowercased())/notes", as: supervisor, json: #"{"text":"NOTE-INTERNE"}"#).status == 201)
        #expect(try await fixture.step(first, as: supervisor, #"{"type":"answer","text":"Les services techniques ont rebouché le trou."}"#).status == 200)
        let query = "/open311/v2/requests.json?jurisdiction_id=\(fixture.slug)"

        let all = try await fixture.gateway("GET", query)
        #expect(all.status == 200)
        #expect(all.array.compactMap { ($0 as? [String: Any])?["service_request_id"] as? String }
            == [water, second, first].map { $0.uuidString.lowercased() })
        #expect(!all.text.contains("NOTE-INTERNE") && !all.text.contains("amal@example.ma") && !all.text.contains("Amal"))
        #expect(!all.text.contains("Un trou profond"))
        let answered = try #require(all.array.last as? [String: Any])
        #expect(answered["status"] as? String == "closed" && answered["status_notes"] as? String == "Les services techniques ont rebouché le trou.")
        #expect(answered["expected_datetime"] is NSNull)

        let open = try await fixture.gateway("GET", "\(query)&status=open&service_code=roads")
        #expect(open.array.compactMap { ($0 as? [String: Any])?["service_request_id"] as? String } == [second.uuidString.lowercased()])
        let page = try await fixture.gateway("GET", "\(query)&page_size=2&page=2")
        #expect(page.array.count == 1)
        let byID = try await fixture.gateway("GET", "\(query)&service_request_id=\(first.uuidString.lowercased()),\(water.uuidString.lowercased())&status=open")
        #expect(byID.array.count == 2)
        let old = try await fixture.gateway("GET", "\(query)&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")
        #expect(old.status == 200 && old.array.isEmpty)

        let span = try await fixture.gateway("GET", "\(query)&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
        #expect(span.status == 400)
        #expect((span.array.first as? [String: Any])?["code"] as? Int == 400)
        #expect(try await fixture.gateway("GET", "\(query)&status=pending").status == 400)
        #expect(try await fixture.gateway("GET", "\(query)&page_size=5000").status == 400)
        #expect(try await fixture.gateway("GET", "\(query)&start_date=yesterday").status == 400)
    }
}
