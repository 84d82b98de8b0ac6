import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct RegistrationValidatorTests {
    let clock = ManualWallClock("2026-03-10T10:00:00+01:00")
    var validator: RegistrationValidator { RegistrationValidator(documentTypes: MailFixtures.catalog, clock: clock) }

    func incoming() -> RegistrationInput {
        RegistrationInput(
            direction: "incoming", subject: "  Demande de copie du dossier  ",
            correspondent: CorrespondentInput(name: "Mohamed El Alami", email: "m.alami@example.ma"),
            documentType: "demande_information", receivedAt: "2026-03-10T09:30:00+01:00", reference: "REF-12/2026")
    }

    private func errors(_ input: RegistrationInput) -> [FieldError] {
        do {
            _ = try validator.validate(input)
            return []
        } catch {
            #expect(error.kind == .validationFailed)
            return error.errors
        }
    }

    private func codes(_ input: RegistrationInput) -> [String: String] {
        Dictionary(errors(input).map { ($0.field, $0.code) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aCompleteIncomingRegistrationIsValid() throws {
        let registration = try validator.validate(incoming())
        #expect(registration.direction == .incoming)
        #expect(registration.subject == "Demande de copie du dossier")
        #expect(registration.correspondent == .new(CorrespondentDetails(kind: .person, name: "Mohamed El Alami", email: EmailAddress("m.alami@example.ma"))))
        #expect(registration.documentType == MailFixtures.request)
        #expect(registration.medium == .paper && registration.priority == .normal && registration.confidentiality == .normal)
        #expect(registration.receivedAt == MailFixtures.instant("2026-03-10T08:30:00Z"))
        #expect(registration.sentAt == nil)
        #expect(registration.reference == "REF-12/2026")
    }

    @Test func everyMissingRequiredFieldIsReported() {
        let found = codes(RegistrationInput())
        #expect(found == ["/direction": "required", "/subject": "required", "/document_type": "required"])
        #expect(validator.fieldErrors(in: RegistrationInput()).map(\.field) == ["/direction", "/subject", "/document_type"])
        #expect(validator.fieldErrors(in: incoming()).isEmpty)
        var input = incoming()
        input.correspondent = nil
        #expect(codes(input) == ["/correspondent": "required"])
        input.direction = "internal"
        input.receivedAt = nil
        #expect(codes(input).isEmpty, "internal mail needs no correspondent")
        input.subject = "   \n "
        #expect(codes(input) == ["/subject": "required"])
    }

    @Test func subjectLengthAndControlCharacters() {
        var input = incoming()
        input.subject = String(repeating: "é", count: 501)
        #expect(codes(input) == ["/subject": "too_long"])
        input.subject = String(repeating: "é", count: 500)
        #expect(codes(input).isEmpty)
        input.subject = "ab"
        #expect(codes(input) == ["/subject": "too_short"])
        input.subject = "Objet\u{0007} piégé"
        #expect(codes(input) == ["/subject": "control_character"])
        input.subject = "Objet sur\ndeux lignes"
        #expect(codes(input) == ["/subject": "control_character"])
        input.subject = "طلب الحصول على نسخة"
        #expect(codes(input).isEmpty)
    }

    @Test func unknownEnumerationValuesListWhatIsAllowed() {
        var input = incoming()
        input.direction = "sideways"
        input.medium = "pigeon"
        input.priority = "asap"
        input.confidentiality = "top"
        let found = errors(input)
        #expect(found.map(\.code) == ["unknown_value", "unknown_value", "unknown_value", "unknown_value"])
        #expect(found.first { $0.field == "/medium" }?.parameters["allowed"] == ["paper", "email", "hand_delivered", "other_system"])
        #expect(found.first { $0.field == "/direction" }?.parameters["allowed"] == ["incoming", "outgoing", "internal"])
    }

    @Test func documentTypesMustBeKnownAndApplyToTheDirection() {
        var input = incoming()
        input.documentType = "poeme"
        let found = errors(input)
        #expect(found.map(\.code) == ["unknown_value"])
        #expect(found.first?.parameters["allowed"] == ["arrete", "demande_information", "invitation"])
        input.documentType = "arrete"
        #expect(codes(input) == ["/document_type": "not_allowed_for_direction"])
    }

    @Test func receivedAtMayNotBeInTheFutureBeyondTheSkew() {
        var input = incoming()
        input.receivedAt = "2026-03-10T10:04:59+01:00"
        #expect(codes(input).isEmpty, "within five minutes of skew")
        input.receivedAt = "2026-03-10T10:05:01+01:00"
        #expect(codes(input) == ["/received_at": "in_the_future"])
        input.receivedAt = "2026-03-11T00:00:00Z"
        #expect(codes(input) == ["/received_at": "in_the_future"])
        clock.advance(by: .seconds(86_400))
        #expect(codes(input).isEmpty, "the injected clock moved on")
    }

    @Test func datesMustBeRFC3339AndNotTooOld() {
        var input = incoming()
        input.receivedAt = "10/03/2026"
        #expect(codes(input) == ["/received_at": "invalid_format"])
        input.receivedAt = "2026-03-10T09:30:00"
        #expect(codes(input) == ["/received_at": "invalid_format"], "an offset is required")
        input.receivedAt = "2024-01-01T00:00:00Z"
        #expect(codes(input) == ["/received_at": "too_old"])
    }

    @Test func eachDirectionTakesItsOwnDate() throws {
        var input = incoming()
        input.sentAt = "2026-03-09T10:00:00+01:00"
        #expect(codes(input) == ["/sent_at": "not_allowed_for_direction"])
        input = incoming()
        input.direction = "outgoing"
        #expect(codes(input) == ["/received_at": "not_allowed_for_direction"])
        input.receivedAt = nil
        input.sentAt = "2026-03-10T10:10:00+01:00"
        #expect(codes(input) == ["/sent_at": "in_the_future"])
        input.sentAt = "2026-03-10T09:00:00+01:00"
        #expect(try validator.validate(input).sentAt == MailFixtures.instant("2026-03-10T08:00:00Z"))
    }

    @Test func correspondentIsAContactOrANewDescription() throws {
        var input = incoming()
        input.correspondent = CorrespondentInput(id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        #expect(try validator.validate(input).correspondent == .contact(MailFixtures.tenant))
        input.correspondent = CorrespondentInput(id: "not-a-uuid")
        #expect(codes(input) == ["/correspondent/id": "invalid_format"])
        input.correspondent = CorrespondentInput(id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", name: "X")
        #expect(codes(input) == ["/correspondent/name": "mutually_exclusive"])
        input.correspondent = CorrespondentInput(kind: "robot", name: "X", email: "not an email")
        #expect(codes(input) == ["/correspondent/kind": "unknown_value", "/correspondent/email": "invalid_format"])
        input.correspondent = CorrespondentInput(kind: "organisation", email: "a@b.ma")
        #expect(codes(input) == ["/correspondent/name": "required"])
        for bad in ["a@b", "@b.ma", "a@.ma", "a@b.", "a@@b.ma", "a b@c.ma"] {
            input.correspondent = CorrespondentInput(name: "X", email: bad)
            #expect(codes(input) == ["/correspondent/email": "invalid_format"], "\(bad)")
        }
    }

    @Test func referencesAndLinkedItems() throws {
        var input = incoming()
        input.reference = String(repeating: "R", count: 101)
        input.inReplyTo = "nope"
        input.linkedItems = ["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "zzz"]
        #expect(codes(input) == ["/reference": "too_long", "/in_reply_to": "invalid_format", "/linked_items/1": "invalid_format"])
        input = incoming()
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
        input.linkedItems = [id, id.uppercased()]
        #expect(try validator.validate(input).linkedItems == [MailFixtures.tenant], "repeats are dropped")
        input.linkedItems = Array(repeating: id, count: 51)
        #expect(codes(input) == ["/linked_items": "too_many_items"])
    }

    @Test func messagesComeInEveryLanguage() {
        var input = RegistrationInput(direction: "incoming", subject: "x", documentType: "?", receivedAt: "2030-01-01T00:00:00Z")
        input.correspondent = CorrespondentInput(name: "X", email: "bad")
        for error in errors(input) {
            #expect(error.message.ar != nil && error.message.en != nil, "\(error.code)")
            #expect(error.field.hasPrefix("/"))
        }
    }

    @Test func deduplicationKeysIgnoreCaseAccentsAndPunctuation() {
        let a = CorrespondentDetails(kind: .person, name: "Mohamed  EL-ALAMI", email: EmailAddress("M.Alami@Example.MA"))
        let b = CorrespondentDetails(kind: .person, name: "mohamed el alami")
        let c = CorrespondentDetails(kind: .organisation, name: "Mohamed El Alami")
        #expect(a.deduplicationKeys == ["email:m.alami@example.ma", "name:person:mohamed el alami"])
        #expect(b.deduplicationKeys == ["name:person:mohamed el alami"])
        #expect(c.deduplicationKeys == ["name:organisation:mohamed el alami"])
        #expect(CorrespondentDetails(kind: .organisation, name: "وزارة الصحّة").deduplicationKeys == CorrespondentDetails(kind: .organisation, name: "وزاره الصحه").deduplicationKeys)
        #expect(CorrespondentDetails(kind: .person, name: "Hélène Côté").deduplicationKeys == ["name:person:helene cote"])
    }

    @Test func documentTypesValidateTheirCodesAndDeadlines() {
        let retention = RetentionRule(years: 1, finalAction: .archive)!
        #expect(DocumentType(code: "Bad", name: LocalizedText(fr: "x"), requiresReply: false, retention: retention) == nil)
        #expect(DocumentType(code: "1abc", name: LocalizedText(fr: "x"), requiresReply: false, retention: retention) == nil)
        #expect(DocumentType(code: "ok_1", name: LocalizedText(fr: "x"), requiresReply: false, deadlineWorkingDays: 0, retention: retention) == nil)
        #expect(DocumentType(code: "ok", name: LocalizedText(fr: "x"), requiresReply: false, retention: retention, directions: []) == nil)
        #expect(MailFixtures.request.deadlineWorkingDays(for: .normal) == 20)
        #expect(MailFixtures.request.deadlineWorkingDays(for: .urgent) == 3)
        #expect(MailFixtures.invitation.deadlineWorkingDays(for: .urgent) == nil)
    }
}
