import Testing
import GuichetCrypto

@Suite struct ScryptTests {
    // RFC 7914 section 12 (the fourth vector needs 1 GiB and is left out).
    @Test(arguments: [
        ("", "", 4, 1, 1,
         "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
        ("password", "NaCl", 10, 8, 16,
         "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
        ("pleaseletmein", "SodiumChloride", 14, 8, 1,
         "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
    ])
    func rfc7914(password: String, salt: String, logN: Int, r: Int, p: Int, expected: String) throws {
        let derived = try Scrypt.derive(
            password: Array(password.utf8), salt: Array(salt.utf8),
            parameters: Scrypt.Parameters(logN: logN, blockSize: r, parallelism: p), length: 64)
        #expect(Hex.encode(derived) == expected)
    }

    @Test func rejectsParametersOutOfBounds() {
        for parameters in [
            Scrypt.Parameters(logN: 0, blockSize: 8, parallelism: 1), Scrypt.Parameters(logN: 25, blockSize: 8, parallelism: 1),
            Scrypt.Parameters(logN: 20, blockSize: 64, parallelism: 1), Scrypt.Parameters(logN: 10, blockSize: 0, parallelism: 1),
            Scrypt.Parameters(logN: 10, blockSize: 8, parallelism: 17),
        ] {
            #expect(throws: Scrypt.Error.invalidParameters) {
                try Scrypt.derive(password: [1], salt: [1], parameters: parameters, length: 32)
            }
        }
        #expect(throws: Scrypt.Error.invalidParameters) {
            try Scrypt.derive(password: [1], salt: [1], parameters: .init(logN: 4, blockSize: 1), length: 0)
        }
    }
}

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(configuration: .init(parameters: Scrypt.Parameters(logN: 4, blockSize: 1, parallelism: 1)))

    @Test func hashesAndVerifies() throws {
        let stored = try hasher.hash("correct horse battery staple")
        #expect(stored.salt.count == 16)
        #expect(stored.hash.count == 32)
        let encoded = stored.encoded
        #expect(encoded.hasPrefix("$scrypt$ln=4,r=1,p=1$"))
        #expect(!encoded.contains("="  + "$") && !encoded.hasSuffix("="))
        #expect(hasher.verify("correct horse battery staple", against: encoded))
        #expect(!hasher.verify("correct horse battery stapl", against: encoded))
        #expect(!hasher.verify("", against: encoded))
        #expect(!hasher.verify("Correct horse battery staple", against: encoded))
        #expect(PasswordHash(encoded: encoded) == stored)
        #expect("\(stored)" == encoded)
    }

    @Test func saltsDiffer() throws {
        let first = try hasher.hash("same")
        let second = try hasher.hash("same")
        #expect(first.salt != second.salt)
        #expect(first.encoded != second.encoded)
        #expect(hasher.verify("same", against: first) && hasher.verify("same", against: second))
    }

    @Test func unicodeAndEmptyPasswords() throws {
        for password in ["", "كلمة السر", "mot de passe é", "😀🔑", String(repeating: "x", count: 10_000)] {
            let stored = try hasher.hash(password)
            #expect(hasher.verify(password, against: stored.encoded))
        }
    }

    @Test func verifiesAKnownEncodedHash() throws {
        // The RFC 7914 "password"/"NaCl" vector, truncated to 32 bytes, in the encoded form.
        let salt = Base64.encode(Array("NaCl".utf8), padding: false)
        let hash = Base64.encode(Hex.decode("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162")!, padding: false)
        let encoded = "$scrypt$ln=10,r=8,p=16$\(salt)$\(hash)"
        #expect(PasswordHasher().verify("password", against: encoded))
        #expect(!PasswordHasher().verify("passwore", against: encoded))
    }

    @Test(arguments: [
        "", "scrypt", "$scrypt$", "$scrypt$ln=4,r=1,p=1$c2FsdA", "$bcrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=4,r=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=4,r=1,p=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=40,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=22,r=64,p=16$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=-4,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=4,r=1,p=1$$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA", "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==",
        "$scrypt$ln=4,r=1,p=1$c2Fsd!NhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA$",
        "$scrypt$ln=4,r=1,p=1$c2FsdHNhbHRzYWx0$" + String(repeating: "A", count: 2000),
    ])
    func malformedStoredHashesNeverMatch(encoded: String) {
        #expect(PasswordHash(encoded: encoded) == nil)
        #expect(!hasher.verify("anything", against: encoded))
        #expect(hasher.needsRehash(encoded))
    }

    @Test func needsRehashWhenParametersChange() throws {
        let cheap = try hasher.hash("pw").encoded
        #expect(!hasher.needsRehash(cheap))
        let stronger = PasswordHasher(configuration: .init(parameters: .init(logN: 5, blockSize: 1, parallelism: 1)))
        #expect(stronger.needsRehash(cheap))
        #expect(stronger.verify("pw", against: cheap), "old hashes still verify")
        let longerHash = PasswordHasher(configuration: .init(parameters: .init(logN: 4, blockSize: 1, parallelism: 1), hashLength: 64))
        #expect(longerHash.needsRehash(cheap))
        #expect(PasswordHasher.Configuration().parameters == Scrypt.Parameters(logN: 15, blockSize: 8, parallelism: 1))
    }
}
