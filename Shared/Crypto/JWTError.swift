/// Why a JSON Web Token was refused.
public enum JWTError: Error, Sendable, Hashable {
    /// Not a compact JWS of three base64url parts with JSON header and claims, longer than the limit,
    /// or with a `crit` header (no extension is understood).
    case malformed
    /// The header's `alg` is not exactly `EdDSA` (this includes `none`, `HS256`, `RS256`, …).
    case unsupportedAlgorithm(String)
    /// The header has no `kid`, or no key in the key set has that id.
    case unknownKey
    /// The signature does not verify with the named key.
    case badSignature
    /// `exp` is in the past (beyond the leeway).
    case expired
    /// `nbf` or `iat` is in the future (beyond the leeway).
    case notYetValid
    /// A claim the verifier requires (such as `exp`) is missing.
    case missingClaim(String)
    /// `iss` is not the expected issuer.
    case wrongIssuer
    /// `aud` does not include the expected audience.
    case wrongAudience
}
