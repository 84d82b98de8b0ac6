import FoundationEssentials
import GuichetCore

/// Signs JSON Web Tokens as compact JWS with `alg: EdDSA` (RFC 8037) and a key id (`kid`).
///
/// ```swift
/// let signer = JWTSigner(privateKey: key, keyID: "gw-2026-01")
/// let token = try signer.sign(context, registered: JWTRegisteredClaims(
///     issuer: "guichet-gateway", audience: ["complaints"], expiresAt: now + 60, issuedAt: now))
/// ```
public struct JWTSigner: Sendable {
    /// The key id written in every token's header.
    public let keyID: String
    private let privateKey: Ed25519.PrivateKey
    /// `base64url({"alg":"EdDSA","typ":"JWT","kid":…})`, made once.
    private let encodedHeader: String

    /// Creates a signer for a key and its id.
    public init(privateKey: Ed25519.PrivateKey, keyID: String, type: String = "JWT") {
        self.keyID = keyID
        self.privateKey = privateKey
        var header = JSONWriter(capacity: 64)
        header.openObject()
        header.writeKey("alg")
        header.write("EdDSA")
        header.writeKey("typ")
        header.write(type)
        header.writeKey("kid")
        header.write(keyID)
        header.closeObject()
        encodedHeader = Base64URL.encode(header.bytes)
    }

    /// The public key that verifies this signer's tokens.
    public var publicKey: Ed25519.PublicKey {
        privateKey.publicKey
    }

    /// A signed token carrying `claims` and the registered claims in one JSON object. `claims` must
    /// encode as a keyed object and should not repeat registered claim names.
    public func sign<Claims: Encodable>(_ claims: Claims, registered: JWTRegisteredClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(JWTClaimsEnvelope(registered: registered, claims: claims))
        var token = encodedHeader
        token.reserveCapacity(encodedHeader.utf8.count + payload.count * 4 / 3 + 90)
        token += "."
        token += Base64URL.encode(payload)
        let signature = try privateKey.signature(for: Array(token.utf8))
        token += "."
        token += Base64URL.encode(signature)
        return token
    }

    /// A signed token carrying only registered claims.
    public func sign(registered: JWTRegisteredClaims) throws -> String {
        try sign(JWTNoClaims(), registered: registered)
    }
}
