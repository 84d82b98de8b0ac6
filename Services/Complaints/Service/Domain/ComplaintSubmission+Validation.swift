import GuichetCore

extension ComplaintSubmission {
    /// The members a submission body may have.
    static let allowedMembers: Set<String> = [
        "kind", "category", "subject", "description", "location", "address", "contact", "language", "channel", "attributes",
    ]
    /// The most attributes a submission may carry.
    static let maximumAttributes = 50
    static let allowedLocationMembers: Set<String> = ["lat", "lon"]
    static let allowedContactMembers: Set<String> = ["name", "email", "phone"]

    /// Validates a request body (see the type's documentation for its form) into a clean
    /// submission, or throws a `validation_failed` problem listing **every** invalid field with
    /// its JSON pointer (`/subject`, `/location/lat`, `/contact/email`).
    ///
    /// Optional text members (`address`, `contact.*`) that are empty or blank count as absent.
    public init(validating body: JSONValue, configuration: Configuration = Configuration()) throws(Problem) {
        var errors: [FieldError] = []
        guard let reader = JSONFieldReader(body, pointer: "", errors: &errors) else {
            throw Problem.validation(errors, language: configuration.defaultLanguage)
        }
        reader.rejectUnknownMembers(allowed: Self.allowedMembers, errors: &errors)

        let kind = reader.enumeration("kind", as: ComplaintKind.self, errors: &errors)
        let language = reader.enumeration("language", as: Language.self, errors: &errors)
        var channel = reader.enumeration("channel", as: SubmissionChannel.self, errors: &errors)
        if let declared = channel, !configuration.allowedChannels.contains(declared) {
            errors.append(.notAllowed(reader.pointer("channel")))
            channel = nil
        }

        var category: String?
        if let code = reader.string("category", errors: &errors) {
            if Self.isValidCategoryCode(code) {
                category = code
            } else {
                errors.append(.invalidFormat(reader.pointer("category")))
            }
        } else if !reader.has("category") {
            errors.append(.required(reader.pointer("category")))
        }

        let subject = Self.requiredText("subject", rule: configuration.subject, in: reader, errors: &errors)
        let description = Self.requiredText("description", rule: configuration.description, in: reader, errors: &errors)
        let address = Self.optionalText("address", rule: configuration.address, in: reader, errors: &errors)
        let location = Self.location(in: reader, errors: &errors)
        let contact = Self.contact(in: reader, configuration: configuration, errors: &errors)
        var attributes: [String: JSONValue] = [:]
        switch reader.members["attributes"] {
        case nil, .null?: break
        case .object(let members)?:
            if members.count > Self.maximumAttributes {
                errors.append(.tooManyItems(reader.pointer("attributes"), maximum: Self.maximumAttributes))
            } else {
                attributes = members
            }
        default: errors.append(.invalidType(reader.pointer("attributes"), expected: .object))
        }

        guard errors.isEmpty, let category, let subject, let description else {
            throw Problem.validation(errors, language: language ?? configuration.defaultLanguage)
        }
        self.init(
            kind: kind ?? .complaint, category: category, subject: subject, description: description, location: location,
            address: address, contact: contact, language: language ?? configuration.defaultLanguage,
            channel: channel ?? configuration.defaultChannel, attributes: attributes)
    }

    private static func requiredText(_ key: String, rule: TextRule, in reader: JSONFieldReader, errors: inout [FieldError]) -> String? {
        guard let raw = reader.string(key, errors: &errors) else {
            if !reader.has(key) { errors.append(.required(reader.pointer(key))) }
            return nil
        }
        return rule.clean(raw, field: reader.pointer(key), errors: &errors)
    }

    /// An optional text member: absent, `null`, empty or blank all give `nil` without an error.
    private static func optionalText(_ key: String, rule: TextRule, in reader: JSONFieldReader, errors: inout [FieldError]) -> String? {
        guard let raw = reader.string(key, errors: &errors), raw.contains(where: { !$0.isWhitespace }) else { return nil }
        return rule.clean(raw, field: reader.pointer(key), errors: &errors)
    }

    private static func location(in reader: JSONFieldReader, errors: inout [FieldError]) -> GeoPoint? {
        guard let location = reader.object("location", errors: &errors) else { return nil }
        location.rejectUnknownMembers(allowed: allowedLocationMembers, errors: &errors)
        var coordinates: [String: Double] = [:]
        for key in ["lat", "lon"] {
            if let value = location.number(key, errors: &errors) {
                coordinates[key] = value
            } else if !location.has(key) {
                errors.append(.required(location.pointer(key)))
            }
        }
        return GeoPoint.parse(
            latitude: coordinates["lat"], longitude: coordinates["lon"], latitudeField: location.pointer("lat"),
            longitudeField: location.pointer("lon"), errors: &errors)
    }

    private static func contact(in reader: JSONFieldReader, configuration: Configuration, errors: inout [FieldError]) -> ContactDetails {
        guard let contact = reader.object("contact", errors: &errors) else { return .none }
        contact.rejectUnknownMembers(allowed: allowedContactMembers, errors: &errors)
        return ContactDetails.parse(
            name: contact.string("name", errors: &errors), email: contact.string("email", errors: &errors),
            phone: contact.string("phone", errors: &errors), nameRule: configuration.name, at: contact.pointer, errors: &errors)
    }
}
