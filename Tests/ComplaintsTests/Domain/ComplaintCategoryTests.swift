import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintCategoryTests {
    private func parse(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    private func errors(_ json: String) throws -> [String] {
        let body = try parse(json)
        do {
            _ = try ComplaintCategory(validating: body)
            Issue.record("expected a validation failure")
            return []
        } catch {
            return error.errors.map { "\($0.field) \($0.code)" }
        }
    }

    @Test func validCategories() throws {
        let full = try ComplaintCategory(validating: try parse(
            """
            {"code": "voirie", "name": {"fr": " Voirie ", "ar": "الطرق", "en": "Roads"}, "description": {"fr": "Routes et trottoirs"},
             "group": "espace-public", "keywords": ["route", "trottoir"],
             "deadlines": {"acknowledgement": {"days": 5, "unit": "working"}, "answer": {"days": 30}, "alert": 75, "extend": true}}
            """))
        #expect(full.code == "voirie" && full.name == LocalizedText(fr: "Voirie", ar: "الطرق", en: "Roads"))
        #expect(full.description?.fr == "Routes et trottoirs" && full.group == "espace-public" && full.keywords == ["route", "trottoir"])
        #expect(full.deadlines == DeadlinePolicy(acknowledgement: .workingDays(5), answer: .calendarDays(30), alertPercent: 75, extendsToWorkingDay: true))
        let minimal = try ComplaintCategory(validating: try parse(#"{"code": "eau", "name": {"fr": "Eau"}}"#))
        #expect(minimal.deadlines == .default && minimal.keywords.isEmpty && minimal.name.text(in: .ar) == "Eau")
        let service = full.open311Service(language: .ar)
        #expect(service.code == "voirie" && service.name == "الطرق" && service.description == "Routes et trottoirs" && service.keywords == ["route", "trottoir"])
    }

    @Test func invalidCategoriesReportEveryField() throws {
        #expect(try errors("{}") == ["/code required", "/name required"])
        #expect(try errors(#"{"code": "a b", "name": {"ar": "x", "de": "y"}, "colour": "red"}"#) == [
            "/colour not_allowed", "/code invalid_format", "/name/de not_allowed", "/name/fr required",
        ])
        #expect(try errors(#"{"code": "c", "name": {"fr": ""}, "keywords": ["a,b", 3, ""], "group": "x y"}"#) == [
            "/name/fr required", "/group invalid_format", "/keywords/0 invalid_format", "/keywords/1 invalid_type", "/keywords/2 required",
        ])
        #expect(try errors(#"{"code": "c", "name": {"fr": "C"}, "deadlines": {"answer": {"days": -1}, "acknowledgement": {"unit": "lunar"}, "alert": 0, "extend": "yes", "x": 1}}"#) == [
            "/deadlines/x not_allowed", "/deadlines/acknowledgement/unit unknown_value", "/deadlines/acknowledgement/days required",
            "/deadlines/answer/days out_of_range", "/deadlines/alert out_of_range", "/deadlines/extend invalid_type",
        ])
        #expect(try errors(#"{"code": "c", "name": {"fr": "C"}, "keywords": "route"}"#) == ["/keywords invalid_type"])
        let many = (0..<25).map { "\"k\($0)\"" }.joined(separator: ",")
        #expect(try errors(#"{"code": "c", "name": {"fr": "C"}, "keywords": [\#(many)]}"#) == ["/keywords too_many_items"])
    }
}
