/// A text with `{{variable}}` placeholders, parsed once: its literal pieces and the variables it
/// uses. Names are lowercase ASCII letters, digits and underscores, starting with a letter; spaces
/// inside the braces are allowed (`{{ tracking_code }}`). There is no other syntax (no logic, no
/// escapes): a template stays readable and safe to let tenants edit.
///
/// ```swift
/// let text = try TemplateText(parsing: "Votre code de suivi : {{tracking_code}}")
/// text.variables                                   // ["tracking_code"]
/// text.render(["tracking_code": "7K3M-…"])         // "Votre code de suivi : 7K3M-…"
/// ```
public struct TemplateText: Sendable, Hashable {
    /// A literal run or a placeholder.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    /// How a value is written into the text.
    public enum Escaping: Sendable, Hashable {
        /// As is (plain text bodies).
        case none
        /// HTML-escaped (`<`, `>`, `&`, `"`, `'`).
        case html
        /// On one line: line breaks and other control characters become spaces (subjects, headers).
        case singleLine
    }

    let pieces: [Piece]
    /// The text as written.
    public let source: String

    /// Parses `source`; throws on an unclosed `{{`, a stray `}}` or a malformed name.
    public init(parsing source: String) throws(TemplateSyntaxError) {
        self.source = source
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(source)
        while !rest.isEmpty {
            if rest.hasPrefix("{{") {
                guard let close = rest.firstRange(of: "}}") else {
                    throw TemplateSyntaxError(reason: .unclosed, near: String(rest.prefix(30)))
                }
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                let name = inner.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
                let text = String(name)
                guard Self.isValidName(text) else {
                    throw TemplateSyntaxError(reason: .invalidName, near: "{{\(inner)}}")
                }
                if !literal.isEmpty {
                    pieces.append(.literal(literal))
                    literal = ""
                }
                pieces.append(.variable(text))
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("}}") {
                throw TemplateSyntaxError(reason: .unopened, near: String(rest.prefix(30)))
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// The variables the text uses.
    public var variables: Set<String> {
        var names: Set<String> = []
        for case .variable(let name) in pieces { names.insert(name) }
        return names
    }

    /// The text with each placeholder replaced by its value (an absent value is empty).
    public func render(_ values: [String: String], escaping: Escaping = .none) -> String {
        var output = ""
        output.reserveCapacity(source.utf8.count + 64)
        for piece in pieces {
            switch piece {
            case .literal(let text):
                output += escaping == .singleLine ? Self.singleLine(text) : text
            case .variable(let name):
                let value = values[name] ?? ""
                switch escaping {
                case .none: output += value
                case .html: output += HTMLEscaping.escape(value)
                case .singleLine: output += Self.singleLine(value)
                }
            }
        }
        return output
    }

    /// Whether `name` is a valid variable name.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, (1...64).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }

    private static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}

/// Why a template text could not be parsed.
public struct TemplateSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: String, Sendable, Hashable {
        /// `{{` without its `}}`.
        case unclosed
        /// `}}` without a `{{` before it.
        case unopened
        /// A name other than lowercase letters, digits and underscores.
        case invalidName
    }

    /// What was wrong.
    public let reason: Reason
    /// The text around the mistake.
    public let near: String

    public var description: String { "\(reason.rawValue) near \"\(near)\"" }
}

/// HTML escaping of text put into markup.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
