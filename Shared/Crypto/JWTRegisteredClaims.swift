import FoundationEssentials

/// The registered claims of RFC 7519 section 4.1 that the verifier checks and the signer writes.
///
/// Times are NumericDate: seconds since 1970, written as whole seconds, read with any fraction.
/// `aud` is written as a string when there is one audience and read as a string or an array.
public struct JWTRegisteredClaims: Sendable, Hashable, Codable {
    /// `iss`: who issued the token.
    public var issuer: String?
    /// `sub`: whom the token is about.
    public var subject: String?
    /// `aud`: whom the token is meant for.
    public var audience: [String]?
    /// `exp`: the instant after which the token is refused.
    public var expiresAt: Date?
    /// `nbf`: the instant before which the token is refused.
    public var notBefore: Date?
    /// `iat`: when the token was issued.
    public var issuedAt: Date?
    /// `jti`: a unique id for the token.
    public var id: String?

    /// Creates registered claims; all are optional.
    public init(
        issuer: String? = nil, subject: String? = nil, audience: [String]? = nil, expiresAt: Date? = nil,
        notBefore: Date? = nil, issuedAt: Date? = nil, id: String? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.id = id
    }

    private enum CodingKeys: String, CodingKey {
        case issuer = "iss", subject = "sub", audience = "aud", expiresAt = "exp", notBefore = "nbf"
        case issuedAt = "iat", id = "jti"
    }

    /// Decodes the registered claims from a claims object, ignoring every other member.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        if let single = try? container.decodeIfPresent(String.self, forKey: .audience) {
            audience = [single]
        } else {
            audience = try container.decodeIfPresent([String].self, forKey: .audience)
        }
        expiresAt = try container.decodeIfPresent(Double.self, forKey: .expiresAt).map(Self.date)
        notBefore = try container.decodeIfPresent(Double.self, forKey: .notBefore).map(Self.date)
        issuedAt = try container.decodeIfPresent(Double.self, forKey: .issuedAt).map(Self.date)
        id = try container.decodeIfPresent(String.self, forKey: .id)
    }

    /// Encodes the claims that are set, times as whole seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(issuer, forKey: .issuer)
        try container.encodeIfPresent(subject, forKey: .subject)
        if let audience {
            if audience.count == 1 {
                try container.encode(audience[0], forKey: .audience)
            } else {
                try container.encode(audience, forKey: .audience)
            }
        }
        try container.encodeIfPresent(expiresAt.map(Self.seconds), forKey: .expiresAt)
        try container.encodeIfPresent(notBefore.map(Self.seconds), forKey: .notBefore)
        try container.encodeIfPresent(issuedAt.map(Self.seconds), forKey: .issuedAt)
        try container.encodeIfPresent(id, forKey: .id)
    }

    private static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds)
    }

    private static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        return Int64(exactly: value) ?? (value < 0 ? 0 : Int64.max)
    }
}

/// Claims and registered claims written or read together as one JSON object.
struct JWTClaimsEnvelope<Claims> {
    var registered: JWTRegisteredClaims
    var claims: Claims
}

extension JWTClaimsEnvelope: Encodable where Claims: Encodable {
    func encode(to encoder: any Encoder) throws {
        try registered.encode(to: encoder)
        try claims.encode(to: encoder)
    }
}

extension JWTClaimsEnvelope: Decodable where Claims: Decodable {
    init(from decoder: any Decoder) throws {
        registered = try JWTRegisteredClaims(from: decoder)
        claims = try Claims(from: decoder)
    }
}

/// Claims for a token that carries only registered claims.
public struct JWTNoClaims: Sendable, Hashable, Codable {
    /// Creates the empty claims.
    public init() {}
    /// Reads nothing.
    public init(from decoder: any Decoder) throws {}
    /// Writes nothing.
    public func encode(to encoder: any Encoder) throws {}
}
