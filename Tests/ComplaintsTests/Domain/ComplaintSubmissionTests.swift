import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintSubmissionTests {
    private func parse(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    /// The field errors of a body that must fail, as "pointer code" strings in order.
    private func errors(_ json: String, configuration: ComplaintSubmission.Configuration = .init()) throws -> [String] {
        let body = try parse(json)
        do {
            _ = try ComplaintSubmission(validating: body, configuration: configuration)
            Issue.record("expected a validation failure")
            return []
        } catch {
            #expect(error.kind == .validationFailed)
            #expect(error.status == 422)
            return error.errors.map { "\($0.field) \($0.code)" }
        }
    }

    @Test func acceptsAFullSubmissionAndCleansIt() throws {
        let body = try parse(
            """
            {"kind": "request", "category": "voirie", "subject": "  Nid de poule  ",
             "description": "Un nid de poule dangereux\\r\\ndevant l'école.",
             "location": {"lat": 33.5731, "lon": -7.5898}, "address": "Bd Zerktouni, Casablanca",
             "contact": {"name": "Amina", "email": "Amina@Example.MA", "phone": "06 12 34 56 78"},
             "language": "ar", "channel": "mobile"}
            """)
        let submission = try ComplaintSubmission(validating: body)
        #expect(submission.kind == .request)
        #expect(submission.category == "voirie")
        #expect(submission.subject == "Nid de poule")
        #expect(submission.description == "Un nid de poule dangereux\ndevant l'école.")
        #expect(submission.location == GeoPoint(latitude: 33.5731, longitude: -7.5898))
        #expect(submission.address == "Bd Zerktouni, Casablanca")
        #expect(submission.contact.name == "Amina")
        #expect(submission.contact.email?.value == "Amina@example.ma")
        #expect(submission.contact.phone?.e164 == "+212612345678")
        #expect(submission.contact.isReachable)
        #expect(submission.language == .ar)
        #expect(submission.channel == .mobile)
    }

    @Test func minimalAnonymousSubmissionTakesDefaults() throws {
        let body = try parse(#"{"category": "eclairage", "subject": "Lampadaire", "description": "Le lampadaire est éteint depuis une semaine."}"#)
        var configuration = ComplaintSubmission.Configuration()
        configuration.defaultLanguage = .en
        configuration.defaultChannel = .desk
        let submission = try ComplaintSubmission(validating: body, configuration: configuration)
        #expect(submission.kind == .complaint)
        #expect(submission.location == nil && submission.address == nil)
        #expect(submission.contact == .none && submission.contact.isEmpty && !submission.contact.isReachable)
        #expect(submission.language == .en && submission.channel == .desk)
    }

    @Test func arabicTextPassesIntact() throws {
        let subject = "حفرة خطيرة في الطريق"
        let description = "توجد حفرة كبيرة أمام المدرسة الابتدائية منذ شهرين، وتشكل خطرا على الأطفال."
        let body = JSONValue.object([
            "category": "voirie", "subject": .string(subject), "description": .string(description), "language": "ar",
            "contact": ["name": "أمينة العلوي", "phone": "٠٦١٢٣٤٥٦٧٨"],
        ])
        let submission = try ComplaintSubmission(validating: body)
        #expect(submission.subject == subject)
        #expect(submission.description == description)
        #expect(submission.contact.name == "أمينة العلوي")
        #expect(submission.contact.phone?.e164 == "+212612345678")
    }

    @Test func nullAndBlankOptionalMembersCountAsAbsent() throws {
        let body = try parse(
            """
            {"category": "voirie", "subject": "Sujet", "description": "Une description suffisante.", "kind": null,
             "location": null, "address": "   ", "contact": {"name": "", "email": " ", "phone": null}, "language": null}
            """)
        let submission = try ComplaintSubmission(validating: body)
        #expect(submission.kind == .complaint && submission.address == nil && submission.contact == .none)
    }

    @Test func reportsEveryInvalidFieldAtOnce() throws {
        let found = try errors(
            """
            {"kind": "praise", "category": "voirie!", "subject": "a", "description": "court",
             "location": {"lat": 91, "lon": -181}, "address": "ligne\\nsuivante",
             "contact": {"name": "x\\u0000y", "email": "pas-un-email", "phone": "12"},
             "language": "es", "channel": "fax", "priority": "high"}
            """)
        #expect(found == [
            "/priority not_allowed", "/kind unknown_value", "/language unknown_value", "/channel unknown_value",
            "/category invalid_format", "/subject too_short", "/description too_short", "/address control_character",
            "/location/lat out_of_range", "/location/lon out_of_range", "/contact/name control_character",
            "/contact/email invalid_format", "/contact/phone invalid_format",
        ])
    }

    @Test func missingRequiredMembers() throws {
        #expect(try errors("{}") == ["/category required", "/subject required", "/description required"])
        #expect(try errors(#"{"category": null, "subject": "   ", "description": "\n\t\n"}"#) == [
            "/category required", "/subject required", "/description required",
        ])
        #expect(try errors(#"{"category": "c", "subject": "abc", "description": "0123456789", "location": {}}"#) == [
            "/location/lat required", "/location/lon required",
        ])
        #expect(try errors(#"{"category": "c", "subject": "abc", "description": "0123456789", "location": {"lat": 33}}"#) == [
            "/location/lon required"
        ])
    }

    @Test func wrongTypesAreFieldErrors() throws {
        #expect(try errors(
            """
            {"category": 12, "subject": ["a"], "description": {"text": "x"}, "location": [33, -7],
             "contact": "amina@example.ma", "kind": true, "address": 5}
            """) == [
                "/kind invalid_type", "/category invalid_type", "/subject invalid_type", "/description invalid_type",
                "/address invalid_type", "/location invalid_type", "/contact invalid_type",
            ])
        #expect(try errors(#"{"category": "c", "subject": "abc", "description": "0123456789", "location": {"lat": "33.5", "lon": -7, "alt": 3}}"#) == [
            "/location/alt not_allowed", "/location/lat invalid_type",
        ])
        #expect(try errors(#"{"category": "c", "subject": "abc", "description": "0123456789", "contact": {"emial": "a@b.ma", "phone": 612345678}}"#) == [
            "/contact/emial not_allowed", "/contact/phone invalid_type",
        ])
        for notObject in ["[]", "\"text\"", "42", "null", "true"] {
            #expect(try errors(notObject) == [" invalid_type"])
        }
    }

    @Test func coordinatesMustBeFiniteAndInRange() throws {
        let base = JSONValue.object(["category": "c", "subject": "abc", "description": "0123456789"])
        func locationErrors(_ lat: Double, _ lon: Double) -> [String] {
            var members = base.objectValue ?? [:]
            members["location"] = ["lat": .number(lat), "lon": .number(lon)]
            do {
                _ = try ComplaintSubmission(validating: .object(members))
                return []
            } catch {
                return error.errors.map { "\($0.field) \($0.code)" }
            }
        }
        #expect(locationErrors(90, 180) == [])
        #expect(locationErrors(-90, -180) == [])
        #expect(locationErrors(.nan, 0) == ["/location/lat out_of_range"])
        #expect(locationErrors(0, .infinity) == ["/location/lon out_of_range"])
        #expect(locationErrors(-90.5, 0) == ["/location/lat out_of_range"])
    }

    @Test func lengthsAtTheirBounds() throws {
        func body(subject: String, description: String) -> JSONValue {
            ["category": "c", "subject": .string(subject), "description": .string(description)]
        }
        #expect(throws: Never.self) { try ComplaintSubmission(validating: body(subject: "abc", description: String(repeating: "d", count: 10))) }
        #expect(throws: Never.self) {
            try ComplaintSubmission(validating: body(subject: String(repeating: "s", count: 200), description: String(repeating: "d", count: 10_000)))
        }
        do {
            _ = try ComplaintSubmission(validating: body(subject: String(repeating: "s", count: 201), description: String(repeating: "d", count: 10_001)))
            Issue.record("expected too_long")
        } catch {
            #expect(error.errors.map(\.code) == ["too_long", "too_long"])
            #expect(error.errors.first?.parameters["maximum"] == 200)
        }
        #expect(try errors(#"{"category": "\#(String(repeating: "c", count: 65))", "subject": "abc", "description": "0123456789"}"#) == [
            "/category invalid_format"
        ])
    }

    @Test func channelsAreLimitedByTheCaller() throws {
        var citizen = ComplaintSubmission.Configuration()
        citizen.allowedChannels = SubmissionChannel.citizenChannels
        #expect(try errors(#"{"category": "c", "subject": "abc", "description": "0123456789", "channel": "desk"}"#, configuration: citizen) == [
            "/channel not_allowed"
        ])
        let body = try parse(#"{"category": "c", "subject": "abc", "description": "0123456789", "channel": "desk"}"#)
        #expect(try ComplaintSubmission(validating: body).channel == .desk)
    }

    @Test func problemsSpeakTheSubmittersLanguage() throws {
        let body = try parse(#"{"category": "c", "subject": "a", "description": "0123456789", "language": "ar"}"#)
        do {
            _ = try ComplaintSubmission(validating: body)
        } catch {
            #expect(error.language == .ar)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(error.encodedJSON()))
            #expect(json["errors"]?[0]?["field"] == "/subject")
            #expect(json["errors"]?[0]?["message"]?.stringValue?.contains("3") == true)
        }
    }

    @Test func categoryCodes() {
        for good in ["voirie", "VOIRIE-2", "a", "eau.potable", "3", "x_y"] {
            #expect(ComplaintSubmission.isValidCategoryCode(good), "\(good)")
        }
        for bad in ["", "-voirie", ".x", "voi rie", "voirie/eau", "é", String(repeating: "a", count: 65)] {
            #expect(!ComplaintSubmission.isValidCategoryCode(bad), "\(bad)")
        }
    }
}
