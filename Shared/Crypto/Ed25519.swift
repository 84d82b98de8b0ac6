internal import COpenSSL

/// Ed25519 signatures (RFC 8032) through OpenSSL's `EVP_PKEY_ED25519`.
///
/// ```swift
/// let key = Ed25519.PrivateKey()
/// let signature = try key.signature(for: message)
/// key.publicKey.isValidSignature(signature, for: message)   // true
/// ```
public enum Ed25519 {
    /// The length of a private key seed and of a public key, in bytes.
    public static let keyByteCount = 32
    /// The length of a signature, in bytes.
    public static let signatureByteCount = 64

    /// A failure to build a key from bytes.
    public enum KeyError: Error, Sendable, Hashable {
        /// The bytes are not 32 long.
        case invalidLength(Int)
        /// OpenSSL rejected the bytes.
        case rejected
    }
}

/// An OpenSSL `EVP_PKEY`, freed when the last reference goes.
// @unchecked Sendable: the key is created in `init`, never modified afterwards, and OpenSSL allows a
// const EVP_PKEY to be used from several threads at once (each operation has its own EVP_MD_CTX).
final class OpenSSLKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }
}

extension Ed25519 {
    /// An Ed25519 private key; it can sign and gives its public key.
    ///
    /// Its description never shows the key material.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        let key: OpenSSLKey
        /// The matching public key.
        public let publicKey: PublicKey

        /// A new random key (seed from ``SecureRandom``).
        public init() {
            var seed = SecureRandom.bytes(count: Ed25519.keyByteCount)
            defer { seed.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
            // 32 random bytes are always a valid seed; failure here means OpenSSL is broken.
            guard let key = try? PrivateKey(rawRepresentation: seed) else {
                preconditionFailure("\(CryptoError("EVP_PKEY_new_raw_private_key_ex"))")
            }
            self = key
        }

        /// A key from its 32-byte seed (RFC 8032's private key).
        public init(rawRepresentation seed: [UInt8]) throws(KeyError) {
            guard seed.count == Ed25519.keyByteCount else { throw .invalidLength(seed.count) }
            let made = seed.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, $0.baseAddress, $0.count)
            }
            guard let made else {
                clearOpenSSLErrors()
                throw .rejected
            }
            key = OpenSSLKey(made)
            var publicBytes = [UInt8](repeating: 0, count: Ed25519.keyByteCount)
            var length = publicBytes.count
            guard EVP_PKEY_get_raw_public_key(made, &publicBytes, &length) == 1, length == Ed25519.keyByteCount else {
                clearOpenSSLErrors()
                throw .rejected
            }
            publicKey = try PublicKey(rawRepresentation: publicBytes)
        }

        /// The 32-byte seed. Handle with care: store it only encrypted or in a secret store.
        public var rawRepresentation: [UInt8] {
            var bytes = [UInt8](repeating: 0, count: Ed25519.keyByteCount)
            var length = bytes.count
            guard EVP_PKEY_get_raw_private_key(key.pointer, &bytes, &length) == 1, length == Ed25519.keyByteCount else {
                preconditionFailure("\(CryptoError("EVP_PKEY_get_raw_private_key"))")
            }
            return bytes
        }

        /// Signs `message` (pure Ed25519: the message itself, not a hash of it); 64 bytes.
        public func signature(for message: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
            guard let context = EVP_MD_CTX_new() else { throw CryptoError("EVP_MD_CTX_new") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestSignInit_ex(context, nil, nil, nil, nil, key.pointer, nil) == 1 else {
                throw CryptoError("EVP_DigestSignInit_ex")
            }
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
            var length = signature.count
            var empty: UInt8 = 0
            let result = withUnsafePointer(to: &empty) { emptyPointer in
                EVP_DigestSign(
                    context, &signature, &length,
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer, message.count)
            }
            guard result == 1, length == Ed25519.signatureByteCount else { throw CryptoError("EVP_DigestSign") }
            return signature
        }

        /// Signs `message`; 64 bytes.
        public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
            let result = message.withUnsafeBytes { buffer in
                Result { () throws(CryptoError) -> [UInt8] in try signature(for: buffer) }
            }
            return try result.get()
        }

        /// Signs a string's UTF-8 bytes; 64 bytes.
        public func signature(for message: String) throws(CryptoError) -> [UInt8] {
            try signature(for: Array(message.utf8))
        }

        /// `Ed25519.PrivateKey([redacted])`.
        public var description: String { "Ed25519.PrivateKey([redacted])" }
    }
}
