/// What makes one kind of ``RandomCode`` differ from another: its length, how it is grouped for
/// people, and how much typed text parsing looks at.
public protocol RandomCodeFormat: Sendable {
    /// The number of symbols in a code, 5 random bits each.
    static var symbolCount: Int { get }
    /// The number of symbols per group in the displayed form (`7K3QD-M9XTR` has groups of 5).
    static var groupSize: Int { get }
    /// The longest text parsing looks at, separators included; longer input is rejected.
    static var maximumInputLength: Int { get }
}

/// A short, unguessable reference people read aloud and type without an account — a complaint's
/// tracking code, a booking code: ``RandomCodeFormat/symbolCount`` symbols of Crockford's base 32,
/// each carrying 5 random bits, displayed in groups (`7KQ3-M9XD-2TNB-HV0R`).
///
/// Parsing forgives what people do when they type or dictate a code: any case, hyphens and spaces
/// anywhere, `O` for `0`, `I` or `L` for `1`; it rejects anything else — a wrong symbol, a wrong
/// length, input longer than ``RandomCodeFormat/maximumInputLength`` — without trapping.
/// ``canonical`` (upper-case symbols, no separators) is the form stored and looked up.
///
/// A service declares its kind of code as a format and a type alias, and draws codes from a
/// cryptographically secure generator (GuichetCrypto's `SecureRandomNumberGenerator`):
///
/// ```swift
/// public enum BookingCodeFormat: RandomCodeFormat {
///     public static let symbolCount = 10, groupSize = 5, maximumInputLength = 40
/// }
/// public typealias BookingCode = RandomCode<BookingCodeFormat>
///
/// var generator = SecureRandomNumberGenerator()
/// let code = BookingCode.random(using: &generator)
/// code.displayed                          // "7K3QD-M9XTR"
/// BookingCode("7k3qd m9xtr") == code      // true
/// ```
public struct RandomCode<Format: RandomCodeFormat>: Sendable, Hashable {
    /// The symbols, upper case, without separators: the form stored and looked up.
    public let canonical: String

    /// A new code whose symbols are drawn from `generator`: 5 bits each, up to 12 symbols per
    /// 64-bit draw, the first symbol from the highest bits.
    public static func random(using generator: inout some RandomNumberGenerator) -> RandomCode {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(Format.symbolCount)
        while symbols.count < Format.symbolCount {
            let count = min(Format.symbolCount - symbols.count, 12)
            let bits = generator.next()
            for index in (0..<count).reversed() {
                symbols.append(CrockfordBase32.alphabet[Int(bits >> UInt64(5 * index) & 0x1F)])
            }
        }
        return RandomCode(uncheckedCanonical: String(decoding: symbols, as: UTF8.self))
    }

    /// Parses a code as a person typed or pasted it; `nil` unless it is exactly
    /// ``RandomCodeFormat/symbolCount`` symbols once separators are removed and confusable letters
    /// mapped.
    public init?(_ text: some StringProtocol) {
        guard text.utf8.count <= Format.maximumInputLength, let symbols = CrockfordBase32.normalize(text),
            symbols.utf8.count == Format.symbolCount
        else { return nil }
        canonical = symbols
    }

    private init(uncheckedCanonical canonical: String) {
        self.canonical = canonical
    }

    /// The code in groups for people to read, `XXXX-XXXX-XXXX-XXXX` or `XXXXX-XXXXX`.
    public var displayed: String {
        CrockfordBase32.grouped(canonical, groupSize: Format.groupSize)
    }
}

extension RandomCode: CustomStringConvertible {
    /// The displayed form.
    public var description: String { displayed }
}

extension RandomCode: Codable {
    /// Decodes a code in any form ``init(_:)`` accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = RandomCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a code of \(Format.symbolCount) symbols")
        }
        self = code
    }

    /// Encodes the displayed form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(displayed)
    }
}
