public import GuichetCore
import GuichetCrypto

/// The format of ``BookingCode``: 10 symbols (50 random bits) in two groups of five.
public enum BookingCodeFormat: RandomCodeFormat {
    /// 10 symbols × 5 bits = 50 bits.
    public static let symbolCount = 10
    /// `7K3QD-M9XTR`.
    public static let groupSize = 5
    /// Separators included.
    public static let maximumInputLength = 40
}

/// The short reference a person uses to find, move or cancel a booking without an account: ten
/// Crockford base-32 symbols (50 random bits from the system's CSPRNG), shown as two groups of five
/// (`7K3QD-M9XTR`); see ``RandomCode`` for parsing and display.
///
/// A code alone never grants access: cancelling or moving also needs the booking's second factor
/// (``ContactDetails/accepts(_:defaultCallingCode:)``), and lookups are scoped to the
/// tenant.
public typealias BookingCode = RandomCode<BookingCodeFormat>

extension RandomCode where Format == BookingCodeFormat {
    /// A new code from the system's cryptographically secure generator.
    public static func random() -> BookingCode {
        var generator = SecureRandomNumberGenerator()
        return random(using: &generator)
    }
}
