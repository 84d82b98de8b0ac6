internal import COpenSSL
import FoundationEssentials
import GuichetCrypto

/// Time-based one-time passwords (RFC 6238, over HOTP, RFC 4226): HMAC-SHA1, six digits, a step
/// of 30 seconds — what every authenticator application reads from an `otpauth://` URI. A code is
/// accepted one step early or late (clocks drift), and each step only once (the caller keeps the
/// last step accepted).
struct TOTP: Sendable {
    /// The shared secret (20 bytes, the size of an SHA-1 digest, as RFC 4226 recommends).
    let secret: [UInt8]
    var digits = 6
    var step: Int64 = 30
    /// Steps accepted on either side of the current one.
    var window: Int64 = 1

    /// A new random secret.
    static func makeSecret() -> [UInt8] { SecureRandom.bytes(count: 20) }

    /// The time step of `date`.
    func counter(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(step)).rounded(.down))
    }

    /// The code of time step `counter` (RFC 4226 §5.3: dynamic truncation).
    func code(counter: Int64) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { message[7 - index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: counter) >> (8 * UInt64(index))) }
        let digest = Self.hmacSHA1(key: secret, data: message)
        let offset = Int(digest[19] & 0x0F)
        let binary =
            (UInt32(digest[offset] & 0x7F) << 24) | (UInt32(digest[offset + 1]) << 16) | (UInt32(digest[offset + 2]) << 8)
            | UInt32(digest[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The code of `date`.
    func code(at date: Date) -> String { code(counter: counter(at: date)) }

    /// The time step `code` belongs to, when it is right at `date` (within the window) and later
    /// than `lastStep`; nil otherwise. Compared in constant time.
    func verify(_ code: String, at date: Date, after lastStep: Int64?) -> Int64? {
        let typed = Array(code.utf8.filter { $0 != UInt8(ascii: " ") })
        guard typed.count == digits, typed.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let now = counter(at: date)
        var accepted: Int64?
        for candidate in (now - window)...(now + window) {
            if constantTimeEquals(Array(self.code(counter: candidate).utf8), typed), accepted == nil {
                accepted = candidate
            }
        }
        guard let accepted, lastStep.map({ accepted > $0 }) ?? true else { return nil }
        return accepted
    }

    /// The URI an authenticator application reads (as a QR code): `otpauth://totp/…`.
    func uri(issuer: String, account: String) -> String {
        let label = Self.escape("\(issuer):\(account)")
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(Self.escape(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(step)"
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let isUnreserved =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "@")
            if isUnreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return result
    }

    /// HMAC-SHA1 through OpenSSL's one-shot `EVP_Q_mac`: 20 bytes.
    static func hmacSHA1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 20) { output, count in
            var length = 0
            let status = key.withUnsafeBytes { key in
                data.withUnsafeBytes { data in
                    EVP_Q_mac(
                        nil, "HMAC", nil, "SHA1", nil, key.baseAddress, key.count,
                        data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count, output.baseAddress, 20, &length)
                }
            }
            precondition(status != nil && length == 20, "HMAC-SHA1 failed in OpenSSL")
            count = length
        }
    }
}

/// Base32 (RFC 4648 §6, upper case, no padding): how `otpauth` URIs carry secrets.
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                result.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { result.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: result, as: UTF8.self)
    }
}
