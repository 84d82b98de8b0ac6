import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct CategoryFieldTests {
    private func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private func categoryErrors(_ text: String) throws -> [String] {
        do {
            _ = try ComplaintCategory(validating: try json(text))
            Issue.record("expected a validation failure")
            return []
        } catch let problem as Problem {
            return problem.errors.map { "\($0.field) \($0.code)" }
        }
    }

    let fields = [
        CategoryField(code: "school", kind: .string, label: LocalizedText(fr: "Établissement"), required: true),
        CategoryField(
            code: "level", kind: .singleChoice, label: LocalizedText(fr: "Cycle"),
            choices: [.init(key: "primary", label: LocalizedText(fr: "Primaire")), .init(key: "middle", label: LocalizedText(fr: "Collège"))]),
        CategoryField(
            code: "days", kind: .multipleChoice, label: LocalizedText(fr: "Jours"),
            choices: [.init(key: "mon", label: LocalizedText(fr: "Lundi")), .init(key: "tue", label: LocalizedText(fr: "Mardi"))]),
        CategoryField(code: "pupils", kind: .number, label: LocalizedText(fr: "Élèves")),
        CategoryField(code: "seen", kind: .datetime, label: LocalizedText(fr: "Constaté le")),
    ]

    @Test func aCategoryWithFieldsAndADefaultUnit() throws {
        let unit = UUID()
        let category = try ComplaintCategory(validating: try json(
            #"{"code":"schools","name":{"fr":"Écoles"},"default_unit":"\#(unit.uuidString)","fields":[{"code":"level","type":"single_choice","label":{"fr":"Cycle"},"required":true,"choices":[{"key":"primary","label":{"fr":"Primaire"}}]}]}"#))
        #expect(category.defaultUnit == unit)
        #expect(category.fields == [
            CategoryField(code: "level", kind: .singleChoice, label: LocalizedText(fr: "Cycle"), required: true,
                          choices: [.init(key: "primary", label: LocalizedText(fr: "Primaire"))]),
        ])
        let service = category.open311Service(language: .fr)
        #expect(service.hasMetadata)
        let definition = category.open311Definition(language: .fr)
        #expect(definition.attributes.map(\.dataType) == [.singlevaluelist])
        #expect(definition.attributes.first?.order == 1 && definition.attributes.first?.values.map(\.key) == ["primary"])
    }

    @Test func badFieldDefinitionsAreReportedWithTheirPointers() throws {
        let errors = try categoryErrors(
            #"""
            {"code":"x","name":{"fr":"X"},"default_unit":"not-a-uuid","fields":[
              {"code":"School","type":"string","label":{"fr":"A"}},
              {"code":"a","type":"single_choice","label":{"fr":"A"}},
              {"code":"b","type":"string","label":{"fr":"B"},"choices":[]},
              {"code":"b","type":"text","label":{"fr":"B"}},
              {"code":"c","type":"colour","label":{"en":"C"}},
              {"code":"d","type":"multiple_choice","label":{"fr":"D"},"choices":[{"key":"k","label":{"fr":"K"}},{"key":"k","label":{"fr":"K"}}]}]}
            """#)
        #expect(errors.contains("/default_unit invalid_format"))
        #expect(errors.contains("/fields/0/code invalid_format"))
        #expect(errors.contains("/fields/1/choices required"))
        #expect(errors.contains("/fields/2/choices not_allowed"))
        #expect(errors.contains("/fields/3/code duplicate_value"))
        #expect(errors.contains("/fields/4/type unknown_value"))
        #expect(errors.contains("/fields/4/label/fr required"))
        #expect(errors.contains("/fields/5/choices/1/key duplicate_value"))
    }

    @Test func attributesAreCheckedAndCleaned() throws {
        var errors: [FieldError] = []
        let cleaned = CategoryField.validate(
            ["school": " Lycée Ibn Sina ", "level": "middle", "days": ["mon", "mon", "tue"], "pupils": "420", "seen": "2026-03-02T10:00+01:00"],
            against: fields, errors: &errors)
        #expect(errors.isEmpty)
        #expect(cleaned["school"] == "Lycée Ibn Sina")
        #expect(cleaned["days"] == ["mon", "tue"])
        #expect(cleaned["pupils"] == .number(420))
        #expect(cleaned["seen"] == "2026-03-02T09:00:00Z")
    }

    @Test func badAttributesAreEachReported() {
        var errors: [FieldError] = []
        _ = CategoryField.validate(
            ["level": "high", "days": ["sun"], "pupils": "many", "seen": "yesterday", "colour": "red"], against: fields, errors: &errors)
        let found = Set(errors.map { "\($0.field) \($0.code)" })
        #expect(found == [
            "/attributes/colour not_allowed", "/attributes/school required", "/attributes/level unknown_value",
            "/attributes/days/0 unknown_value", "/attributes/pupils invalid_type", "/attributes/seen invalid_format",
        ])
        errors = []
        _ = CategoryField.validate(["school": .number(3), "pupils": .number(.infinity)], against: fields, errors: &errors)
        #expect(Set(errors.map(\.code)) == ["invalid_type"])
    }
}
