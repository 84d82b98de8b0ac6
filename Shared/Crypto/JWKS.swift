import FoundationEssentials
import GuichetCore

/// JSON Web Keys (RFC 7517, RFC 8037) for Ed25519 public keys: rendering `/.well-known/jwks.json`
/// and reading it back.
public enum JWKS {
    /// A JWKS document could not be read.
    public enum Error: Swift.Error, Sendable, Hashable {
        /// Not a JSON object with a `keys` array, or an Ed25519 key with a bad `x` or no `kid`.
        case invalidDocument
    }

    /// One key as a JWK: `{"kty":"OKP","crv":"Ed25519","x":…,"kid":…,"alg":"EdDSA","use":"sig"}`.
    public static func jwk(for key: Ed25519.PublicKey, keyID: String) -> [UInt8] {
        var json = JSONWriter(capacity: 160)
        write(key, keyID: keyID, into: &json)
        return json.bytes
    }

    /// A JWKS document `{"keys":[…]}` with every key, ordered by key id.
    public static func document(_ keys: [String: Ed25519.PublicKey]) -> [UInt8] {
        var json = JSONWriter(capacity: 64 + keys.count * 160)
        json.openObject()
        json.writeKey("keys")
        json.openArray()
        for keyID in keys.keys.sorted() {
            if let key = keys[keyID] { write(key, keyID: keyID, into: &json) }
        }
        json.closeArray()
        json.closeObject()
        return json.bytes
    }

    /// The Ed25519 signing keys of a JWKS document, by key id. Keys of other types or curves, or
    /// meant for another use or algorithm, are skipped, as RFC 7517 asks.
    public static func parse(_ document: [UInt8]) throws(JWKS.Error) -> [String: Ed25519.PublicKey] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(document)),
            let entries = value["keys"]?.arrayValue
        else { throw .invalidDocument }
        var keys: [String: Ed25519.PublicKey] = [:]
        for entry in entries {
            guard entry["kty"]?.stringValue == "OKP", entry["crv"]?.stringValue == "Ed25519" else { continue }
            if let use = entry["use"], use.stringValue != "sig" { continue }
            if let algorithm = entry["alg"], algorithm.stringValue != "EdDSA" { continue }
            guard let keyID = entry["kid"]?.stringValue, let x = entry["x"]?.stringValue,
                let raw = Base64URL.decode(x), let key = try? Ed25519.PublicKey(rawRepresentation: raw)
            else { throw .invalidDocument }
            keys[keyID] = key
        }
        return keys
    }

    private static func write(_ key: Ed25519.PublicKey, keyID: String, into json: inout JSONWriter) {
        json.openObject()
        json.writeKey("kty")
        json.write("OKP")
        json.writeKey("crv")
        json.write("Ed25519")
        json.writeKey("x")
        json.write(Base64URL.encode(key.rawRepresentation))
        json.writeKey("kid")
        json.write(keyID)
        json.writeKey("alg")
        json.write("EdDSA")
        json.writeKey("use")
        json.write("sig")
        json.closeObject()
    }
}
