import GuichetCore

/// A notification a service sends, declared in code: its name, whether it goes by email or SMS,
/// the variables it is rendered with (those every wording must use, and those it may use), and
/// its default wording in French, Arabic and English. Tenants may override the wording; an
/// override is checked against this declaration when it is saved, never when it is sent.
///
/// ```swift
/// static let acknowledgement = TemplateDefinition(
///     name: "complaint.acknowledgement", medium: .email,
///     requiredVariables: ["tracking_code"], optionalVariables: ["name", "subject", "tracking_url"],
///     defaults: [.fr: NotificationTemplate(subject: "Votre réclamation {{tracking_code}}", text: "…"), .ar: …, .en: …])
/// ```
public struct TemplateDefinition: Sendable {
    /// How the notification travels.
    public enum Medium: String, Sendable, Hashable, Codable {
        /// An email: subject, text and HTML.
        case email
        /// An SMS: text only.
        case sms
    }

    /// The template's name (`complaint.acknowledgement`): lowercase letters, digits, `.`, `_`, `-`.
    public let name: String
    /// How it travels.
    public let medium: Medium
    /// Variables every wording must contain (in the text, and in the HTML when there is one).
    public let requiredVariables: Set<String>
    /// Variables a wording may contain besides the required ones.
    public let optionalVariables: Set<String>
    /// The default wording in each language.
    public let defaults: [Language: NotificationTemplate]

    /// Declares a template. Its defaults must exist in every language and pass its own checks: a
    /// declaration that does not is a programming error and traps.
    public init(
        name: String, medium: Medium, requiredVariables: Set<String>, optionalVariables: Set<String> = [],
        defaults: [Language: NotificationTemplate]
    ) {
        self.name = name
        self.medium = medium
        self.requiredVariables = requiredVariables
        self.optionalVariables = optionalVariables
        self.defaults = defaults
        precondition(Self.isValidName(name), "invalid template name \(name)")
        for language in Language.allCases {
            guard let wording = defaults[language] else { preconditionFailure("template \(name) has no \(language) default") }
            let problems = validate(wording)
            precondition(problems.isEmpty, "the \(language) default of template \(name) is invalid: \(problems.map(\.code))")
        }
    }

    /// Every variable a wording may use.
    public var allowedVariables: Set<String> { requiredVariables.union(optionalVariables) }

    /// Whether `name` is a valid template name.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, (1...100).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
    }

    /// The limits on a wording's parts.
    public static let maximumSubjectLength = 300
    /// The longest text body.
    public static let maximumTextLength = 20_000
    /// The longest HTML fragment.
    public static let maximumHTMLLength = 50_000

    /// Everything wrong with `wording` for this template (empty when it may be saved): a missing
    /// part, a part the medium has not, a syntax error, an unknown variable, a required variable
    /// left out. Field pointers are `/subject`, `/text` and `/html`.
    public func validate(_ wording: NotificationTemplate) -> [FieldError] {
        var errors: [FieldError] = []
        switch medium {
        case .email:
            if let subject = wording.subject {
                if subject.contains(where: \.isNewline) { errors.append(.controlCharacter("/subject")) }
                if subject.count > Self.maximumSubjectLength { errors.append(.tooLong("/subject", maximum: Self.maximumSubjectLength)) }
                errors += check(subject, field: "/subject", requireAll: false)
            } else {
                errors.append(.required("/subject"))
            }
            if let html = wording.html {
                if html.count > Self.maximumHTMLLength { errors.append(.tooLong("/html", maximum: Self.maximumHTMLLength)) }
                errors += check(html, field: "/html", requireAll: true)
            }
        case .sms:
            if wording.subject != nil { errors.append(.notAllowed("/subject")) }
            if wording.html != nil { errors.append(.notAllowed("/html")) }
        }
        if wording.text.isBlank {
            errors.append(.required("/text"))
        } else {
            if wording.text.count > Self.maximumTextLength { errors.append(.tooLong("/text", maximum: Self.maximumTextLength)) }
            errors += check(wording.text, field: "/text", requireAll: true)
        }
        return errors
    }

    /// Syntax and variables of one part.
    private func check(_ source: String, field: String, requireAll: Bool) -> [FieldError] {
        let text: TemplateText
        do {
            text = try TemplateText(parsing: source)
        } catch {
            return [.templateSyntax(field, error)]
        }
        var errors: [FieldError] = []
        for name in text.variables.subtracting(allowedVariables).sorted() {
            errors.append(.unknownVariable(field, name: name, allowed: allowedVariables))
        }
        if requireAll {
            for name in requiredVariables.subtracting(text.variables).sorted() {
                errors.append(.missingVariable(field, name: name))
            }
        }
        return errors
    }
}
