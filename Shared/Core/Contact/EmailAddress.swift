/// An email address Guichet can write to, checked pragmatically against RFC 5321/5322.
///
/// Accepted: `local@domain` where the local part is a dot-atom (ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-``, dots between them) of at most 64 octets, and the domain is at least two
/// DNS labels (letters, digits, inner hyphens, 1–63 octets each; the last not all digits) of at
/// most 253 octets; the whole address is at most 254 octets. Not accepted, deliberately: quoted
/// local parts, comments, IP-literal domains and non-ASCII addresses — valid on paper, but rare
/// and poorly delivered. The domain is lower-cased; the local part is kept as typed, for delivery,
/// but two addresses that differ only in case are the same (``lowercased`` is what is compared,
/// looked up and deduplicated). Callers trim the text first.
///
/// ```swift
/// let email = EmailAddress("Amina.Alaoui@Example.MA")!
/// email.value        // "Amina.Alaoui@example.ma"
/// email.lowercased   // "amina.alaoui@example.ma"
/// ```
public struct EmailAddress: Sendable, CustomStringConvertible {
    /// The longest address accepted, in octets (RFC 5321's 256-octet path minus the angle brackets).
    public static let maximumLength = 254

    /// The address, `local@domain`, with the domain in lower case.
    public let value: String

    /// The part before the `@`.
    public var localPart: Substring { value[..<(value.lastIndex(of: "@") ?? value.startIndex)] }
    /// The domain, after the `@`.
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@") ?? value.startIndex)...] }

    /// The address, or `nil` if `text` (already trimmed) is not one.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8.prefix(Self.maximumLength + 1))
        guard bytes.count <= Self.maximumLength, let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard Self.isValidLocalPart(local), Self.isValidDomain(domain) else { return nil }
        value = String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain.map(Self.lowercased), as: UTF8.self)
    }

    /// The address in lower case: the form two addresses are compared by (mail servers treat
    /// local parts without regard to case in practice).
    public var lowercased: String {
        String(decoding: value.utf8.map(Self.lowercased), as: UTF8.self)
    }

    /// The address as written, `local@domain`.
    public var description: String { value }

    private static func isValidLocalPart(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(bytes.count), bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else {
            return false
        }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard previous != UInt8(ascii: ".") else { return false }
            } else if !isAtomCharacter(byte) {
                return false
            }
            previous = byte
        }
        return true
    }

    private static func isValidDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (1...253).contains(bytes.count) else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        // A top-level domain is never all digits (that would be an IP address).
        return labels.last?.contains(where: { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) == true
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAtomCharacter(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || Array("!#$%&'*+/=?^_`{|}~-".utf8).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

extension EmailAddress: Hashable {
    /// Addresses are equal when they differ at most in case.
    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool {
        lhs.value.utf8.elementsEqual(rhs.value.utf8) { lowercased($0) == lowercased($1) }
    }

    /// Hashes the address in lower case.
    public func hash(into hasher: inout Hasher) {
        for byte in value.utf8 { hasher.combine(Self.lowercased(byte)) }
    }
}
