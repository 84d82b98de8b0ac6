import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ZoneGeometryTests {
    private func parse(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    private func errors(_ json: String, pointer: String = "/geometry", limits: ZoneGeometry.Limits = .init()) throws -> [String] {
        let body = try parse(json)
        do {
            _ = try ZoneGeometry(validating: body, pointer: pointer, limits: limits)
            Issue.record("expected validation errors")
            return []
        } catch {
            #expect(error.kind == .validationFailed)
            return error.errors.map { "\($0.field) \($0.code)" }
        }
    }

    let square = "[[-7.6, 33.5], [-7.5, 33.5], [-7.5, 33.6], [-7.6, 33.6], [-7.6, 33.5]]"

    @Test func acceptsPolygonsWithHolesAndMultiPolygons() throws {
        let hole = "[[-7.58, 33.52], [-7.56, 33.52], [-7.56, 33.54], [-7.58, 33.52]]"
        let polygon = try ZoneGeometry(validating: try parse(#"{"type": "Polygon", "coordinates": [\#(square), \#(hole)], "bbox": [0, 0, 1, 1]}"#))
        #expect(polygon.polygons.count == 1 && polygon.polygons[0].count == 2 && !polygon.isMultiPolygon)
        #expect(polygon.boundingBox?.coordinates == [-7.6, 33.5, -7.5, 33.6])
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(polygon.geometry.encodedJSON))
        #expect(json["type"] == "Polygon" && json["coordinates"]?[0]?[1] == [-7.5, 33.5])
        let multi = try ZoneGeometry(validating: try parse(#"{"type": "MultiPolygon", "coordinates": [[\#(square)], [\#(square)]]}"#))
        #expect(multi.isMultiPolygon && multi.polygons.count == 2)
        #expect(multi.geometry.typeName == "MultiPolygon")
        // Altitudes are accepted and dropped; either winding order is fine.
        let reversed = "[[-7.6, 33.5, 10], [-7.6, 33.6, 10], [-7.5, 33.6, 10], [-7.5, 33.5, 10], [-7.6, 33.5, 10]]"
        let withAltitudes = try ZoneGeometry(validating: try parse(#"{"type": "Polygon", "coordinates": [\#(reversed)]}"#))
        let ring = try #require(withAltitudes.polygons.first?.first)
        #expect(ring.count == 5 && ring.first == GeoPoint(latitude: 33.5, longitude: -7.6))
    }

    @Test func rejectsBadStructureWithPointers() throws {
        #expect(try errors(#"[]"#) == ["/geometry invalid_type"])
        #expect(try errors(#"{}"#) == ["/geometry/type required"])
        #expect(try errors(#"{"type": "Point", "coordinates": [0, 0]}"#) == ["/geometry/type unknown_value"])
        #expect(try errors(#"{"type": 3}"#) == ["/geometry/type invalid_type"])
        #expect(try errors(#"{"type": "Polygon"}"#) == ["/geometry/coordinates required"])
        #expect(try errors(#"{"type": "Polygon", "coordinates": {}}"#) == ["/geometry/coordinates invalid_type"])
        #expect(try errors(#"{"type": "Polygon", "coordinates": []}"#) == ["/geometry/coordinates too_few_items"])
        #expect(try errors(#"{"type": "MultiPolygon", "coordinates": []}"#) == ["/geometry/coordinates too_few_items"])
        #expect(try errors(#"{"type": "MultiPolygon", "coordinates": [[]]}"#) == ["/geometry/coordinates/0 too_few_items"])
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#) == ["/geometry/coordinates/0 too_few_items"])
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#) == ["/geometry/coordinates/0 ring_not_closed"])
        #expect(try errors(#"{"type": "Polygon", "coordinates": [\#(square), [[0, 0], [1, 0], [1, 1], [0, 1]]]}"#) == [
            "/geometry/coordinates/1 ring_not_closed"
        ])
    }

    @Test func rejectsBadPositions() throws {
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[[0, 0], [181, 0], [1, 95], [0, 0]]]}"#) == [
            "/geometry/coordinates/0/1/0 out_of_range", "/geometry/coordinates/0/2/1 out_of_range",
        ])
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[[0, 0], [1], [1, 1, 1, 1], "x", [0, "0"], [0, 0]]]}"#) == [
            "/geometry/coordinates/0/1 invalid_format", "/geometry/coordinates/0/2 invalid_format", "/geometry/coordinates/0/3 invalid_format",
            "/geometry/coordinates/0/4/1 invalid_type",
        ])
        // Latitude and longitude swapped (a common mistake) is caught when out of range.
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[[33.5, -120], [33.6, -120], [33.6, -121], [33.5, -120]]]}"#, pointer: "") == [
            "/coordinates/0/0/1 out_of_range", "/coordinates/0/1/1 out_of_range", "/coordinates/0/2/1 out_of_range",
            "/coordinates/0/3/1 out_of_range",
        ])
    }

    @Test func boundsTheWorkAndTheReport() throws {
        let bad = (0..<500).map { _ in "[500, 500]" }.joined(separator: ",")
        let found = try errors(#"{"type": "Polygon", "coordinates": [[\#(bad)]]}"#)
        #expect(found.count == 20)
        let many = (0..<50).map { "[\(Double($0) / 100), 0]" }.joined(separator: ",")
        #expect(try errors(#"{"type": "Polygon", "coordinates": [[\#(many), [0, 0]]]}"#, limits: .init(maximumPositions: 40)) == [
            "/geometry/coordinates/0 too_many_items"
        ])
    }
}
