import Foundation
import GuichetCore

/// How usernames are compared: NFKC, then lower case, then nothing but a small ASCII alphabet.
///
/// NFKC folds compatibility forms into their plain letters (`ＡＤＭＩＮ` and `admin` are one name),
/// lower-casing makes names case-insensitive, and the ASCII alphabet keeps look-alikes out:
/// `аdmin` with a Cyrillic `а` survives NFKC unchanged, is not ASCII, and so is refused when an
/// account is created and never matches one at sign-in. Citizens sign in with an email address
/// (compared in lower case) or a phone number (compared in E.164).
enum Username {
    /// The longest username accepted, in UTF-8 bytes, before any work.
    static let maximumLength = 128

    /// The canonical form of a tenant account's or platform administrator's username, or nil when
    /// it cannot name one (too long, or outside `[a-z0-9._@+-]` once normalised).
    static func canonical(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        let bytes = Array(folded.utf8)
        guard let first = bytes.first, bytes.count <= 64, isAlphanumeric(first),
            bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "+") })
        else { return nil }
        return folded
    }

    /// The canonical form of a citizen's username: an email address in lower case or a phone
    /// number in E.164; nil when the text is neither.
    static func citizen(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= EmailAddress.maximumLength else { return nil }
        let folded = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        if folded.contains("@") {
            return EmailAddress(folded)?.lowercased
        }
        return PhoneNumber(folded)?.e164
    }

    /// The canonical form of a username signing in without a tenant: a citizen's email or phone, or
    /// a platform administrator's name.
    static func platform(_ text: String) -> String? {
        if let citizen = citizen(text) { return citizen }
        guard let name = canonical(text), !name.contains("@"), !name.contains("+") else { return nil }
        return name
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
