internal import COpenSSL

/// A failure inside OpenSSL: which operation failed and OpenSSL's own reason.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The operation that failed (`EVP_DigestSign`).
    public let operation: String
    /// OpenSSL's error queue, as text (may be empty).
    public let reason: String

    /// Creates an error for `operation`, draining OpenSSL's thread-local error queue into `reason`.
    init(_ operation: String) {
        self.operation = operation
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.reason = reasons.joined(separator: "; ")
    }

    /// `EVP_DigestSign failed: …`.
    public var description: String {
        reason.isEmpty ? "\(operation) failed" : "\(operation) failed: \(reason)"
    }
}

/// Discards OpenSSL's thread-local error queue after an expected failure (a bad signature), so that
/// stale entries never show up in a later, unrelated ``CryptoError``.
func clearOpenSSLErrors() {
    ERR_clear_error()
}
