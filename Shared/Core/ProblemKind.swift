/// A kind of problem a service can report: its stable machine-readable code, HTTP status, and the
/// title and default detail in French, Arabic and English.
///
/// The platform's kinds are static constants on this type (``ProblemKind/notFound`` …). A service
/// declares its own the same way:
///
/// ```swift
/// extension ProblemKind {
///     static let slotTaken = ProblemKind(
///         code: "slot_taken", status: 409,
///         title: LocalizedText(fr: "Créneau déjà pris", ar: "الموعد محجوز مسبقًا", en: "Slot taken"),
///         detail: LocalizedText(fr: "…", ar: "…", en: "…"))
/// }
/// ```
public struct ProblemKind: Sendable, Hashable {
    /// The stable, machine-readable code in snake_case (`not_found`); clients branch on it.
    public let code: String
    /// The HTTP status code sent with the problem.
    public let status: Int
    /// A short, human-readable summary that does not change from occurrence to occurrence.
    public let title: LocalizedText
    /// The explanation used when an occurrence gives no more specific detail.
    public let detail: LocalizedText

    /// Declares a kind of problem. `code` must be snake_case ASCII (`[a-z][a-z0-9_]*`) and `status`
    /// an HTTP error status (400–599); anything else is a programming error and traps.
    public init(code: String, status: Int, title: LocalizedText, detail: LocalizedText) {
        precondition(Self.isValidCode(code), "A problem code must be snake_case ASCII: \(code)")
        precondition((400...599).contains(status), "A problem status must be 400–599: \(status)")
        self.code = code
        self.status = status
        self.title = title
        self.detail = detail
    }

    /// Whether `code` is a valid problem code: a lowercase ASCII letter followed by lowercase ASCII
    /// letters, digits and underscores, at most 64 characters.
    public static func isValidCode(_ code: String) -> Bool {
        let bytes = code.utf8
        guard let first = bytes.first, (1...64).contains(bytes.count), first >= UInt8(ascii: "a"),
            first <= UInt8(ascii: "z")
        else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte.isASCIIDigit || byte == UInt8(ascii: "_")
        }
    }
}
