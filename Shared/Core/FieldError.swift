/// One invalid field in a request, reported inside a ``Problem``: where it is (a JSON pointer such as
/// `/contact/email`), a stable code (`too_long`) and a message a person can read.
///
/// The platform's codes come as factory functions with messages in French, Arabic and English
/// (``required(_:)``, ``tooLong(_:maximum:)`` …); a service may build its own with ``init(field:code:message:parameters:)``.
public struct FieldError: Sendable, Hashable {
    /// The field, as a JSON pointer (RFC 6901) into the request body, e.g. `/contact/email`.
    public var field: String
    /// The stable, machine-readable reason, in snake_case (`required`, `too_long`).
    public var code: String
    /// The message for a person, in every language.
    public var message: LocalizedText
    /// Machine-readable values the message refers to (`maximum`, `allowed` …), sent beside it.
    public var parameters: [String: JSONValue]

    /// Creates a field error from its parts.
    public init(field: String, code: String, message: LocalizedText, parameters: [String: JSONValue] = [:]) {
        self.field = field
        self.code = code
        self.message = message
        self.parameters = parameters
    }

    /// Builds a JSON pointer from unescaped path components: `pointer("contact", "email")` is
    /// `/contact/email`; `~` and `/` inside a component are escaped as `~0` and `~1`.
    public static func pointer(_ components: String...) -> String {
        pointer(components)
    }

    /// Builds a JSON pointer from unescaped path components (see ``pointer(_:)-(String...)``).
    public static func pointer(_ components: [String]) -> String {
        var result = ""
        for component in components {
            result += "/"
            result += component.replacing("~", with: "~0").replacing("/", with: "~1")
        }
        return result
    }
}

extension JSONValue {
    /// The value written as compact JSON text.
    var encodedJSONString: String {
        String(decoding: encodedJSON, as: UTF8.self)
    }
}
