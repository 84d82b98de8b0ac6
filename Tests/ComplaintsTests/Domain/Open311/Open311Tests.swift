import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct Open311Tests {
    let zone = TimeZone.casablanca
    let now = RFC3339.parse("2026-04-15T12:00:00Z")!

    private func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private func parameters(_ pairs: KeyValuePairs<String, String>) -> Open311Parameters {
        Open311Parameters(pairs.map { (name: $0.key, value: $0.value) })
    }

    private func query(_ pairs: KeyValuePairs<String, String>) throws(Open311Failure) -> Open311RequestQuery {
        try Open311RequestQuery(parameters(pairs), now: now)
    }

    private func failure(_ pairs: KeyValuePairs<String, String>) -> Open311Failure? {
        do {
            _ = try query(pairs)
            return nil
        } catch {
            return error
        }
    }

    @Test func statusMapping() {
        #expect(ComplaintStatus.allCases.map { Open311.Status($0).rawValue } == [
            "open", "open", "open", "open", "closed", "closed", "closed", "open", "closed",
        ])
        #expect(Open311.Status.open.complaintStatuses == [.received, .acknowledged, .assigned, .inProgress, .reopened])
        #expect(Open311.Status.closed.complaintStatuses == [.answered, .closed, .rejected, .merged])
    }

    @Test func serviceListAndDefinition() throws {
        let list = Open311Service.encodedList([
            Open311Service(code: "voirie", name: "Voirie", description: "Routes et trottoirs", keywords: ["route", "trottoir"], group: "espace public"),
            Open311Service(code: "eau", name: "Eau", hasMetadata: true),
        ])
        let json = try parse(list)
        #expect(json[0] == [
            "service_code": "voirie", "service_name": "Voirie", "description": "Routes et trottoirs", "metadata": false, "type": "realtime",
            "keywords": "route, trottoir", "group": "espace public",
        ])
        #expect(json[1]?["description"] == .null && json[1]?["metadata"] == true && json[1]?["group"] == .null)
        let definition = Open311ServiceDefinition(code: "eau", attributes: [
            .init(code: "compteur", dataType: .string, required: false, order: 2, description: "Numéro du compteur ?"),
            .init(code: "nature", dataType: .singlevaluelist, required: true, order: 1, description: "Nature de la fuite ?",
                values: [.init(key: "rue", name: "Dans la rue"), .init(key: "domicile", name: "Au domicile")]),
        ])
        let definitionJSON = try parse(definition.encodedJSON)
        #expect(definitionJSON["service_code"] == "eau")
        #expect(definitionJSON["attributes"]?[0]?["code"] == "nature")
        #expect(definitionJSON["attributes"]?[0]?["values"] == [["key": "rue", "name": "Dans la rue"], ["key": "domicile", "name": "Au domicile"]])
        #expect(definitionJSON["attributes"]?[1]?["values"] == nil)
        #expect(definitionJSON["attributes"]?[1]?["datatype_description"] == .null)
        #expect(definitionJSON["attributes"]?[1]?["variable"] == true)
    }

    @Test func requestEntriesFromComplaints() throws {
        let id = UUID(uuidString: "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!
        let open = Open311ServiceRequest(
            complaintID: id, workflow: .inProgress, category: ("voirie", "Voirie"), receivedAt: RFC3339.parse("2026-03-01T09:30:00Z")!,
            updatedAt: RFC3339.parse("2026-04-02T10:00:00Z")!, answerDue: RFC3339.parse("2026-04-30T22:59:59Z")!,
            description: "Nid de poule", address: "Bd Zerktouni", location: GeoPoint(latitude: 33.5731, longitude: -7.5898))
        let closed = Open311ServiceRequest(
            complaintID: id, workflow: .closed, category: ("voirie", "Voirie"), receivedAt: RFC3339.parse("2026-01-01T09:30:00Z")!,
            updatedAt: RFC3339.parse("2026-01-05T10:00:00Z")!, answerDue: RFC3339.parse("2026-03-01T22:59:59Z")!,
            statusNotes: "Réparé le 4 janvier.", description: String(repeating: "x", count: 5000))
        let json = try parse(Open311ServiceRequest.encodedList([open, closed], timeZone: zone))
        #expect(json[0]?["service_request_id"] == "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        #expect(json[0]?["status"] == "open" && json[0]?["status_notes"] == .null)
        #expect(json[0]?["requested_datetime"] == "2026-03-01T09:30:00+00:00")  // Ramadan: UTC+0
        #expect(json[0]?["updated_datetime"] == "2026-04-02T11:00:00+01:00")
        #expect(json[0]?["expected_datetime"] == "2026-04-30T23:59:59+01:00")
        #expect(json[0]?["lat"] == 33.5731 && json[0]?["long"] == -7.5898 && json[0]?["address"] == "Bd Zerktouni")
        #expect(json[0]?["zipcode"] == .null && json[0]?["media_url"] == .null && json[0]?["agency_responsible"] == .null)
        #expect(json[1]?["status"] == "closed" && json[1]?["status_notes"] == "Réparé le 4 janvier.")
        #expect(json[1]?["expected_datetime"] == .null && json[1]?["lat"] == .null)
        #expect(json[1]?["description"]?.stringValue?.count == 4000)
        // The keys are exactly the specification's.
        #expect(Set(json[0]?.objectValue?.keys ?? [:].keys) == [
            "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
            "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
            "long", "media_url",
        ])
    }

    @Test func creationAndTokenAnswers() throws {
        let created = try parse(Open311CreatedRequest(id: "abc", serviceNotice: "Code de suivi : 7KQ3-M9XD-2TNB-HV0R").encodedJSON)
        #expect(created == [["service_request_id": "abc", "service_notice": "Code de suivi : 7KQ3-M9XD-2TNB-HV0R", "account_id": nil]])
        let token = try parse(Open311CreatedRequest(id: "abc", token: "t1").encodedJSON)
        #expect(token == [["service_request_id": "abc", "token": "t1"]])
    }

    @Test func errorArrays() throws {
        #expect(try parse(Open311Failure.invalidAPIKey(language: .en).encodedJSON) == [["code": 403, "description": "Missing or invalid api_key."]])
        #expect(Open311Failure.invalidAPIKey().status == 403)
        let notFound = Open311Failure.notFound("service_code 99", language: .fr)
        #expect(notFound.status == 404 && notFound.errors == [Open311Error(code: 404, description: "service_code 99 introuvable.")])
        let validation = Open311Failure(Problem.validation([.required("/category"), .invalidEmail("/contact/email")], language: .en))
        #expect(validation.status == 400)
        #expect(validation.errors.map(\.description) == ["/category: This field is required.", "/contact/email: This email address is not valid."])
        #expect(Open311Failure(Problem(.notFound)).status == 404)
        #expect(Open311Failure(Problem(.unauthorized)).status == 403)
        #expect(Open311Failure(Problem(.conflict)).status == 400)
        #expect(Open311Failure(Problem(.internalError, language: .en)).errors == [Open311Error(code: 400, description: "An unexpected error occurred. Try again later.")])
    }

    @Test func queryDefaultsToTheLast90Days() throws {
        let all = try query([:])
        #expect(all.ids.isEmpty && all.serviceCodes.isEmpty && all.statuses == [.open, .closed])
        #expect(all.end == now && all.start == now.addingTimeInterval(-90 * 86_400))
        #expect(all.page == 1 && all.pageSize == 1000 && all.offset == 0)
        #expect(all.complaintStatuses == Set(ComplaintStatus.allCases))
        // Empty values count as absent.
        #expect(try query(["status": "", "service_code": "", "start_date": ""]) == all)
    }

    @Test func queryFilters() throws {
        let filtered = try query([
            "service_code": "voirie,eau", "service_code": "eclairage", "status": "open", "start_date": "2026-03-01T00:00:00Z",
            "end_date": "2026-03-31T23:59:59+01:00", "page": "3", "page_size": "50", "api_key": "ignored", "jurisdiction_id": "demo",
        ])
        #expect(filtered.serviceCodes == ["voirie", "eau", "eclairage"])
        #expect(filtered.statuses == [.open] && filtered.complaintStatuses == Open311.Status.open.complaintStatuses)
        #expect(filtered.start == RFC3339.parse("2026-03-01T00:00:00Z") && filtered.end == RFC3339.parse("2026-03-31T22:59:59Z"))
        #expect(filtered.page == 3 && filtered.pageSize == 50 && filtered.offset == 100)
        // Only a start date: 90 days from it. Only an end date: 90 days up to it. Minutes without seconds are accepted.
        let fromStart = try query(["start_date": "2026-01-01T00:00Z"])
        #expect(fromStart.start == RFC3339.parse("2026-01-01T00:00:00Z") && fromStart.end == RFC3339.parse("2026-04-01T00:00:00Z"))
        let toEnd = try query(["end_date": "2026-04-01T00:00:00Z"])
        #expect(toEnd.start == RFC3339.parse("2026-01-01T00:00:00Z"))
        // Exactly 90 days is allowed.
        #expect(throws: Never.self) { try query(["start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-01T00:00:00Z"]) }
    }

    @Test func idsOverrideEveryOtherFilter() throws {
        let byID = try query(["service_request_id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", "status": "bogus", "start_date": "x"])
        #expect(byID.ids.count == 2 && byID.statuses == [.open, .closed])
    }

    @Test func queryRejectsBadFiltersWith400() {
        let span = failure(["start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-01T00:00:01Z"])
        #expect(span?.status == 400 && span?.errors.map(\.description) == ["The date range may not span more than 90 days"])
        #expect(failure(["start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"])?.errors.map(\.description) == [
            "end_date is before start_date"
        ])
        let many = failure(["status": "open,pending", "start_date": "2026-03-01", "end_date": "yesterday", "service_code": "bad code!", "page_size": "5000", "page": "0"])
        #expect(many?.status == 400)
        #expect(many?.errors.count == 6)
        #expect(many?.errors.allSatisfy { $0.code == 400 } == true)
        #expect(failure(["start_date": "2026-03-01T00:00:00Z", "start_date": "2026-03-02T00:00:00Z"])?.errors.map(\.description) == [
            "start_date is given more than once"
        ])
        #expect(failure(["service_request_id": "../etc/passwd"])?.status == 400)
        #expect(failure(["page_size": "99999999999999999999"])?.status == 400)
        #expect(failure(["start_date": String(repeating: "2", count: 10_000)])?.status == 400)
    }

    @Test func jurisdiction() {
        let given = parameters(["jurisdiction_id": "demo"])
        #expect(throws: Never.self) { try given.checkJurisdiction("demo", required: true) }
        #expect(throws: Open311Failure(status: 404, description: "jurisdiction_id demo was not found")) { try given.checkJurisdiction("menfp", required: false) }
        #expect(throws: Open311Failure(status: 400, description: "jurisdiction_id was not provided")) { try parameters([:]).checkJurisdiction("demo", required: true) }
        #expect(throws: Never.self) { try parameters([:]).checkJurisdiction("demo", required: false) }
    }

    @Test func postFormBecomesASubmission() throws {
        let form = parameters([
            "api_key": "k", "jurisdiction_id": "demo", "service_code": "voirie", "lat": "33.5731", "long": "-7.5898",
            "address_string": "Bd Zerktouni, Casablanca", "email": "amina@example.ma", "first_name": "Amina", "last_name": "Alaoui",
            "phone": "0612345678", "description": "Un nid de poule dangereux devant l'école.\nMerci d'intervenir.",
            "media_url": "https://example.ma/photo.jpg", "attribute[WHISPAWN]": "123",
        ])
        let posted = try Open311Submission(form)
        let submission = posted.submission
        #expect(submission.category == "voirie" && submission.channel == .open311)
        #expect(submission.subject == "Un nid de poule dangereux devant l'école.")
        #expect(submission.description == "Un nid de poule dangereux devant l'école.\nMerci d'intervenir.")
        #expect(submission.location == GeoPoint(latitude: 33.5731, longitude: -7.5898))
        #expect(submission.address == "Bd Zerktouni, Casablanca")
        #expect(submission.contact.name == "Amina Alaoui" && submission.contact.phone?.e164 == "+212612345678")
        #expect(posted.mediaURL == "https://example.ma/photo.jpg")
        // A citizen configuration that allows only web and mobile still accepts Open311 here.
        var citizen = ComplaintSubmission.Configuration()
        citizen.allowedChannels = SubmissionChannel.citizenChannels
        #expect(throws: Never.self) { try Open311Submission(form, configuration: citizen) }
    }

    @Test func postFormErrorsNameTheParameters() {
        func errors(_ pairs: KeyValuePairs<String, String>) -> [String] {
            do {
                _ = try Open311Submission(parameters(pairs), configuration: {
                    var configuration = ComplaintSubmission.Configuration()
                    configuration.defaultLanguage = .en
                    return configuration
                }())
                return []
            } catch {
                #expect(error.status == 400)
                return error.errors.map(\.description)
            }
        }
        #expect(errors([:]) == [
            "service_code was not provided", "A location is required: lat and long, address_string or address_id", "description was not provided",
        ])
        #expect(errors(["service_code": "voirie", "lat": "33.5", "description": "Une description assez longue."]) == [
            "lat and long must be given together"
        ])
        #expect(errors(["service_code": "voirie", "lat": "north", "long": "200", "description": "Une description assez longue.",
            "email": "nope", "media_url": "javascript:alert(1)"]) == [
            "lat is not a number", "media_url is not an http or https URL", "email: This email address is not valid.",
        ])
        #expect(errors(["service_code": "voirie", "lat": "95", "long": "-7", "description": "court"]) == [
            "description: This field must contain at least 10 characters.", "lat: The value must be between -90 and 90.",
        ])
        #expect(errors(["service_code": "voirie", "address_id": "A-12", "description": String(repeating: "d", count: 4001)]) == [
            "description: This field must not exceed 4000 characters."
        ])
    }

    @Test func subjectsFromDescriptions() {
        #expect(Open311Submission.subject(from: "  Court.  ") == "Court.")
        #expect(Open311Submission.subject(from: "Première ligne\nDeuxième ligne") == "Première ligne")
        let long = String(repeating: "mot ", count: 60)
        let subject = Open311Submission.subject(from: long)
        #expect(subject.count <= 100 && subject.hasSuffix("mot…"))
        #expect(Open311Submission.subject(from: String(repeating: "x", count: 300)).count == 100)
        #expect(Open311Submission.isWebURL("http://a.ma/x.jpg") && !Open311Submission.isWebURL("http:///x") && !Open311Submission.isWebURL("ftp://a.ma"))
        #expect(!Open311Submission.isWebURL("https://a.ma/x y.jpg"))
    }

    @Test func discoveryDocument() throws {
        let changed = RFC3339.parse("2026-03-01T10:00:00Z")!
        let discovery = Open311Discovery(
            changeset: changed, contact: "support@guichet.ma", keyService: "https://guichet.ma/open311/keys",
            endpoints: [.init(url: "https://api.guichet.ma/open311/v2", changeset: changed)])
        let json = try parse(discovery.encodedJSON)
        #expect(json == [
            "changeset": "2026-03-01T10:00:00Z", "contact": "support@guichet.ma", "key_service": "https://guichet.ma/open311/keys",
            "endpoints": [[
                "specification": "http://wiki.open311.org/GeoReport_v2", "url": "https://api.guichet.ma/open311/v2",
                "changeset": "2026-03-01T10:00:00Z", "type": "production", "formats": ["application/json"],
            ]],
        ])
    }

    @Test func dateParsing() {
        #expect(Open311.parseDate("2010-01-01T00:00:00Z") == RFC3339.parse("2010-01-01T00:00:00Z"))
        #expect(Open311.parseDate("2010-01-01T00:00Z") == RFC3339.parse("2010-01-01T00:00:00Z"))
        #expect(Open311.parseDate("2010-01-01T01:00+01:00") == RFC3339.parse("2010-01-01T00:00:00Z"))
        for bad in ["2010-01-01", "2010-01-01T00:00", "2010-01-01T00:00:00", "2010-13-01T00:00Z", "", "T", "2010-01-01T00:00ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"] {
            #expect(Open311.parseDate(bad) == nil, "\(bad)")
        }
    }
}
