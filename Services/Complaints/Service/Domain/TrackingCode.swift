import GuichetCore
import GuichetCrypto

/// The code a citizen follows a complaint with, without an account: 80 random bits from a CSPRNG
/// written as 16 Crockford base 32 symbols and shown in groups of four, `7KQ3-M9XD-2TNB-HV0R`.
///
/// Unguessable (2⁸⁰ codes) and typeable: parsing ignores case, hyphens and spaces, reads `I`/`L`
/// as `1` and `O` as `0`, and rejects anything else — a wrong symbol, a wrong length, or input
/// longer than ``maximumInputLength`` — without trapping. ``canonical`` (16 upper-case symbols, no
/// separators) is the form stored and looked up in the database.
///
/// ```swift
/// let code = TrackingCode.random()
/// code.displayed                                   // "7KQ3-M9XD-2TNB-HV0R"
/// TrackingCode("7kq3 m9xd 2tnb hvor") == code       // true: case, spaces and O→0 forgiven
/// ```
public struct TrackingCode: Sendable, Hashable {
    /// The number of symbols in a code.
    public static let symbolCount = 16
    /// The number of random bytes behind a code (16 symbols × 5 bits = 80 bits).
    public static let byteCount = 10
    /// The longest text ``init(_:)`` looks at, separators included; longer input is rejected.
    public static let maximumInputLength = 40

    /// The 16 canonical symbols, upper case, without separators: the database key.
    public let canonical: String

    /// A new code from the operating system's CSPRNG (OpenSSL's `RAND_bytes`).
    public static func random() -> TrackingCode {
        TrackingCode(uncheckedBytes: SecureRandom.bytes(count: byteCount))
    }

    /// The code carrying these 10 bytes, or `nil` for any other count (for tests and for codes
    /// stored as bytes).
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init(uncheckedBytes: bytes)
    }

    /// Parses a code as a person typed or pasted it; `nil` unless it is exactly 16 symbols once
    /// separators are removed and confusable letters mapped.
    public init?(_ text: some StringProtocol) {
        guard text.utf8.count <= Self.maximumInputLength, let symbols = CrockfordBase32.normalize(text),
            symbols.utf8.count == Self.symbolCount
        else { return nil }
        canonical = symbols
    }

    private init(uncheckedBytes bytes: [UInt8]) {
        canonical = CrockfordBase32.encode(bytes)
    }

    /// The code in groups of four for people to read, `XXXX-XXXX-XXXX-XXXX`.
    public var displayed: String {
        CrockfordBase32.grouped(canonical)
    }

    /// The 10 bytes the code encodes.
    public var bytes: [UInt8] {
        CrockfordBase32.decode(canonical) ?? []
    }
}

extension TrackingCode: CustomStringConvertible {
    /// The displayed form, `XXXX-XXXX-XXXX-XXXX`.
    public var description: String { displayed }
}

extension TrackingCode: Codable {
    /// Decodes a code in any form ``init(_:)`` accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = TrackingCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a tracking code")
        }
        self = code
    }

    /// Encodes the displayed form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(displayed)
    }
}
