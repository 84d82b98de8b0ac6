import GuichetCore

/// A tenant's format for registry numbers: a template such as `{year}/{direction}/{seq:6}` and the code
/// of each direction, validated when an administrator saves it.
///
/// Placeholders:
/// - `{year}`: the registry year, four digits;
/// - `{direction}`: the direction's code (by default `A` incoming, `D` outgoing, `I` internal);
/// - `{seq:N}`: the sequence, zero-padded to `N` digits (1...10); a larger sequence takes more digits
///   and is never cut. `{seq}` is `{seq:1}`.
///
/// Each placeholder appears exactly once (the counters are per tenant, direction and year, so a number
/// without one of them would not be unique). Between placeholders, literal text uses only
/// `A-Z a-z 0-9 / - _ .`; the sequence may not be followed directly by a digit, so that every number
/// reads back to exactly one (year, direction, sequence).
///
/// ```swift
/// let format = try RegistryNumberFormat("{year}/{direction}/{seq:6}")
/// let number = try format.number(year: 2026, direction: .incoming, sequence: 123)   // 2026/A/000123
/// format.parse("2026/A/000123") == number                                          // true
/// ```
public struct RegistryNumberFormat: Sendable, Hashable {
    /// The template of the platform's default format: `{year}/{direction}/{seq:6}`.
    public static let defaultTemplate = "{year}/{direction}/{seq:6}"
    /// The default code of each direction: `A`, `D` and `I`.
    public static let defaultDirectionCodes: [MailDirection: String] = [
        .incoming: MailDirection.incoming.registryCode,
        .outgoing: MailDirection.outgoing.registryCode,
        .internal: MailDirection.internal.registryCode,
    ]
    /// The longest template accepted, in characters.
    public static let maximumTemplateLength = 64
    /// The longest number a format may produce (with a ten-digit sequence), in characters.
    public static let maximumNumberLength = 40
    /// The widths `{seq:N}` accepts.
    public static let sequenceWidths = 1...10
    /// The years a number can carry (four digits).
    public static let years = 1000...9999
    /// The sequences a number can carry (at most ten digits).
    public static let sequences = 1...9_999_999_999

    /// The platform's default format, `{year}/{direction}/{seq:6}` with codes `A`, `D`, `I`.
    public static let standard: RegistryNumberFormat = {
        // The default template is valid by construction; a failure here is a programming error.
        guard let format = try? RegistryNumberFormat(defaultTemplate) else {
            preconditionFailure("The default registry number template is invalid")
        }
        return format
    }()

    /// The template as the administrator wrote it.
    public let template: String
    /// The code written for each direction.
    public let directionCodes: [MailDirection: String]
    /// The template, parsed.
    let parts: [Part]

    /// One piece of a parsed template.
    enum Part: Sendable, Hashable {
        /// Text written as it is.
        case literal([UInt8])
        /// The four-digit year.
        case year
        /// The direction's code.
        case direction
        /// The sequence, zero-padded to `width` digits.
        case sequence(width: Int)
    }

    /// A format from a template and direction codes; throws a `validation_failed` problem whose errors
    /// point into `{"template": …, "direction_codes": {…}}` (see ``validationErrors(template:directionCodes:)``).
    public init(_ template: String, directionCodes: [MailDirection: String] = defaultDirectionCodes) throws(Problem) {
        let (parts, errors) = Self.analyse(template: template, directionCodes: directionCodes)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        self.template = template
        self.directionCodes = directionCodes
        self.parts = parts
    }

    /// Why a number cannot be made.
    public enum RenderingError: Error, Sendable, Hashable {
        /// The year is not four digits (``RegistryNumberFormat/years``).
        case yearOutOfRange(Int)
        /// The sequence is below 1 or above ten digits (``RegistryNumberFormat/sequences``).
        case sequenceOutOfRange(Int)
    }

    /// The number of `sequence` in the `direction` counter of `year`.
    public func number(year: Int, direction: MailDirection, sequence: Int) throws(RenderingError) -> RegistryNumber {
        guard Self.years.contains(year) else { throw .yearOutOfRange(year) }
        guard Self.sequences.contains(sequence) else { throw .sequenceOutOfRange(sequence) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.maximumNumberLength)
        for part in parts {
            switch part {
            case .literal(let literal): bytes.append(contentsOf: literal)
            case .year: bytes.append(contentsOf: String(year).utf8)
            case .direction: bytes.append(contentsOf: code(of: direction).utf8)
            case .sequence(let width):
                bytes.appendDecimal(sequence, minimumDigits: width)
            }
        }
        return RegistryNumber(year: year, direction: direction, sequence: sequence, text: String(decoding: bytes, as: UTF8.self))
    }

    /// Reads a number written in this format; `nil` if `text` is not exactly one (wrong separators,
    /// unknown code, a sequence of the wrong width or with extra leading zeros, zero).
    public func parse(_ text: some StringProtocol) -> RegistryNumber? {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maximumNumberLength,
            let match = RegistryNumberMatcher(format: self, lenient: false).match(bytes)
        else { return nil }
        return RegistryNumber(year: match.year, direction: match.direction, sequence: match.sequence, text: String(text))
    }

    /// The search key (``RegistryNumber/searchKey``) of a number typed loosely: any case, any or no
    /// separators (`/ - _ .` and spaces), with or without the sequence's leading zeros. `nil` if the
    /// text does not read as a number of this format.
    ///
    /// `2026/A/000123`, `2026 a 123`, `2026A000123` and `2026-A-123` all give `2026a123`.
    public func searchKey(forQuery text: some StringProtocol) -> String? {
        let compact = text.utf8.filter { !RegistryNumberMatcher.isSeparator($0) }
        guard !compact.isEmpty, compact.count <= Self.maximumNumberLength,
            let match = RegistryNumberMatcher(format: self, lenient: true).match(compact)
        else { return nil }
        return RegistryNumber.searchKey(year: match.year, direction: match.direction, sequence: match.sequence)
    }

    /// The code written for `direction` (its default letter if the format names none).
    public func code(of direction: MailDirection) -> String {
        directionCodes[direction] ?? direction.registryCode
    }

    /// Compares template and codes.
    public static func == (lhs: RegistryNumberFormat, rhs: RegistryNumberFormat) -> Bool {
        lhs.template == rhs.template && lhs.directionCodes == rhs.directionCodes
    }

    /// Hashes template and codes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(template)
        hasher.combine(directionCodes)
    }
}
