import GuichetCore

/// A GeoReport `POST requests.json` form turned into a ``ComplaintSubmission`` (channel
/// `open311`), validated by the same rules as the JSON API.
///
/// Mapping: `service_code` → category; `lat` and `long` → location (both or neither);
/// `address_string` (or, failing it, `address_id`) → address; `attribute[code]` → the category's
/// extra field `code` (repeated for a multi-value list); `email`, `phone`, and `first_name`
/// with `last_name` → contact; `description` → description (at most 4 000 characters, as the
/// specification says; required here: a complaint needs one), its first line (up to 100
/// characters) → subject; `media_url` kept aside (an `http(s)` URL). A location (`lat`/`long`,
/// `address_string` or `address_id`) is required, as the specification says. `device_id` and
/// unknown parameters are ignored; `api_key` is checked by the route.
///
/// Errors name the GeoReport parameters (`service_code`, `lat`, `email` …), status 400.
public struct Open311Submission: Sendable, Hashable {
    /// The submission to record.
    public var submission: ComplaintSubmission
    /// `media_url`, if given.
    public var mediaURL: String?
    /// `account_id`, if given.
    public var accountID: String?

    /// The longest subject taken from the description.
    public static let subjectLength = 100

    /// Validates a POST form with the service's limits (its `allowedChannels` must include
    /// `open311`; language and channel are set here).
    public init(_ parameters: Open311Parameters, configuration: ComplaintSubmission.Configuration = .init()) throws(Open311Failure) {
        var errors: [Open311Error] = []
        var body: [String: JSONValue] = ["channel": "open311"]
        if let code = parameters.single("service_code", errors: &errors) {
            body["category"] = .string(code)
        } else {
            errors.append(Open311Error(code: 400, description: "service_code was not provided"))
        }
        let latitude = parameters.single("lat", errors: &errors)
        let longitude = parameters.single("long", errors: &errors)
        switch (latitude, longitude) {
        case (let lat?, let long?):
            let numbers = [("lat", lat), ("long", long)].map { name, text -> Double? in
                guard text.utf8.count <= 32, let value = Double(text), value.isFinite else {
                    errors.append(Open311Error(code: 400, description: "\(name) is not a number"))
                    return nil
                }
                return value
            }
            if let lat = numbers[0], let long = numbers[1] { body["location"] = ["lat": .number(lat), "lon": .number(long)] }
        case (nil, nil):
            break
        default:
            errors.append(Open311Error(code: 400, description: "lat and long must be given together"))
        }
        let address = parameters.single("address_string", errors: &errors) ?? parameters.single("address_id", errors: &errors)
        if let address { body["address"] = .string(address) }
        if latitude == nil && longitude == nil && address == nil {
            errors.append(Open311Error(code: 400, description: "A location is required: lat and long, address_string or address_id"))
        }
        if let description = parameters.single("description", errors: &errors) {
            body["description"] = .string(description)
            body["subject"] = .string(Self.subject(from: description))
        } else {
            errors.append(Open311Error(code: 400, description: "description was not provided"))
        }
        var contact: [String: JSONValue] = [:]
        if let email = parameters.single("email", errors: &errors) { contact["email"] = .string(email) }
        if let phone = parameters.single("phone", errors: &errors) { contact["phone"] = .string(phone) }
        let name = [parameters.single("first_name", errors: &errors), parameters.single("last_name", errors: &errors)]
            .compactMap { $0 }.joined(separator: " ")
        if !name.isEmpty { contact["name"] = .string(name) }
        if !contact.isEmpty { body["contact"] = .object(contact) }
        let mediaURL = parameters.single("media_url", errors: &errors)
        if let mediaURL, !Self.isWebURL(mediaURL) {
            errors.append(Open311Error(code: 400, description: "media_url is not an http or https URL"))
        }
        let accountID = parameters.single("account_id", errors: &errors)
        let attributes = Self.attributes(in: parameters)
        if !attributes.isEmpty { body["attributes"] = .object(attributes) }

        var rules = configuration
        rules.description.maximumLength = min(rules.description.maximumLength, Open311.maximumDescriptionLength)
        rules.allowedChannels.insert(.open311)
        var submission: ComplaintSubmission?
        do {
            submission = try ComplaintSubmission(validating: .object(body), configuration: rules)
        } catch {
            for fieldError in error.errors where !(fieldError.field == "/category" && body["category"] == nil)
                && !(fieldError.field == "/description" && body["description"] == nil) && !(fieldError.field == "/subject" && body["description"] == nil)
            {
                errors.append(
                    Open311Error(
                        code: 400, description: "\(Self.parameterName(fieldError.field)): \(fieldError.message.text(in: configuration.defaultLanguage))"))
            }
        }
        guard errors.isEmpty, let submission else { throw Open311Failure(status: 400, errors: errors) }
        self.submission = submission
        self.mediaURL = mediaURL
        self.accountID = accountID
    }

    /// The first line of `description`, cut at a word boundary to at most ``subjectLength``
    /// characters (with an ellipsis when cut).
    static func subject(from description: String) -> String {
        let firstLine = description.trimmingWhitespace().split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard firstLine.count > subjectLength else { return firstLine }
        let cut = firstLine.prefix(subjectLength - 1)
        let boundary = cut.lastIndex(where: \.isWhitespace).map { cut[..<$0] } ?? cut
        return String((boundary.isEmpty ? cut : boundary).trimmingWhitespace()) + "…"
    }

    /// The `attribute[code]` parameters: one value as a string, a repeated one as an array of strings.
    static func attributes(in parameters: Open311Parameters) -> [String: JSONValue] {
        var values: [String: [String]] = [:]
        for item in parameters.items where item.name.hasPrefix("attribute[") && item.name.hasSuffix("]") {
            let code = String(item.name.dropFirst("attribute[".count).dropLast())
            let value = String(item.value.trimmingWhitespace())
            guard !code.isEmpty, !value.isEmpty else { continue }
            values[code, default: []].append(value)
        }
        return values.mapValues { $0.count == 1 ? .string($0[0]) : .array($0.map(JSONValue.string)) }
    }

    /// The GeoReport parameter behind a submission field's JSON pointer.
    static func parameterName(_ pointer: String) -> String {
        switch pointer {
        case "/category": "service_code"
        case "/location/lat": "lat"
        case "/location/lon": "long"
        case "/address": "address_string"
        case "/contact/name": "first_name"
        case "/contact/email": "email"
        case "/contact/phone": "phone"
        case "/subject", "/description": "description"
        default:
            pointer.hasPrefix("/attributes/") ? "attribute[\(pointer.dropFirst("/attributes/".count).split(separator: "/").first ?? "")]" : pointer
        }
    }

    /// Whether `text` looks like an absolute `http` or `https` URL of at most 2 048 characters,
    /// without spaces or control characters.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard text.utf8.count <= 2048, lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let host = lower.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        return !host.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F }
    }
}
