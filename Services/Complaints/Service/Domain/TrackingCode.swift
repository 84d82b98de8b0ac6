public import GuichetCore
import GuichetCrypto

/// The format of ``TrackingCode``: 16 symbols (80 random bits) in groups of four.
public enum TrackingCodeFormat: RandomCodeFormat {
    /// 16 symbols × 5 bits = 80 bits: 2⁸⁰ codes, beyond guessing.
    public static let symbolCount = 16
    /// `7KQ3-M9XD-2TNB-HV0R`.
    public static let groupSize = 4
    /// Separators included.
    public static let maximumInputLength = 40
}

/// The code a citizen follows a complaint with, without an account: 80 random bits from a CSPRNG
/// written as 16 Crockford base 32 symbols and shown in groups of four, `7KQ3-M9XD-2TNB-HV0R` (see
/// ``RandomCode`` for parsing and display; ``RandomCode/canonical`` is the database key).
///
/// ```swift
/// let code = TrackingCode.random()
/// code.displayed                                   // "7KQ3-M9XD-2TNB-HV0R"
/// TrackingCode("7kq3 m9xd 2tnb hvor") == code       // true: case, spaces and O→0 forgiven
/// ```
public typealias TrackingCode = RandomCode<TrackingCodeFormat>

extension RandomCode where Format == TrackingCodeFormat {
    /// The number of random bytes behind a code (16 symbols × 5 bits = 80 bits).
    public static var byteCount: Int { 10 }

    /// The code carrying these 10 bytes, or `nil` for any other count (for tests and for codes
    /// stored as bytes).
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init(CrockfordBase32.encode(bytes))
    }

    /// The 10 bytes the code encodes.
    public var bytes: [UInt8] {
        CrockfordBase32.decode(canonical) ?? []
    }
}
