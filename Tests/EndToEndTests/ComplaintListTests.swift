import Complaints
import Foundation
import GuichetCore
import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("End to end: agents' lists, text search, overdue and alerts, the map, statistics and open data")
struct ComplaintListTests {
    func ids(_ response: RawResponse) -> [String] {
        (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("keyset pages in a stable order, newest first, with every filter; handlers see their units only")
    func pagesAndFilters() async throws {
        let fixture = try await ComplaintFixture.make()
        let (unit, otherUnit) = (UUID(), UUID())
        try await fixture.createCategory(#"{"code":"water","name":{"fr":"Eau"},"default_unit":"\#(otherUnit.uuidString)"}"#)
        #expect(try await fixture.call(
            "PUT", "\(fixture.base)/categories/roads", as: fixture.administrator,
            json: #"{"name":{"fr":"Voirie"},"default_unit":"\#(unit.uuidString)"}"#, headers: ["If-Match": "\"1\""]).status == 200)
        var created: [UUID] = []
        for index in 0..<7 {
            created.append(try await fixture.submit(ComplaintFixture.complaint(subject: "Signalement \(index)", lat: 33.5 + Double(index) / 100)).id)
        }
        let (_, water) = try await fixture.submit(ComplaintFixture.complaint(category: "water", subject: "Fuite d'eau", lat: 33.52))
        let (_, arabic) = try await fixture.submit(
            #"{"category":"roads","subject":"حفرة خطيرة","description":"حفرة خطيرة في الطريق أمام المدرسة","language":"ar"}"#)
        let supervisor = fixture.supervisor()

        // Pages of 3: each row once, newest first, as the database orders them.
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await fixture.call(
                "GET", "\(fixture.base)/cases?limit=3\(cursor.map { "&cursor=\($0)" } ?? "")", as: supervisor)
            #expect(page.status == 200, "\(page.text)")
            seen += ids(page)
            cursor = page.object["next_cursor"] as? String
        } while cursor != nil
        let expected = try await fixture.stack.complaints.runtime.database.query(
            "SELECT id FROM complaints.complaints WHERE tenant_id = \(fixture.tenant.id) ORDER BY created_at DESC, id DESC",
            tenant: fixture.tenant.id
        ).map { try $0.decode(UUID.self).uuidString.lowercased() }
        #expect(seen == expected)
        #expect(seen.count == 9)

        // Filters.
        let byUnit = try await fixture.call("GET", "\(fixture.base)/cases?unit=\(unit.uuidString)&limit=50", as: supervisor)
        #expect(Set(ids(byUnit)) == Set((created + [arabic]).map { $0.uuidString.lowercased() }))
        let byCategory = try await fixture.call("GET", "\(fixture.base)/cases?category=water", as: supervisor)
        #expect(ids(byCategory) == [water.uuidString.lowercased()])
        _ = try await fixture.step(created[0], as: supervisor, #"{"type":"acknowledge"}"#)
        _ = try await fixture.step(created[1], as: supervisor, #"{"type":"start"}"#)
        let byStatus = try await fixture.call("GET", "\(fixture.base)/cases?status=acknowledged,in_progress", as: supervisor)
        #expect(ids(byStatus) == [created[1], created[0]].map { $0.uuidString.lowercased() })
        let handlerByStatus = try await fixture.call("GET", "\(fixture.base)/cases?status=received", as: fixture.handler(units: [unit]))
        #expect(ids(handlerByStatus).count == 6 && !ids(handlerByStatus).contains(water.uuidString.lowercased()))
        let foreignUnit = try await fixture.call("GET", "\(fixture.base)/cases?unit=\(otherUnit.uuidString)", as: fixture.handler(units: [unit]))
        #expect(ids(foreignUnit).isEmpty)

        // Text: French without accents and stems, Arabic.
        let french = try await fixture.call("GET", "\(fixture.base)/cases?q=ecoles", as: supervisor)
        #expect(ids(french).count == 8)
        let arabicSearch = try await fixture.call("GET", "\(fixture.base)/cases?q=%D8%B7%D8%B1%D9%8A%D9%82", as: supervisor)
        #expect(ids(arabicSearch) == [arabic.uuidString.lowercased()])
        let leak = try await fixture.call("GET", "\(fixture.base)/cases?q=amal", as: supervisor)
        #expect(ids(leak).isEmpty)

        // Zones.
        let zone = #"{"code":"north","name":{"fr":"Nord"},"geometry":{"type":"Polygon","coordinates":[[[-8,33.545],[-7,33.545],[-7,34],[-8,34],[-8,33.545]]]}}"#
        #expect(try await fixture.call("POST", "\(fixture.base)/zones", as: fixture.administrator, json: zone).status == 201)
        let inZone = try await fixture.call("GET", "\(fixture.base)/cases?zone=north", as: supervisor)
        #expect(Set(ids(inZone)) == Set(created[5...].map { $0.uuidString.lowercased() }))

        // Bad parameters, each named.
        let bad = try await fixture.call("GET", "\(fixture.base)/cases?status=lost&limit=0&cursor=zzz&unit=nobody&overdue=maybe", as: supervisor)
        #expect(bad.status == 422)
        let fields = Set((bad.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields == ["status", "limit", "cursor", "unit", "overdue"])
    }

    @Test("overdue complaints are listed, and supervisors' alerts come at the threshold")
    func overdueAndAlerts() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let (_, late) = try await fixture.submit()
        let (_, approaching) = try await fixture.submit()
        let (_, fresh) = try await fixture.submit()
        try await fixture.asOwner([
            """
            UPDATE complaints.complaints SET answer_due = now() - interval '2 days', answer_alert_at = now() - interval '10 days',
                acknowledgement_due = now() - interval '20 days'
            WHERE tenant_id = \(fixture.tenant.id) AND id = \(late)
            """,
            """
            UPDATE complaints.complaints SET answer_alert_at = now() - interval '1 day'
            WHERE tenant_id = \(fixture.tenant.id) AND id = \(approaching)
            """,
        ])
        let overdue = try await fixture.call("GET", "\(fixture.base)/cases?overdue=true", as: supervisor)
        #expect(ids(overdue) == [late.uuidString.lowercased()])
        #expect((overdue.object["items"] as? [[String: Any]])?.first?["overdue"] as? Bool == true)
        let alerts = try await fixture.call("GET", "\(fixture.base)/alerts", as: supervisor)
        #expect(ids(alerts) == [late, approaching].map { $0.uuidString.lowercased() })
        #expect(!ids(alerts).contains(fresh.uuidString.lowercased()))
        let view = try await fixture.call("GET", "\(fixture.base)/cases/\(late.uuidString.lowercased())", as: supervisor)
        let deadlines = try #require(view.object["deadlines"] as? [String: Any])
        #expect((deadlines["answer"] as? [String: Any])?["state"] as? String == "overdue")
        #expect((deadlines["acknowledgement"] as? [String: Any])?["state"] as? String == "overdue")
        // Answering stops the clock: no longer overdue.
        _ = try await fixture.step(late, as: supervisor, #"{"type":"answer","text":"Les services techniques ont rebouché le trou."}"#)
        #expect(ids(try await fixture.call("GET", "\(fixture.base)/cases?overdue=true", as: supervisor)).isEmpty)
    }

    @Test("the map: GeoJSON clusters by zoom level, the same cells as the domain's clusterer; points when zoomed in")
    func map() async throws {
        let fixture = try await ComplaintFixture.make()
        let supervisor = fixture.supervisor()
        let places: [(Double, Double)] = [
            (33.5731, -7.5898), (33.5741, -7.5890), (33.5750, -7.5880), (34.0209, -6.8416), (34.0215, -6.8420), (31.6295, -7.9811),
        ]
        var points: [MapClusterer.Point] = []
        for (lat, lon) in places {
            let (_, id) = try await fixture.submit(ComplaintFixture.complaint(lat: lat, lon: lon))
            points.append(MapClusterer.Point(id: id.uuidString.lowercased(), location: GeoPoint(latitude: lat, longitude: lon)!))
        }
        _ = try await fixture.submit(ComplaintFixture.complaint(lat: nil))
        for zoom in [3, 8, 12] {
            let response = try await fixture.call("GET", "\(fixture.base)/map?zoom=\(zoom)", as: supervisor)
            #expect(response.status == 200 && response.header("content-type") == "application/geo+json")
            let features = try #require(response.object["features"] as? [[String: Any]])
            let domain = MapClusterer().items(for: points, zoom: zoom)
            #expect(features.count == domain.count, "zoom \(zoom)")
            let counts = features.map { (($0["properties"] as? [String: Any])?["count"] as? Int) ?? 1 }.sorted()
            let expected = domain.map { item -> Int in
                if case .cluster(let cluster) = item { return cluster.count }
                return 1
            }.sorted()
            #expect(counts == expected, "zoom \(zoom)")
            #expect(counts.reduce(0, +) == 6)
        }
        let zoomedIn = try await fixture.call("GET", "\(fixture.base)/map?zoom=18&bbox=-7.6,33.57,-7.58,33.58", as: supervisor)
        let singles = try #require(zoomedIn.object["features"] as? [[String: Any]])
        #expect(Set(singles.compactMap { $0["id"] as? String }) == Set(points.prefix(3).map(\.id)))
        #expect(singles.allSatisfy { ($0["properties"] as? [String: Any])?["cluster"] as? Bool == false })
        let outsider = try await fixture.call("GET", "\(fixture.base)/map?zoom=3", as: fixture.handler(units: [UUID()]))
        #expect((outsider.object["features"] as? [Any])?.isEmpty == true)
        #expect(try await fixture.call("GET", "\(fixture.base)/map", as: supervisor).status == 422)
        #expect(try await fixture.call("GET", "\(fixture.base)/map?zoom=30", as: supervisor).status == 422)
        #expect(try await fixture.call("GET", "\(fixture.base)/map?zoom=5&bbox=10,0,-10,5", as: supervisor).status == 422)
    }

    @Test("statistics equal what the raw data gives, in JSON and CSV; open data is public and the same")
    func statistics() async throws {
        let fixture = try await ComplaintFixture.make()
        try await fixture.createCategory(#"{"code":"water","name":{"fr":"Eau","ar":"الماء","en":"Water"}}"#)
        let supervisor = fixture.supervisor()
        let reasoned = "Les services techniques ont rebouché le trou."
        var roads: [(code: String, id: UUID)] = []
        for _ in 0..<4 { roads.append(try await fixture.submit()) }
        let (_, water) = try await fixture.submit(ComplaintFixture.complaint(category: "water"))
        let (_, duplicate) = try await fixture.submit()
        _ = try await fixture.step(roads[0].id, as: supervisor, #"{"type":"answer","text":"\#(reasoned)"}"#)
        _ = try await fixture.step(roads[1].id, as: supervisor, #"{"type":"answer","text":"\#(reasoned)"}"#)
        _ = try await fixture.step(water, as: supervisor, #"{"type":"reject","reason":"Ce sujet relève de la régie."}"#)
        _ = try await fixture.step(duplicate, as: supervisor, #"{"type":"merge","into":"\#(roads[3].id.uuidString)"}"#)
        _ = try await fixture.gateway("POST", "\(fixture.base)/\(roads[0].code)/rating", json: #"{"satisfied":true}"#)
        _ = try await fixture.gateway("POST", "\(fixture.base)/\(roads[1].code)/rating", json: #"{"satisfied":false}"#)
        _ = try await fixture.gateway("POST", "\(fixture.base)/\(roads[1].code)/reopen", json: #"{"reason":"Le trou est toujours là."}"#)
        // One complaint answered late: its first deadline moved to before its answer.
        try await fixture.asOwner([
            "UPDATE complaints.complaints SET first_answer_due = first_answered_at - interval '1 day' WHERE tenant_id = \(fixture.tenant.id) AND id = \(roads[1].id)"
        ])

        let response = try await fixture.call("GET", "\(fixture.base)/statistics?by=category", as: supervisor)
        #expect(response.status == 200, "\(response.text)")
        let total = try #require(response.object["total"] as? [String: Any])
        let tenant = fixture.tenant.id
        func sql(_ query: PostgresQuery) async throws -> Int { try await fixture.count(query) }
        #expect(total["received"] as? Int == (try await sql("SELECT count(*)::int8 FROM complaints.complaints WHERE tenant_id = \(tenant) AND status <> 'merged'")))
        #expect(total["received"] as? Int == 5)
        #expect(total["answered"] as? Int == (try await sql(
            "SELECT count(*)::int8 FROM complaints.complaints WHERE tenant_id = \(tenant) AND status <> 'merged' AND coalesce(first_answered_at, rejected_at) IS NOT NULL")))
        #expect(total["answered"] as? Int == 3)
        #expect(total["answered_in_time"] as? Int == (try await sql(
            "SELECT count(*)::int8 FROM complaints.complaints WHERE tenant_id = \(tenant) AND status <> 'merged' AND coalesce(first_answered_at, rejected_at) <= first_answer_due")))
        #expect(total["answered_in_time"] as? Int == 2)
        #expect(total["reopened"] as? Int == (try await sql(
            "SELECT count(*)::int8 FROM complaints.complaints WHERE tenant_id = \(tenant) AND status <> 'merged' AND reopen_count > 0")))
        #expect(total["rated"] as? Int == 2 && total["satisfied"] as? Int == 1)
        #expect(total["satisfaction_rate"] as? Double == 0.5)
        let groups = try #require(response.object["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["key"] as? String } == ["roads", "water"])
        #expect(groups.first?["received"] as? Int == 4)

        let csv = try await fixture.call("GET", "\(fixture.base)/statistics?by=category&format=csv", as: supervisor, headers: ["Accept-Language": "en"])
        #expect(csv.header("content-type") == "text/csv; charset=utf-8")
        let lines = csv.text.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasPrefix("\u{FEFF}Category,Received,Answered") == true)
        #expect(lines.contains { $0.hasPrefix("Roads,4,2,") } && lines.contains { $0.hasPrefix("Water,1,1,") } && lines.contains { $0.hasPrefix("Total,5,3,") })

        let open = try await fixture.gateway("GET", "\(fixture.base)/open-data/statistics?by=category")
        #expect(open.status == 200)
        #expect((open.object["total"] as? [String: Any])?["received"] as? Int == 5)
        #expect(try await fixture.gateway("GET", "\(fixture.base)/open-data/statistics?unit=\(UUID().uuidString)").status == 422)
        #expect(try await fixture.gateway("GET", "\(fixture.base)/statistics").status == 401)
        #expect(try await fixture.call("GET", "\(fixture.base)/statistics", as: fixture.handler(units: [UUID()])).status == 403)
        let months = try await fixture.call("GET", "\(fixture.base)/statistics?by=month&from=2020-01-01&to=2099-12-31", as: fixture.administrator)
        #expect((months.object["groups"] as? [Any])?.count == 1)
        #expect(try await fixture.call("GET", "\(fixture.base)/statistics?by=week", as: supervisor).status == 422)
    }
}
