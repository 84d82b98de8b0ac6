import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ZoneDefinitionTests {
    private func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    let square = #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#

    @Test func aZoneFromItsBodyOrItsPath() throws {
        let zone = try ZoneDefinition(validating: try json(#"{"code":"casa","name":{"fr":"Casablanca"},"kind":"commune","geometry":\#(square)}"#))
        #expect(zone.code == "casa" && zone.kind == "commune" && zone.name.fr == "Casablanca" && !zone.geometry.isMultiPolygon)
        let fromPath = try ZoneDefinition(validating: try json(#"{"name":{"fr":"Casablanca"},"geometry":\#(square)}"#), code: "casa")
        #expect(fromPath.code == "casa" && fromPath.kind == "area")
    }

    @Test func badZonesAreReported() throws {
        do {
            _ = try ZoneDefinition(
                validating: try json(#"{"code":"other","name":{"en":"X"},"kind":"Commune!","geometry":{"type":"Point","coordinates":[0,0]},"extra":1}"#),
                code: "casa")
            Issue.record("expected a failure")
        } catch let error as Problem {
            #expect(Set(error.errors.map { "\($0.field) \($0.code)" }) == [
                "/code not_allowed", "/name/fr required", "/kind invalid_format", "/geometry/type unknown_value", "/extra not_allowed",
            ])
        }
        #expect(throws: Problem.self) { try ZoneDefinition(validating: try json(#"{"name":{"fr":"X"}}"#)) }
    }
}
