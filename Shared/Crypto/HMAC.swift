internal import COpenSSL

/// HMAC (RFC 2104) through OpenSSL's `EVP_MAC`.
public enum HMAC {
    /// HMAC-SHA256 of `data` under `key`: 32 bytes.
    public static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        key.withUnsafeBytes { key in
            data.withUnsafeBytes { data in sha256(key: key, data: data) }
        }
    }

    /// HMAC-SHA256 of a string's UTF-8 bytes under `key`: 32 bytes.
    public static func sha256(key: [UInt8], data: String) -> [UInt8] {
        sha256(key: key, data: Array(data.utf8))
    }

    /// HMAC-SHA256 of `data` under `key`: 32 bytes. Traps if OpenSSL fails (out of memory).
    public static func sha256(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer) -> [UInt8] {
        guard let context = EVP_MAC_CTX_new(OpenSSLAlgorithms.shared.hmac) else {
            preconditionFailure("\(CryptoError("EVP_MAC_CTX_new"))")
        }
        defer { EVP_MAC_CTX_free(context) }
        var digestName: [CChar] = Array("SHA256".utf8CString)
        // An empty key is valid HMAC; OpenSSL needs a non-null pointer to take it as a new key.
        var empty: UInt8 = 0
        let initialized = digestName.withUnsafeMutableBufferPointer { name in
            var parameters = [
                OSSL_PARAM_construct_utf8_string(staticCString("digest"), name.baseAddress, 0),
                OSSL_PARAM_construct_end(),
            ]
            return withUnsafeMutablePointer(to: &empty) { emptyPointer in
                let keyPointer = key.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyPointer)
                return EVP_MAC_init(context, keyPointer, key.count, &parameters)
            }
        }
        guard initialized == 1 else { preconditionFailure("\(CryptoError("EVP_MAC_init"))") }
        if let base = data.baseAddress, data.count > 0 {
            guard EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), data.count) == 1 else {
                preconditionFailure("\(CryptoError("EVP_MAC_update"))")
            }
        }
        return [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            var length = 0
            guard EVP_MAC_final(context, buffer.baseAddress, &length, 32) == 1, length == 32 else {
                preconditionFailure("\(CryptoError("EVP_MAC_final"))")
            }
            count = length
        }
    }
}

/// Compares two byte strings in time that depends only on their lengths, not on where they differ
/// (`CRYPTO_memcmp`), for MACs, tokens and password hashes. Different lengths compare unequal.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    if lhs.isEmpty { return true }
    return lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
        }
    }
}
