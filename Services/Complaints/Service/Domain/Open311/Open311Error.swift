import GuichetCore

/// One error of a GeoReport error array, `[{"code": 400, "description": "…"}]`.
public struct Open311Error: Sendable, Hashable {
    /// The error's code (the HTTP status, as the specification suggests).
    public var code: Int
    /// A description for people.
    public var description: String

    /// An error from its parts.
    public init(code: Int, description: String) {
        self.code = code
        self.description = description
    }
}

/// A GeoReport failure: the HTTP status to answer with and the error array to send.
///
/// Statuses follow the specification: 404 for what does not exist, 403 for a missing or wrong
/// `api_key`, and 400 for anything else that cannot be done.
public struct Open311Failure: Error, Sendable, Hashable {
    /// The HTTP status: 400, 403 or 404.
    public var status: Int
    /// The errors, at least one.
    public var errors: [Open311Error]

    /// A failure with `status` and one error whose code is that status.
    public init(status: Int, description: String) {
        self.status = status
        self.errors = [Open311Error(code: status, description: description)]
    }

    /// A failure with `status` and the given errors.
    public init(status: Int, errors: [Open311Error]) {
        self.status = status
        self.errors = errors
    }

    /// 403: the `api_key` is missing or not valid.
    public static func invalidAPIKey(language: Language = .default) -> Open311Failure {
        Open311Failure(
            status: 403,
            description: LocalizedText(
                fr: "Clé d'API (api_key) absente ou invalide.", ar: "مفتاح الواجهة البرمجية (api_key) مفقود أو غير صالح.",
                en: "Missing or invalid api_key."
            ).text(in: language))
    }

    /// 404: a `service_code`, `jurisdiction_id`, request or token that does not exist.
    public static func notFound(_ what: String, language: Language = .default) -> Open311Failure {
        Open311Failure(
            status: 404,
            description: LocalizedText(fr: "\(what) introuvable.", ar: "\(what) غير موجود.", en: "\(what) not found.").text(in: language))
    }

    /// The failure standing for a problem: 404 stays 404, 401 and 403 become 403, anything else
    /// is 400; each field error becomes an error of its own (`"field: message"`).
    public init(_ problem: Problem) {
        let status: Int
        switch problem.status {
        case 404: status = 404
        case 401, 403: status = 403
        default: status = 400
        }
        self.status = status
        if problem.errors.isEmpty {
            errors = [Open311Error(code: status, description: problem.detail)]
        } else {
            errors = problem.errors.map { error in
                Open311Error(code: status, description: "\(error.field): \(error.message.text(in: problem.language))")
            }
        }
    }

    /// The error array as JSON.
    public var encodedJSON: [UInt8] {
        var json = JSONWriter()
        json.openArray()
        for error in errors {
            json.openObject()
            json.writeKey("code")
            json.write(error.code)
            json.writeKey("description")
            json.write(error.description)
            json.closeObject()
        }
        json.closeArray()
        return json.bytes
    }
}
