/// A registry number as the registry holds it: the year, direction and sequence it was allocated
/// from, and its text in the tenant's format (`2026/A/000123`).
///
/// Numbers are made by ``RegistryNumberFormat/number(year:direction:sequence:)`` from a sequence the
/// database allocated (a gapless counter per tenant, direction and year), and read back with
/// ``RegistryNumberFormat/parse(_:)``.
public struct RegistryNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The registry year (the local year of registration in the tenant's time zone).
    public let year: Int
    /// The direction whose counter gave the sequence.
    public let direction: MailDirection
    /// The sequence number within the tenant, direction and year, from 1.
    public let sequence: Int
    /// The number as people see it, e.g. `2026/A/000123`.
    public let text: String

    /// A number as stored (its parts and its text, which never change once registered).
    public init(year: Int, direction: MailDirection, sequence: Int, text: String) {
        self.year = year
        self.direction = direction
        self.sequence = sequence
        self.text = text
    }

    /// The key under which full-text search finds this number whatever separators, case or leading
    /// zeros a person types: year, the direction's default code in lower case, and the sequence
    /// without leading zeros (`2026a123` for `2026/A/000123`).
    public var searchKey: String {
        Self.searchKey(year: year, direction: direction, sequence: sequence)
    }

    /// The text.
    public var description: String { text }

    /// Orders numbers by year, then direction (incoming, outgoing, internal), then sequence: the
    /// registry's order.
    public static func < (lhs: RegistryNumber, rhs: RegistryNumber) -> Bool {
        let left = MailDirection.allCases.firstIndex(of: lhs.direction) ?? 0
        let right = MailDirection.allCases.firstIndex(of: rhs.direction) ?? 0
        return (lhs.year, left, lhs.sequence) < (rhs.year, right, rhs.sequence)
    }

    /// The search key of a number's parts (see ``searchKey``).
    static func searchKey(year: Int, direction: MailDirection, sequence: Int) -> String {
        "\(year)\(direction.registryCode.lowercased())\(sequence)"
    }
}
