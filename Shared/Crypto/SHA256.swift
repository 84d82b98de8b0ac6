internal import COpenSSL

// @unchecked Sendable: the context is reachable only through this non-copyable value; mutation needs
// exclusive (`inout` or consuming) access, so two threads can never use the context at once.
/// SHA-256 (FIPS 180-4), one-shot or incremental for streamed bodies.
///
/// ```swift
/// let digest = SHA256.hash(bytes)
/// var hasher = SHA256()
/// hasher.update(chunk1); hasher.update(chunk2)
/// let streamed = hasher.finalize()
/// ```
///
/// The incremental hasher owns an OpenSSL `EVP_MD_CTX`; it is non-copyable, so the context has one
/// owner and is freed exactly once, and `finalize()` consumes it.
public struct SHA256: ~Copyable, @unchecked Sendable {
    /// The digest length in bytes.
    public static let byteCount = 32

    private let context: OpaquePointer

    /// Starts a new hash. Traps if OpenSSL cannot allocate a context (out of memory).
    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("\(CryptoError("EVP_MD_CTX_new"))") }
        guard EVP_DigestInit_ex2(context, OpenSSLAlgorithms.shared.sha256, nil) == 1 else {
            EVP_MD_CTX_free(context)
            preconditionFailure("\(CryptoError("EVP_DigestInit_ex2"))")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else {
            preconditionFailure("\(CryptoError("EVP_DigestUpdate"))")
        }
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes and returns the 32-byte digest.
    public consuming func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.byteCount) { buffer, initialized in
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context, buffer.baseAddress, &length) == 1, length == Self.byteCount else {
                preconditionFailure("\(CryptoError("EVP_DigestFinal_ex"))")
            }
            initialized = Int(length)
        }
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            var length: UInt32 = 0
            let data = bytes.baseAddress ?? UnsafeRawPointer(buffer.baseAddress!)
            guard EVP_Digest(data, bytes.count, buffer.baseAddress, &length, OpenSSLAlgorithms.shared.sha256, nil) == 1,
                length == byteCount
            else {
                preconditionFailure("\(CryptoError("EVP_Digest"))")
            }
            initialized = Int(length)
        }
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The digest of a string's UTF-8 bytes in one call.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func hexHash(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }

    /// The digest of a string's UTF-8 bytes as 64 lowercase hexadecimal digits.
    public static func hexHash(_ string: String) -> String {
        Hex.encode(hash(string))
    }
}
