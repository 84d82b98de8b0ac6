import FoundationEssentials
public import GuichetCore

/// Verifies compact JWS tokens signed with `alg: EdDSA` against a set of public keys, then checks the
/// registered claims.
///
/// The header is parsed first (its `alg` must be exactly `EdDSA` and its `kid` must name a key in
/// the set), the signature is verified, and only then are the claims decoded, once, into the
/// caller's type and the registered claims together.
///
/// ```swift
/// let verifier = JWTVerifier(keys: ["gw-2026-01": gatewayKey],
///                            configuration: .init(issuer: "guichet-gateway", audience: "complaints"))
/// let context = try verifier.verify(token, as: RequestContextClaims.self).claims
/// ```
public struct JWTVerifier: Sendable {
    /// What a token must satisfy besides its signature.
    public struct Configuration: Sendable {
        /// The required `iss`, or `nil` to accept any issuer.
        public var issuer: String?
        /// The audience that `aud` must include, or `nil` to skip the check.
        public var audience: String?
        /// Tolerance for clock differences when checking `exp`, `nbf` and `iat`.
        public var leeway: Duration
        /// Whether a token without `exp` is refused.
        public var requiresExpiration: Bool
        /// The longest token accepted, in bytes; longer ones are refused before any work.
        public var maximumTokenLength: Int
        /// The `typ` header required (compared case-insensitively), or `nil` to accept any.
        public var type: String?
        /// The clock giving the current time.
        public var clock: any WallClock

        /// Creates a configuration; by default no issuer or audience is required, the leeway is 30
        /// seconds, `exp` is required and tokens are at most 8 KiB.
        public init(
            issuer: String? = nil, audience: String? = nil, leeway: Duration = .seconds(30),
            requiresExpiration: Bool = true, maximumTokenLength: Int = 8192, type: String? = nil,
            clock: any WallClock = SystemWallClock()
        ) {
            self.issuer = issuer
            self.audience = audience
            self.leeway = leeway
            self.requiresExpiration = requiresExpiration
            self.maximumTokenLength = maximumTokenLength
            self.type = type
            self.clock = clock
        }
    }

    /// A token that passed every check.
    public struct Verified<Claims> {
        /// The id of the key that signed it.
        public let keyID: String
        /// Its registered claims.
        public let registered: JWTRegisteredClaims
        /// Its other claims, decoded into the caller's type.
        public let claims: Claims
    }

    /// The keys tokens may be signed with, by key id.
    public let keys: [String: Ed25519.PublicKey]
    /// The checks applied.
    public let configuration: Configuration

    /// Creates a verifier for a key set.
    public init(keys: [String: Ed25519.PublicKey], configuration: Configuration = Configuration()) {
        self.keys = keys
        self.configuration = configuration
    }

    private struct Header: Decodable {
        var alg: String
        var kid: String?
        var typ: String?
        var crit: JSONValue?
    }

    /// Verifies `token` and decodes its claims as `Claims`.
    public func verify<Claims: Decodable>(_ token: String, as claimsType: Claims.Type = Claims.self) throws(JWTError)
        -> Verified<Claims>
    {
        let bytes = Array(token.utf8)
        guard bytes.count <= configuration.maximumTokenLength else { throw .malformed }
        guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = bytes[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !bytes[(secondDot + 1)...].contains(UInt8(ascii: "."))
        else { throw .malformed }

        guard let headerJSON = Base64URL.decode(bytes: bytes[..<firstDot]),
            let header = try? JSONDecoder().decode(Header.self, from: Data(headerJSON))
        else { throw .malformed }
        guard header.alg == "EdDSA" else { throw .unsupportedAlgorithm(header.alg) }
        guard header.crit == nil else { throw .malformed }
        if let expected = configuration.type {
            guard let typ = header.typ, typ.lowercased() == expected.lowercased() else { throw .malformed }
        }
        guard let keyID = header.kid, let key = keys[keyID] else { throw .unknownKey }

        guard let signature = Base64URL.decode(bytes: bytes[(secondDot + 1)...]) else { throw .malformed }
        let signed = bytes.withUnsafeBytes { buffer in
            key.isValidSignature(signature, for: UnsafeRawBufferPointer(rebasing: buffer[..<secondDot]))
        }
        guard signed else { throw .badSignature }

        guard let payload = Base64URL.decode(bytes: bytes[(firstDot + 1)..<secondDot]),
            let envelope = try? JSONDecoder().decode(JWTClaimsEnvelope<Claims>.self, from: Data(payload))
        else { throw .malformed }
        try check(envelope.registered)
        return Verified(keyID: keyID, registered: envelope.registered, claims: envelope.claims)
    }

    /// Verifies `token`, reading only its registered claims.
    public func verify(_ token: String) throws(JWTError) -> Verified<JWTNoClaims> {
        try verify(token, as: JWTNoClaims.self)
    }

    private func check(_ registered: JWTRegisteredClaims) throws(JWTError) {
        let now = configuration.clock.now.timeIntervalSince1970
        let (seconds, attoseconds) = configuration.leeway.components
        let leeway = Double(seconds) + Double(attoseconds) / 1e18
        if let expiresAt = registered.expiresAt {
            guard now < expiresAt.timeIntervalSince1970 + leeway else { throw .expired }
        } else if configuration.requiresExpiration {
            throw .missingClaim("exp")
        }
        if let notBefore = registered.notBefore {
            guard now + leeway >= notBefore.timeIntervalSince1970 else { throw .notYetValid }
        }
        if let issuedAt = registered.issuedAt {
            guard now + leeway >= issuedAt.timeIntervalSince1970 else { throw .notYetValid }
        }
        if let issuer = configuration.issuer {
            guard registered.issuer == issuer else { throw .wrongIssuer }
        }
        if let audience = configuration.audience {
            guard registered.audience?.contains(audience) == true else { throw .wrongAudience }
        }
    }
}

extension JWTVerifier.Verified: Sendable where Claims: Sendable {}
