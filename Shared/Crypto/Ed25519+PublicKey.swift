internal import COpenSSL

extension Ed25519 {
    /// An Ed25519 public key: verifies signatures; shared as 32 raw bytes or a JWK.
    public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
        let key: OpenSSLKey
        /// The 32 raw bytes (RFC 8032's encoding of the point).
        public let rawRepresentation: [UInt8]

        /// A key from its 32 raw bytes.
        public init(rawRepresentation bytes: [UInt8]) throws(KeyError) {
            guard bytes.count == Ed25519.keyByteCount else { throw .invalidLength(bytes.count) }
            let made = bytes.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, $0.baseAddress, $0.count)
            }
            guard let made else {
                clearOpenSSLErrors()
                throw .rejected
            }
            key = OpenSSLKey(made)
            rawRepresentation = bytes
        }

        /// Whether `signature` is a valid signature of `message` by the matching private key.
        /// Any malformed signature (wrong length, bad encoding) is simply invalid.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: UnsafeRawBufferPointer) -> Bool {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            guard let context = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit_ex(context, nil, nil, nil, nil, key.pointer, nil) == 1 else {
                clearOpenSSLErrors()
                return false
            }
            let signatureBytes = Array(signature)
            var empty: UInt8 = 0
            let result = withUnsafePointer(to: &empty) { emptyPointer in
                EVP_DigestVerify(
                    context, signatureBytes, signatureBytes.count,
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer, message.count)
            }
            if result != 1 { clearOpenSSLErrors() }
            return result == 1
        }

        /// Whether `signature` is a valid signature of `message`.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: [UInt8]) -> Bool {
            message.withUnsafeBytes { isValidSignature(signature, for: $0) }
        }

        /// Whether `signature` is a valid signature of a string's UTF-8 bytes.
        public func isValidSignature(_ signature: some Collection<UInt8>, for message: String) -> Bool {
            isValidSignature(signature, for: Array(message.utf8))
        }

        /// Compares the raw bytes.
        public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
            lhs.rawRepresentation == rhs.rawRepresentation
        }

        /// Hashes the raw bytes.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(rawRepresentation)
        }

        /// `Ed25519.PublicKey(<base64url>)`.
        public var description: String {
            "Ed25519.PublicKey(\(Base64URL.encode(rawRepresentation)))"
        }
    }
}
