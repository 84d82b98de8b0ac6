import Testing
import GuichetCore

@Suite struct ProblemTests {
    @Test func encodesTheStandardMembers() throws {
        let problem = Problem(.notFound, language: .en).withInstance("/v1/demo/complaints/42")
        let json = try JSONTestSupport.parse(problem.encodedJSON())
        #expect(json["type"] == "https://guichet.ma/problems/not_found")
        #expect(json["title"] == "Not found")
        #expect(json["status"] == 404)
        #expect(json["detail"] == "The requested resource does not exist.")
        #expect(json["instance"] == "/v1/demo/complaints/42")
        #expect(json["code"] == "not_found")
        #expect(json["errors"] == nil)
        #expect(Problem.mediaType == "application/problem+json")
    }

    @Test func memberOrderIsStable() {
        let text = String(decoding: Problem(.conflict).encodedJSON(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"type":"https://guichet.ma/problems/conflict","title":"Conflit","status":409,"detail":"#))
        #expect(text.hasSuffix(#","code":"conflict"}"#))
    }

    @Test func typeBaseIsConfigurable() throws {
        let json = try JSONTestSupport.parse(Problem(.gone).encodedJSON(typeBase: "https://example.test/p/"))
        #expect(json["type"] == "https://example.test/p/gone")
    }

    @Test func languageSelectsTitleAndDetail() throws {
        let arabic = try JSONTestSupport.parse(Problem(.forbidden, language: .ar).encodedJSON())
        #expect(arabic["title"] == "الوصول مرفوض")
        let french = Problem(.forbidden)
        #expect(french.title == "Accès refusé")
        #expect(french.localized(.en).title == "Forbidden")
        #expect(french.localized(.en).code == "forbidden")
    }

    @Test func validationListsFieldErrors() throws {
        let problem = Problem.validation(
            [.required("/contact/email"), .tooLong("/subject", maximum: 200), .unknownValue("/channel", allowed: ["web", "phone"])],
            language: .fr)
        #expect(problem.status == 422)
        let json = try JSONTestSupport.parse(problem.encodedJSON())
        let errors = try #require(json["errors"]?.arrayValue)
        #expect(errors.count == 3)
        #expect(errors[0] == ["field": "/contact/email", "code": "required", "message": "Ce champ est obligatoire."])
        #expect(errors[1]["code"] == "too_long")
        #expect(errors[1]["maximum"] == 200)
        #expect(errors[1]["message"] == "Ce champ ne doit pas dépasser 200 caractères.")
        #expect(errors[2]["allowed"] == ["web", "phone"])
        let arabic = try JSONTestSupport.parse(problem.localized(.ar).encodedJSON())
        #expect(arabic["errors"]?[1]?["message"] == "يجب ألا يتجاوز عدد أحرف هذا الحقل 200.")
        #expect(arabic["errors"]?[0]?["message"] == "هذا الحقل إلزامي.")
    }

    @Test func extensionsAreTopLevelAndCannotOverrideStandardMembers() throws {
        let problem = Problem(.conflict)
            .withExtension("next_slots", ["2026-03-02T09:00:00+01:00", "2026-03-02T09:30:00+01:00"])
            .withExtension("status", 200)
            .withExtension("type", "about:blank")
        let json = try JSONTestSupport.parse(problem.encodedJSON())
        #expect(json["next_slots"]?.arrayValue?.count == 2)
        #expect(json["status"] == 409)
        #expect(json["type"] == "https://guichet.ma/problems/conflict")
    }

    @Test func detailCanBeReplaced() throws {
        let plain = Problem(.badRequest, language: .ar).withDetail("Missing header X")
        #expect(plain.detail == "Missing header X")
        let translated = Problem(.badRequest, language: .en)
            .withDetail(LocalizedText(fr: "En-tête manquant", ar: "ترويسة ناقصة", en: "Missing header"))
        #expect(try JSONTestSupport.parse(translated.encodedJSON())["detail"] == "Missing header")
        #expect(translated.localized(.ar).detail == "ترويسة ناقصة")
    }

    @Test func detailIsEscaped() throws {
        let problem = Problem(.badRequest).withDetail("bad \"value\"\n\u{0}")
        #expect(try JSONTestSupport.parse(problem.encodedJSON())["detail"] == "bad \"value\"\n\u{0}")
    }

    @Test func servicesDeclareTheirOwnKinds() throws {
        let slotTaken = ProblemKind(
            code: "slot_taken", status: 409,
            title: LocalizedText(fr: "Créneau déjà pris", ar: "الموعد محجوز مسبقًا", en: "Slot already taken"),
            detail: LocalizedText(fr: "Choisissez un autre créneau.", ar: "اختر موعدًا آخر.", en: "Choose another slot."))
        let json = try JSONTestSupport.parse(Problem(slotTaken, language: .en).encodedJSON())
        #expect(json["code"] == "slot_taken")
        #expect(json["type"] == "https://guichet.ma/problems/slot_taken")
        #expect(json["title"] == "Slot already taken")
    }

    @Test func problemIsAnError() {
        func fail() throws { throw Problem(.tenantNotFound) }
        #expect(throws: Problem(.tenantNotFound)) { try fail() }
    }

    @Test(arguments: ["", "Not_found", "1abc", "a-b", "a b", "é", String(repeating: "a", count: 65)])
    func invalidCodesAreRejected(code: String) {
        #expect(!ProblemKind.isValidCode(code))
    }

    @Test func validCodes() {
        #expect(ProblemKind.isValidCode("not_found"))
        #expect(ProblemKind.isValidCode("http_version_not_supported"))
        #expect(ProblemKind.isValidCode("x2"))
    }
}

@Suite struct ProblemCatalogTests {
    static let expected: [(String, Int)] = [
        ("malformed_json", 400), ("bad_request", 400), ("validation_failed", 422), ("not_found", 404),
        ("method_not_allowed", 405), ("request_timeout", 408), ("conflict", 409), ("gone", 410),
        ("precondition_failed", 412), ("payload_too_large", 413), ("unsupported_media_type", 415),
        ("headers_too_large", 431), ("too_many_requests", 429), ("unauthorized", 401), ("forbidden", 403),
        ("idempotency_key_reused", 422), ("tenant_not_found", 404), ("internal_error", 500), ("bad_gateway", 502),
        ("service_unavailable", 503), ("database_unavailable", 503), ("gateway_timeout", 504),
        ("http_version_not_supported", 505), ("too_many_connections", 503),
    ]

    @Test func catalogHasEveryRequiredCodeWithItsStatus() {
        let byCode = Dictionary(uniqueKeysWithValues: ProblemKind.platformCatalog.map { ($0.code, $0.status) })
        #expect(byCode.count == ProblemKind.platformCatalog.count, "codes are unique")
        for (code, status) in Self.expected {
            #expect(byCode[code] == status, "\(code)")
        }
    }

    @Test(arguments: ProblemKind.platformCatalog)
    func everyKindIsFullyTranslated(kind: ProblemKind) {
        #expect(ProblemKind.isValidCode(kind.code))
        for text in [kind.title, kind.detail] {
            let ar = text.ar ?? ""
            let en = text.en ?? ""
            #expect(!text.fr.isEmpty && !ar.isEmpty && !en.isEmpty, "\(kind.code)")
            #expect(ar.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(kind.code) Arabic is Arabic")
            #expect(ar != text.fr && ar != en, "\(kind.code)")
            #expect(!text.fr.contains("TODO") && !ar.contains("TODO") && !en.contains("TODO"))
        }
        #expect(kind.detail.fr.hasSuffix(".") && kind.detail.ar!.hasSuffix(".") && kind.detail.en!.hasSuffix("."))
    }
}

@Suite struct FieldErrorTests {
    @Test func pointersEscapeTildeAndSlash() {
        #expect(FieldError.pointer("contact", "email") == "/contact/email")
        #expect(FieldError.pointer("a/b", "m~n") == "/a~1b/m~0n")
        #expect(FieldError.pointer(["items", "0"]) == "/items/0")
        #expect(FieldError.pointer([]) == "")
    }

    @Test func everyCodeHasMessagesInEveryLanguage() {
        let errors: [FieldError] = [
            .required("/a"), .invalidType("/a", expected: .integer), .invalidFormat("/a"),
            .invalidFormat("/a", format: LocalizedText(fr: "adresse e-mail", ar: "بريد إلكتروني", en: "email address")),
            .tooLong("/a", maximum: 10), .tooShort("/a", minimum: 2), .outOfRange("/a", minimum: 1, maximum: 5),
            .unknownValue("/a"), .unknownValue("/a", allowed: ["x"]), .notAllowed("/a"),
        ]
        #expect(Set(errors.map(\.code)) == [
            "required", "invalid_type", "invalid_format", "too_long", "too_short", "out_of_range", "unknown_value",
            "not_allowed",
        ])
        for error in errors {
            #expect(error.message.ar != nil && error.message.en != nil, "\(error.code)")
            #expect(error.message.ar!.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
        }
    }

    @Test func messagesCarryTheirParameters() {
        #expect(FieldError.tooShort("/a", minimum: 8).message.en == "This field must contain at least 8 characters.")
        #expect(FieldError.outOfRange("/a", minimum: 1, maximum: 2.5).message.fr == "La valeur doit être comprise entre 1 et 2.5.")
        #expect(FieldError.invalidType("/a", expected: .boolean).message.en == "This field has the wrong type (expected: boolean).")
        #expect(FieldError.invalidType("/a", expected: .boolean).parameters["expected"] == "boolean")
        #expect(FieldError.unknownValue("/a", allowed: ["web", "phone"]).message.ar == "قيمة غير معروفة. القيم المقبولة: web, phone.")
    }
}
