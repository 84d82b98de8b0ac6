import GuichetCore
import GuichetCrypto

/// The short reference a person uses to find, move or cancel a booking without an account:
/// ten Crockford base-32 symbols (50 random bits from the system's CSPRNG), shown as two groups of
/// five (`7K3QD-M9XTR`).
///
/// Parsing forgives what people do when they type or dictate a code: any case, hyphens and spaces
/// anywhere, `O` for `0`, `I` or `L` for `1`. A code alone never grants access: cancelling or
/// moving also needs the booking's second factor (``BookingContact/accepts(_:)``), and lookups are
/// scoped to the tenant.
public struct BookingCode: Sendable, Hashable, CustomStringConvertible {
    /// Symbols in a code.
    public static let length = 10
    /// Random bits in a code (5 per symbol).
    public static let bits = 50

    /// The canonical symbols (upper case, no separator), as stored.
    public let value: String

    /// A new code from the system's cryptographically secure generator.
    public static func random() -> BookingCode {
        var generator = SecureRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new code drawn from `generator` (tests pass a seeded one; production uses ``random()``).
    public static func random(using generator: inout some RandomNumberGenerator) -> BookingCode {
        let number = generator.next() & ((1 << UInt64(bits)) - 1)
        return BookingCode(canonical: CrockfordBase32.encode(number, minimumLength: length))
    }

    /// The code typed or read by a person, or `nil` if it is not ten symbols of the alphabet once
    /// separators are removed.
    public init?(parsing text: some StringProtocol) {
        guard let normalized = CrockfordBase32.normalize(text), normalized.utf8.count == BookingCode.length else { return nil }
        self.value = normalized
    }

    private init(canonical: String) {
        self.value = canonical
    }

    /// The code for display and dictation: `7K3QD-M9XTR`.
    public var grouped: String {
        CrockfordBase32.grouped(value, groupSize: 5)
    }

    /// The grouped form.
    public var description: String { grouped }
}
