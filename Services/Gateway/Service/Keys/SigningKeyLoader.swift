import Foundation
import GuichetCore
import GuichetCrypto

/// Finds the gateway's Ed25519 signing keys: a base64url seed from the environment, else the seed
/// file in the keys directory, else a new key written there (mode 0600) for the next start.
///
/// Several gateway replicas must share their keys: give them the same environment or the same
/// directory (a mounted secret). The key id is derived from the public key, so every replica
/// names a key the same way.
enum SigningKeyLoader {
    struct LoadedKey {
        let privateKey: Ed25519.PrivateKey
        let keyID: String
    }

    enum Failure: Error, CustomStringConvertible {
        case malformedSeed(String)
        case unwritable(String)

        var description: String {
            switch self {
            case .malformedSeed(let source): "the signing key in \(source) is not a base64url 32-byte seed"
            case .unwritable(let path): "cannot write a new signing key to \(path)"
            }
        }
    }

    /// The file holding the key `name` in `directory`.
    static func path(_ name: String, directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(name).key")
    }

    /// Replaces the key file of `name` with a new key (the old one kept beside it as
    /// `<name>.key.previous`), atomically: a gateway reading the file sees the old key or the new.
    static func rotate(_ name: String, directory: String) throws -> LoadedKey {
        let path = path(name, directory: directory)
        let privateKey = Ed25519.PrivateKey()
        let text = Base64URL.encode(privateKey.rawRepresentation) + "\n"
        let next = path + ".next"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            _ = try? FileManager.default.removeItem(atPath: next)
            guard FileManager.default.createFile(atPath: next, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure.unwritable(next)
            }
            if let old = FileManager.default.contents(atPath: path) {
                let previous = path + ".previous"
                _ = try? FileManager.default.removeItem(atPath: previous)
                _ = FileManager.default.createFile(atPath: previous, contents: old, attributes: [.posixPermissions: 0o600])
            }
            guard rename(next, path) == 0 else { throw Failure.unwritable(path) }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.unwritable(path)
        }
        return LoadedKey(privateKey: privateKey, keyID: keyID(for: privateKey.publicKey, name: name))
    }

    static func load(_ name: String, seed: Secret<String>?, directory: String) throws -> LoadedKey {
        if let seed {
            return try key(fromSeed: seed.value, source: "the environment", name: name)
        }
        let path = path(name, directory: directory)
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return try key(fromSeed: text, source: path, name: name)
        }
        let privateKey = Ed25519.PrivateKey()
        let text = Base64URL.encode(privateKey.rawRepresentation) + "\n"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure.unwritable(path)
            }
        } catch {
            throw Failure.unwritable(path)
        }
        return LoadedKey(privateKey: privateKey, keyID: keyID(for: privateKey.publicKey, name: name))
    }

    private static func key(fromSeed text: String, source: String, name: String) throws -> LoadedKey {
        guard let bytes = Base64URL.decode(text), bytes.count == Ed25519.keyByteCount,
            let privateKey = try? Ed25519.PrivateKey(rawRepresentation: bytes)
        else { throw Failure.malformedSeed(source) }
        return LoadedKey(privateKey: privateKey, keyID: keyID(for: privateKey.publicKey, name: name))
    }

    /// `<name>-<first 16 hex digits of SHA-256 of the public key>`.
    static func keyID(for key: Ed25519.PublicKey, name: String) -> String {
        "\(name)-\(Hex.encode(SHA256.hash(key.rawRepresentation)).prefix(16))"
    }
}
