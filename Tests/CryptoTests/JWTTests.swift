import FoundationEssentials
import Testing
import GuichetCore
import GuichetCrypto

@Suite struct JWTTests {
    struct Context: Codable, Equatable, Sendable {
        var tenant: String
        var roles: [String]
        var requestID: String

        enum CodingKeys: String, CodingKey {
            case tenant, roles
            case requestID = "rid"
        }
    }

    let key = Ed25519.PrivateKey()
    let otherKey = Ed25519.PrivateKey()
    let clock = ManualWallClock("2026-03-01T08:30:00+01:00")
    let context = Context(tenant: "demo", roles: ["agent"], requestID: "0190a1b2")

    var signer: JWTSigner { JWTSigner(privateKey: key, keyID: "gw-1") }

    func verifier(
        issuer: String? = "guichet-gateway", audience: String? = "complaints", leeway: Duration = .seconds(30),
        requiresExpiration: Bool = true, type: String? = nil
    ) -> JWTVerifier {
        JWTVerifier(
            keys: ["gw-1": key.publicKey, "gw-0": otherKey.publicKey],
            configuration: .init(
                issuer: issuer, audience: audience, leeway: leeway, requiresExpiration: requiresExpiration, type: type,
                clock: clock))
    }

    func registered(
        issuedOffset: TimeInterval = 0, lifetime: TimeInterval? = 60, notBefore: TimeInterval? = nil,
        audience: [String]? = ["complaints"], issuer: String? = "guichet-gateway"
    ) -> JWTRegisteredClaims {
        let now = clock.now
        return JWTRegisteredClaims(
            issuer: issuer, subject: "user-42", audience: audience, expiresAt: lifetime.map { now.addingTimeInterval($0) },
            notBefore: notBefore.map { now.addingTimeInterval($0) }, issuedAt: now.addingTimeInterval(issuedOffset),
            id: "jti-1")
    }

    func token(_ registered: JWTRegisteredClaims? = nil) throws -> String {
        try signer.sign(context, registered: registered ?? self.registered())
    }

    func expectFailure(_ token: String, _ expected: JWTError, verifier: JWTVerifier? = nil) {
        #expect(throws: expected) { try (verifier ?? self.verifier()).verify(token, as: Context.self) }
    }

