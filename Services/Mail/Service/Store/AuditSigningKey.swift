import Foundation
import GuichetCore
import GuichetCrypto

/// The Ed25519 key that signs the daily audit chain heads of every tenant.
///
/// Where it lives: a base64url 32-byte seed in `MAIL_AUDIT_SIGNING_KEY` (a mounted secret in
/// production), else the file `mail-audit.key` in `GUICHET_KEYS_DIR`, created (mode 0600) on the
/// first start. Replicas must share it. Only its public half reaches the database
/// (`mail.audit_keys`); its id is derived from the public key, so every replica names it alike.
/// An operator keeps a copy of the public key outside the database (`mail audit public-key`): a
/// verifier given it does not have to trust the database's copy.
struct AuditSigningKey: Sendable {
    /// The private key.
    let privateKey: Ed25519.PrivateKey
    /// `mail-audit-<first 16 hex digits of SHA-256 of the public key>`.
    let keyID: String

    /// The file name in the keys directory.
    static let fileName = "mail-audit.key"

    /// Why the key could not be loaded.
    enum Failure: Error, CustomStringConvertible {
        case malformedSeed(String)
        case unwritable(String)

        var description: String {
            switch self {
            case .malformedSeed(let source): "the audit signing key in \(source) is not a base64url 32-byte seed"
            case .unwritable(let path): "cannot write a new audit signing key to \(path)"
            }
        }
    }

    init(privateKey: Ed25519.PrivateKey) {
        self.privateKey = privateKey
        keyID = Self.keyID(for: privateKey.publicKey)
    }

    /// The key id of `publicKey`.
    static func keyID(for publicKey: Ed25519.PublicKey) -> String {
        "mail-audit-" + Hex.encode(SHA256.hash(publicKey.rawRepresentation)).prefix(16)
    }

    /// Loads the key from the seed, else the key file, else makes one and writes the file. Blocking
    /// file work: call it at start-up, not on an event loop.
    static func load(seed: Secret<String>?, directory: String) throws -> AuditSigningKey {
        if let seed { return try key(fromSeed: seed.value, source: "MAIL_AUDIT_SIGNING_KEY") }
        let path = (directory as NSString).appendingPathComponent(fileName)
        if let data = FileManager.default.contents(atPath: path) {
            return try key(fromSeed: String(String(decoding: data, as: UTF8.self).trimmingWhitespace()), source: path)
        }
        let privateKey = Ed25519.PrivateKey()
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let text = Base64URL.encode(privateKey.rawRepresentation) + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            else { throw Failure.unwritable(path) }
        } catch {
            throw Failure.unwritable(path)
        }
        return AuditSigningKey(privateKey: privateKey)
    }

    private static func key(fromSeed text: String, source: String) throws -> AuditSigningKey {
        guard let bytes = Base64URL.decode(text), bytes.count == Ed25519.keyByteCount,
            let privateKey = try? Ed25519.PrivateKey(rawRepresentation: bytes)
        else { throw Failure.malformedSeed(source) }
        return AuditSigningKey(privateKey: privateKey)
    }
}
