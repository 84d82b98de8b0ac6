/// An error reported to a client as RFC 9457 problem details (`application/problem+json`).
///
/// A problem has a ``ProblemKind`` (stable code, status, title), a detail, optional field errors and
/// extension members, and the language its texts are rendered in. Throw it from a handler; the HTTP
/// layer encodes it with ``encodedJSON(typeBase:)``.
///
/// ```swift
/// throw Problem(.notFound, language: request.language)
/// throw Problem.validation([.required("/contact/email")], language: .ar)
/// throw Problem(.conflict).withDetail("…").withExtension("next_slots", ["2026-03-02T09:00:00+01:00"])
/// ```
public struct Problem: Error, Sendable, Hashable {
    /// The media type of an encoded problem.
    public static let mediaType = "application/problem+json"
    /// The default prefix of the `type` URI; the code is appended to it.
    public static let defaultTypeBase = "https://guichet.ma/problems/"

    /// What kind of problem this is.
    public var kind: ProblemKind
    /// The language the title, detail and field messages are rendered in.
    public var language: Language
    /// The explanation of this occurrence, in every language (the kind's default unless replaced).
    public var localizedDetail: LocalizedText
    /// A URI reference identifying this occurrence (often the request path), if any.
    public var instance: String?
    /// The invalid fields, for validation problems.
    public var errors: [FieldError]
    /// Extension members written at the top level of the document (e.g. `next_slots`); a member
    /// named like a standard one (`type`, `title`, `status`, `detail`, `instance`, `code`, `errors`)
    /// is not written.
    public var extensions: [String: JSONValue]

    /// Creates a problem of the given kind, with the kind's default detail.
    public init(_ kind: ProblemKind, language: Language = .default) {
        self.kind = kind
        self.language = language
        self.localizedDetail = kind.detail
        self.instance = nil
        self.errors = []
        self.extensions = [:]
    }

    /// A `validation_failed` (422) problem listing the invalid fields.
    public static func validation(_ errors: [FieldError], language: Language = .default) -> Problem {
        var problem = Problem(.validationFailed, language: language)
        problem.errors = errors
        return problem
    }

    /// The HTTP status code.
    public var status: Int { kind.status }
    /// The stable machine-readable code.
    public var code: String { kind.code }
    /// The title in ``language``.
    public var title: String { kind.title.text(in: language) }
    /// The detail in ``language``.
    public var detail: String { localizedDetail.text(in: language) }

    /// A copy whose detail is `detail` in every language (for a message that needs no translation).
    public func withDetail(_ detail: String) -> Problem {
        withDetail(LocalizedText(fr: detail, ar: detail, en: detail))
    }

    /// A copy whose detail is the given translated text.
    public func withDetail(_ detail: LocalizedText) -> Problem {
        var copy = self
        copy.localizedDetail = detail
        return copy
    }

    /// A copy rendered in another language.
    public func localized(_ language: Language) -> Problem {
        var copy = self
        copy.language = language
        return copy
    }

    /// A copy with the occurrence's URI reference set.
    public func withInstance(_ instance: String) -> Problem {
        var copy = self
        copy.instance = instance
        return copy
    }

    /// A copy with an extension member added (or replaced).
    public func withExtension(_ name: String, _ value: JSONValue) -> Problem {
        var copy = self
        copy.extensions[name] = value
        return copy
    }

    /// A copy with more field errors appended.
    public func withErrors(_ errors: [FieldError]) -> Problem {
        var copy = self
        copy.errors += errors
        return copy
    }
}

extension Problem {
    private static let standardMembers: Set<String> = ["type", "title", "status", "detail", "instance", "code", "errors"]
    private static let fieldErrorMembers: Set<String> = ["field", "code", "message"]

    /// The problem as an `application/problem+json` document (UTF-8): `type` (the base followed by
    /// the code), `title`, `status`, `detail`, `instance` when set, `code`, `errors` when not empty,
    /// then the extension members in sorted order.
    public func encodedJSON(typeBase: String = Problem.defaultTypeBase) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.openObject()
        json.writeKey("type")
        json.write(typeBase + code)
        json.writeKey("title")
        json.write(title)
        json.writeKey("status")
        json.write(status)
        json.writeKey("detail")
        json.write(detail)
        if let instance {
            json.writeKey("instance")
            json.write(instance)
        }
        json.writeKey("code")
        json.write(code)
        if !errors.isEmpty {
            json.writeKey("errors")
            json.openArray()
            for error in errors {
                json.openObject()
                json.writeKey("field")
                json.write(error.field)
                json.writeKey("code")
                json.write(error.code)
                json.writeKey("message")
                json.write(error.message.text(in: language))
                for name in error.parameters.keys.sorted() where !Self.fieldErrorMembers.contains(name) {
                    json.writeKey(name)
                    json.write(error.parameters[name] ?? .null)
                }
                json.closeObject()
            }
            json.closeArray()
        }
        for name in extensions.keys.sorted() where !Self.standardMembers.contains(name) {
            json.writeKey(name)
            json.write(extensions[name] ?? .null)
        }
        json.closeObject()
        return json.bytes
    }
}