    /// A token with the given header and payload JSON, signed by `signingKey`.
    func forge(header: String, payload: String, signingKey: Ed25519.PrivateKey? = nil) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try (signingKey ?? key).signature(for: input))
    }

    @Test func signsAndVerifies() throws {
        let token = try token()
        #expect(token.split(separator: ".").count == 3)
        let verified = try verifier().verify(token, as: Context.self)
        #expect(verified.claims == context)
        #expect(verified.keyID == "gw-1")
        #expect(verified.registered.subject == "user-42")
        #expect(verified.registered.issuer == "guichet-gateway")
        #expect(verified.registered.audience == ["complaints"])
        #expect(verified.registered.id == "jti-1")
        #expect(verified.registered.expiresAt == clock.now.addingTimeInterval(60))
        let header = try JSONDecoder().decode(JSONValue.self, from: Data(Base64URL.decode(token.split(separator: ".")[0])!))
        #expect(header == ["alg": "EdDSA", "typ": "JWT", "kid": "gw-1"])
        let payload = try JSONDecoder().decode(JSONValue.self, from: Data(Base64URL.decode(token.split(separator: ".")[1])!))
        #expect(payload["aud"] == "complaints")
        #expect(payload["exp"] == .number(clock.now.timeIntervalSince1970 + 60))
        #expect(payload["rid"] == "0190a1b2")
        #expect(try verifier().verify(token).registered.subject == "user-42")
    }

    @Test func everySingleCharacterChangeIsRejected() throws {
        let token = try token()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var characters = Array(token)
        let verifier = verifier()
        for index in characters.indices where characters[index] != "." {
            let original = characters[index]
            let replacement = alphabet[(alphabet.firstIndex(of: original)! + 1) % alphabet.count]
            characters[index] = replacement
            let tampered = String(characters)
            #expect(throws: JWTError.self, "changed at \(index)") { try verifier.verify(tampered, as: Context.self) }
            characters[index] = original
        }
        #expect(try verifier.verify(String(characters), as: Context.self).claims == context)
    }

    @Test func everyFlippedSignatureBitIsABadSignature() throws {
        let token = try token()
        let parts = token.split(separator: ".").map(String.init)
        let signature = Base64URL.decode(parts[2])!
        for byte in [0, 17, 32, 63] {
            for bit in [0, 7] {
                var flipped = signature
                flipped[byte] ^= UInt8(1 << bit)
                expectFailure(parts[0] + "." + parts[1] + "." + Base64URL.encode(flipped), .badSignature)
            }
        }
    }

    @Test func swappedPartsAreRejected() throws {
        let mine = try token().split(separator: ".").map(String.init)
        var theirContext = context
        theirContext.roles = ["admin"]
        let theirs = try JWTSigner(privateKey: otherKey, keyID: "gw-0").sign(theirContext, registered: registered())
            .split(separator: ".").map(String.init)
        // Another key's header on my payload and signature: verified with the wrong key.
        expectFailure([theirs[0], mine[1], mine[2]].joined(separator: "."), .badSignature)
        // My header and signature on another payload.
        expectFailure([mine[0], theirs[1], mine[2]].joined(separator: "."), .badSignature)
        // Their whole token verifies under their key id, which the verifier knows.
        #expect(try verifier().verify(theirs.joined(separator: "."), as: Context.self).keyID == "gw-0")
        // A signature from an unknown signer claiming my key id.
        let impostor = try forge(header: #"{"alg":"EdDSA","kid":"gw-1"}"#, payload: #"{"exp":9999999999}"#, signingKey: Ed25519.PrivateKey())
        expectFailure(impostor, .badSignature, verifier: verifier(issuer: nil, audience: nil))
    }

    @Test func algorithmMustBeExactlyEdDSA() throws {
        let payload = Base64URL.encode(Array(#"{"iss":"guichet-gateway","aud":"complaints","exp":9999999999}"#.utf8))
        for algorithm in ["none", "None", "NONE", "HS256", "RS256", "ES256", "eddsa", "EdDSA ", "Ed25519", ""] {
            let header = Base64URL.encode(Array(#"{"alg":"\#(algorithm)","kid":"gw-1"}"#.utf8))
            expectFailure(header + "." + payload + ".", .unsupportedAlgorithm(algorithm))
            // HS256 "signed" with the public key as an HMAC secret: the classic algorithm confusion.
            let mac = HMAC.sha256(key: key.publicKey.rawRepresentation, data: header + "." + payload)
            expectFailure(header + "." + payload + "." + Base64URL.encode(mac), .unsupportedAlgorithm(algorithm))
        }
        let noAlgorithm = try forge(header: #"{"kid":"gw-1"}"#, payload: "{}")
        expectFailure(noAlgorithm, .malformed)
        let numericAlgorithm = try forge(header: #"{"alg":1,"kid":"gw-1"}"#, payload: "{}")
        expectFailure(numericAlgorithm, .malformed)
    }

    @Test func keyIDMustBeKnown() throws {
        let unknown = try JWTSigner(privateKey: key, keyID: "gw-9").sign(context, registered: registered())
        expectFailure(unknown, .unknownKey)
        let missing = try forge(header: #"{"alg":"EdDSA"}"#, payload: #"{"exp":9999999999}"#)
        expectFailure(missing, .unknownKey)
        #expect(throws: JWTError.unknownKey) { try JWTVerifier(keys: [:]).verify(try token()) }
    }

    @Test func expiration() throws {
        let token = try token(registered(lifetime: 60))
        clock.advance(by: .seconds(89))
        #expect(throws: Never.self) { try verifier().verify(token, as: Context.self) }
        clock.advance(by: .seconds(1))
        expectFailure(token, .expired)
        expectFailure(token, .expired, verifier: verifier(leeway: .zero))
        #expect(throws: Never.self) { try verifier(leeway: .seconds(120)).verify(token, as: Context.self) }
    }

    @Test func expirationIsRequiredByDefault() throws {
        let token = try token(registered(lifetime: nil))
        expectFailure(token, .missingClaim("exp"))
        #expect(throws: Never.self) { try verifier(requiresExpiration: false).verify(token, as: Context.self) }
    }

    @Test func notBeforeAndIssuedInTheFuture() throws {
        expectFailure(try token(registered(notBefore: 31)), .notYetValid)
        #expect(throws: Never.self) { try verifier().verify(try token(registered(notBefore: 29)), as: Context.self) }
        expectFailure(try token(registered(issuedOffset: 120, lifetime: 300)), .notYetValid)
        #expect(throws: Never.self) { try verifier().verify(try token(registered(issuedOffset: 10)), as: Context.self) }
        expectFailure(try token(registered(notBefore: 5)), .notYetValid, verifier: verifier(leeway: .zero))
    }

    @Test func issuerAndAudience() throws {
        expectFailure(try token(registered(issuer: "someone-else")), .wrongIssuer)
        expectFailure(try token(registered(issuer: nil)), .wrongIssuer)
        expectFailure(try token(registered(audience: ["appointments"])), .wrongAudience)
        expectFailure(try token(registered(audience: nil)), .wrongAudience)
        let several = try token(registered(audience: ["appointments", "complaints"]))
        #expect(try verifier().verify(several, as: Context.self).registered.audience == ["appointments", "complaints"])
        #expect(throws: Never.self) { try verifier(issuer: nil, audience: nil).verify(try token(registered(audience: nil, issuer: nil)), as: Context.self) }
    }

    @Test func typeCanBeRequired() throws {
        let accessSigner = JWTSigner(privateKey: key, keyID: "gw-1", type: "at+jwt")
        let accessToken = try accessSigner.sign(context, registered: registered())
        #expect(throws: Never.self) { try verifier(type: "AT+JWT").verify(accessToken, as: Context.self) }
        expectFailure(try token(), .malformed, verifier: verifier(type: "at+jwt"))
    }

    @Test(arguments: [
        "", ".", "..", "...", "a.b", "a.b.c.d", "abc", "eyJ.eyJ.", "é.é.é", "a b.c.d", "a=.b.c",
    ])
    func structurallyMalformedTokens(token: String) {
        #expect(throws: JWTError.self) { try verifier().verify(token, as: Context.self) }
    }

    @Test func malformedPartsAreReported() throws {
        let good = try token().split(separator: ".").map(String.init)
        expectFailure(good[0] + "." + good[1] + "." + good[2] + ".", .malformed)
        expectFailure(good[0] + "." + good[1] + "." + good[2] + "=", .malformed)
        expectFailure("e30." + good[1] + "." + good[2], .malformed)  // header {}
        let signature = try #require(Base64URL.decode(good[2]))
        expectFailure(good[0] + "." + good[1] + "." + Base64URL.encode(signature.dropLast()), .badSignature)
        expectFailure(good[0] + "." + good[1] + "." + good[2] + "AAAA", .badSignature)
        expectFailure(try forge(header: #"{"alg":"EdDSA","kid":"gw-1","crit":["exp"]}"#, payload: "{}"), .malformed)
        expectFailure(try forge(header: "[1]", payload: "{}"), .malformed)
        expectFailure(try forge(header: #"{"alg":"EdDSA","kid":"gw-1"}"#, payload: "[]"), .malformed)
        expectFailure(try forge(header: #"{"alg":"EdDSA","kid":"gw-1"}"#, payload: "not json"), .malformed)
        expectFailure(try forge(header: #"{"alg":"EdDSA","kid":"gw-1"}"#, payload: #"{"exp":"tomorrow"}"#), .malformed)
        // Signed and valid, but the claims do not fit the expected type.
        let wrongShape = try forge(
            header: #"{"alg":"EdDSA","kid":"gw-1"}"#,
            payload: #"{"iss":"guichet-gateway","aud":"complaints","exp":9999999999,"tenant":5}"#)
        expectFailure(wrongShape, .malformed)
    }

    @Test func lengthIsBounded() throws {
        let huge = Context(tenant: String(repeating: "x", count: 9000), roles: [], requestID: "r")
        let token = try signer.sign(huge, registered: registered())
        #expect(token.utf8.count > 8192)
        expectFailure(token, .malformed)
        expectFailure(String(repeating: "A", count: 100_000), .malformed)
    }

    @Test func jwksRendersAndParses() throws {
        let document = JWKS.document(["gw-1": key.publicKey, "gw-0": otherKey.publicKey])
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(document))
        let keys = try #require(json["keys"]?.arrayValue)
        #expect(keys.count == 2)
        #expect(keys[0]["kid"] == "gw-0")
        #expect(keys[1] == [
            "kty": "OKP", "crv": "Ed25519", "x": .string(Base64URL.encode(key.publicKey.rawRepresentation)), "kid": "gw-1",
            "alg": "EdDSA", "use": "sig",
        ])
        let single = String(decoding: JWKS.jwk(for: key.publicKey, keyID: "gw-1"), as: UTF8.self)
        #expect(single.hasPrefix(#"{"kty":"OKP","crv":"Ed25519","x":""#))
        #expect(single.hasSuffix(#"","kid":"gw-1","alg":"EdDSA","use":"sig"}"#))
        let parsed = try JWKS.parse(document)
        #expect(parsed == ["gw-1": key.publicKey, "gw-0": otherKey.publicKey])
        let verified = try JWTVerifier(keys: parsed, configuration: .init(clock: clock)).verify(try token(), as: Context.self)
        #expect(verified.claims == context)
    }

    @Test func jwksParsingSkipsForeignKeysAndRejectsBrokenOnes() throws {
        let mixed = #"""
            {"keys":[{"kty":"RSA","n":"abc","e":"AQAB","kid":"r"},
                     {"kty":"OKP","crv":"X25519","x":"abc","kid":"x"},
                     {"kty":"OKP","crv":"Ed25519","use":"enc","x":"abc","kid":"e"},
                     {"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))","kid":"k"}]}
            """#
        #expect(try JWKS.parse(Array(mixed.utf8)) == ["k": key.publicKey])
        for broken in [
            "", "[]", "{}", #"{"keys":{}}"#, #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA","kid":"k"}]}"#,
            #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}]}"#,
        ] {
            #expect(throws: JWKS.Error.invalidDocument) { try JWKS.parse(Array(broken.utf8)) }
        }
    }
}
