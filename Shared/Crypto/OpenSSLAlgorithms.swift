internal import COpenSSL

/// Algorithm objects fetched from OpenSSL's default provider once per process, instead of on every
/// operation (OpenSSL 3's implicit fetches take a lock and a lookup each time).
// @unchecked Sendable: the pointers are set once in `init` and never changed; OpenSSL documents
// fetched EVP_MD/EVP_MAC/EVP_KDF objects as safe to share between threads (each operation uses its
// own context).
final class OpenSSLAlgorithms: @unchecked Sendable {
    /// SHA-256.
    let sha256: OpaquePointer
    /// HMAC.
    let hmac: OpaquePointer
    /// scrypt.
    let scrypt: OpaquePointer

    static let shared = OpenSSLAlgorithms()

    private init() {
        // Without these the library cannot work at all: a missing default provider is a broken install.
        guard let sha256 = EVP_MD_fetch(nil, "SHA256", nil) else { preconditionFailure("\(CryptoError("EVP_MD_fetch SHA256"))") }
        guard let hmac = EVP_MAC_fetch(nil, "HMAC", nil) else { preconditionFailure("\(CryptoError("EVP_MAC_fetch HMAC"))") }
        guard let scrypt = EVP_KDF_fetch(nil, "SCRYPT", nil) else { preconditionFailure("\(CryptoError("EVP_KDF_fetch SCRYPT"))") }
        self.sha256 = sha256
        self.hmac = hmac
        self.scrypt = scrypt
    }
}

/// A NUL-terminated C string with static storage, for OSSL_PARAM keys (OpenSSL keeps the pointer
/// inside the parameter, so a temporary bridged `String` would dangle).
func staticCString(_ string: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(string.utf8Start).assumingMemoryBound(to: CChar.self)
}
