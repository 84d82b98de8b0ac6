import GuichetCore

/// The notification templates a service declares, by name.
public struct TemplateCatalog: Sendable {
    /// The declarations, by name.
    public let definitions: [String: TemplateDefinition]

    /// A catalogue of `definitions`; two with one name are a programming error and trap.
    public init(_ definitions: [TemplateDefinition]) {
        var byName: [String: TemplateDefinition] = [:]
        for definition in definitions {
            precondition(byName.updateValue(definition, forKey: definition.name) == nil, "template \(definition.name) declared twice")
        }
        self.definitions = byName
    }

    /// The declaration named `name`.
    public subscript(name: String) -> TemplateDefinition? { definitions[name] }

    /// The names, sorted.
    public var names: [String] { definitions.keys.sorted() }
}

/// Renders a wording with a recipient's values: subject on one line, text as is, and HTML escaped
/// and laid out as a whole document in the recipient's language and direction (`dir="rtl"` for
/// Arabic).
public enum TemplateRenderer {
    /// `wording` rendered in `language` with `values` (values not declared by the template are
    /// ignored; a declared one left out renders empty).
    public static func render(
        _ wording: NotificationTemplate, language: Language, values: [String: String]
    ) -> RenderedNotification {
        let subject = wording.subject.map { text(of: $0).render(values, escaping: .singleLine) }
        let body = text(of: wording.text).render(values)
        var html: String?
        if let fragment = wording.html {
            html = HTMLLayout.document(body: text(of: fragment).render(values, escaping: .html), title: subject, language: language)
        } else if wording.subject != nil {
            html = HTMLLayout.document(body: HTMLLayout.paragraphs(of: body), title: subject, language: language)
        }
        return RenderedNotification(subject: subject, text: body, html: html, language: language)
    }

    /// The parsed text, or the source as a literal should it not parse (stored wordings were
    /// checked when saved; this never happens with them).
    private static func text(of source: String) -> TemplateText {
        (try? TemplateText(parsing: source)) ?? TemplateText(literal: source)
    }
}

extension TemplateText {
    /// A text with no placeholders at all.
    init(literal: String) {
        self.source = literal
        self.pieces = literal.isEmpty ? [] : [.literal(literal)]
    }
}

/// The HTML document around an email's body: language, direction, and a plain, readable style
/// that mail clients keep.
public enum HTMLLayout {
    /// A whole document holding `body` (already HTML), titled `title`, in `language`.
    public static func document(body: String, title: String?, language: Language) -> String {
        let direction = language.isRightToLeft ? "rtl" : "ltr"
        let align = language.isRightToLeft ? "right" : "left"
        var html = "<!DOCTYPE html>\n<html lang=\"\(language.tag)\" dir=\"\(direction)\">\n<head>\n"
        html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        if let title { html += "<title>\(HTMLEscaping.escape(title))</title>\n" }
        html += "</head>\n<body dir=\"\(direction)\" style=\"font-family: Arial, Tahoma, sans-serif; font-size: 15px; "
        html += "line-height: 1.5; color: #1a1a1a; direction: \(direction); text-align: \(align);\">\n"
        html += body
        html += "\n</body>\n</html>\n"
        return html
    }

    /// Plain text as HTML paragraphs: blank lines separate paragraphs, line breaks become `<br>`.
    public static func paragraphs(of text: String) -> String {
        let normalized = text.replacing("\r\n", with: "\n")
        var paragraphs: [String] = []
        var current: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isBlank {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "<br>\n")) }
                current = []
            } else {
                current.append(HTMLEscaping.escape(String(line)))
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "<br>\n")) }
        return paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
    }
}
