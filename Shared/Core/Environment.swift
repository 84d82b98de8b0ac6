import FoundationEssentials

/// Reads typed configuration from environment variables, each with a default, collecting every
/// error (naming the variable and the expected form) so that a misconfigured process reports all of
/// its mistakes at once.
///
/// ```swift
/// var environment = Environment.process
/// let port = environment.int("PORT", default: 8080, range: 1...65_535)
/// let level = environment.value("LOG_LEVEL", default: LogLevel.info)
/// try environment.validate()   // throws Environment.Errors listing every bad variable
/// ```
public struct Environment: Sendable {
    /// One variable that could not be read.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The variable's name.
        public let variable: String
        /// The value found.
        public let value: String
        /// What the value should look like.
        public let expected: String

        /// `PORT="abc": expected an integer between 1 and 65535`.
        public var description: String {
            "\(variable)=\"\(value)\": expected \(expected)"
        }
    }

    /// Every variable that could not be read, thrown by ``validate()``.
    public struct Errors: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The errors, in the order the variables were read.
        public let errors: [Error]

        /// One line per error.
        public var description: String {
            "Invalid configuration:\n" + errors.map { "  " + $0.description }.joined(separator: "\n")
        }
    }

    /// The variables read from.
    public let variables: [String: String]
    /// The errors collected so far.
    public private(set) var errors: [Error] = []

    /// Reads from the given variables (for tests).
    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// Reads from the process's environment.
    public static var process: Environment {
        Environment(ProcessInfo.processInfo.environment)
    }

    /// Throws ``Errors`` if any variable read so far was invalid.
    public func validate() throws(Errors) {
        if !errors.isEmpty { throw Errors(errors: errors) }
    }

    /// The raw value of `name`, or `nil` when unset or empty (an empty variable counts as unset).
    public func raw(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// A string, or `default` when unset.
    public mutating func string(_ name: String, default defaultValue: String) -> String {
        raw(name) ?? defaultValue
    }

    /// A required string; records an error when unset.
    public mutating func requiredString(_ name: String) -> String {
        guard let value = raw(name) else {
            errors.append(Error(variable: name, value: "", expected: "a value (it is required)"))
            return ""
        }
        return value
    }

    /// A decimal integer within `range`, or `default` when unset.
    public mutating func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int>? = nil) -> Int {
        guard let text = raw(name) else { return defaultValue }
        let expected = range.map { "an integer between \($0.lowerBound) and \($0.upperBound)" } ?? "an integer"
        guard let value = Int(text.trimmingSpaces), range?.contains(value) ?? true else {
            errors.append(Error(variable: name, value: text, expected: expected))
            return defaultValue
        }
        return value
    }

    /// A boolean (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, any case), or `default` when unset.
    public mutating func bool(_ name: String, default defaultValue: Bool) -> Bool {
        guard let text = raw(name) else { return defaultValue }
        switch text.trimmingSpaces.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            errors.append(Error(variable: name, value: text, expected: "true or false"))
            return defaultValue
        }
    }

    /// A duration: a whole number of milliseconds (`1500`), or a whole number with a unit (`500ms`,
    /// `30s`, `5m`, `1h`); or `default` when unset. Negative durations are rejected.
    public mutating func duration(_ name: String, default defaultValue: Duration) -> Duration {
        guard let text = raw(name) else { return defaultValue }
        let trimmed = text.trimmingSpaces.lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count)
        let multiplier: Int64? =
            switch unit {
            case "", "ms": 1
            case "s": 1000
            case "m": 60_000
            case "h": 3_600_000
            default: nil
            }
        guard !digits.isEmpty, digits.count <= 12, let count = Int64(digits), let multiplier else {
            errors.append(
                Error(variable: name, value: text, expected: "a duration in milliseconds (1500) or with a unit (500ms, 30s, 5m, 1h)"))
            return defaultValue
        }
        return .milliseconds(count * multiplier)
    }

    /// A URL whose scheme is one of `schemes` and that has a host (`http://127.0.0.1:8081`), as a
    /// string without a trailing slash; or `default` when unset.
    public mutating func url(_ name: String, default defaultValue: String, schemes: Set<String> = ["http", "https"]) -> String {
        guard let text = raw(name) else { return defaultValue }
        let trimmed = text.trimmingSpaces
        let expected = "a URL starting with " + schemes.sorted().map { "\($0)://" }.joined(separator: " or ")
        guard let separator = trimmed.firstRange(of: "://") else {
            errors.append(Error(variable: name, value: text, expected: expected))
            return defaultValue
        }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        let rest = trimmed[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { String($0) } ?? ""
        guard schemes.contains(scheme), !host.isEmpty, !host.hasPrefix(":"),
            !trimmed.contains(where: { $0 == " " || $0.isNewline })
        else {
            errors.append(Error(variable: name, value: text, expected: expected))
            return defaultValue
        }
        var result = trimmed
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// One of an enumeration's cases, named by its raw value (compared case-insensitively), or
    /// `default` when unset.
    public mutating func value<Value: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: Value) -> Value
    where Value.RawValue == String {
        guard let text = raw(name) else { return defaultValue }
        let wanted = text.trimmingSpaces.lowercased()
        if let match = Value.allCases.first(where: { $0.rawValue.lowercased() == wanted }) {
            return match
        }
        let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
        errors.append(Error(variable: name, value: text, expected: "one of \(names)"))
        return defaultValue
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    fileprivate var trimmingSpaces: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}
