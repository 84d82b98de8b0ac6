import Testing
import GuichetCrypto

@Suite struct SHA256Tests {
    // FIPS 180-2 appendix B and the NIST example values.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownAnswers(message: String, digest: String) {
        #expect(SHA256.hexHash(message) == digest)
        #expect(Hex.encode(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexHash(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalMatchesOneShotForAnySplit() {
        var generator = SystemRandomNumberGenerator()
        let message = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = SHA256.hash(message)
        for chunk in [1, 7, 63, 64, 65, 1000, 4099] {
            var hasher = SHA256()
            var offset = 0
            while offset < message.count {
                let end = min(offset + chunk, message.count)
                hasher.update(Array(message[offset..<end]))
                offset = end
            }
            #expect(hasher.finalize() == expected, "chunk \(chunk)")
        }
        var empty = SHA256()
        empty.update([])
        empty.update("")
        #expect(Hex.encode(empty.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hashersAreIndependent() {
        var first = SHA256()
        var second = SHA256()
        first.update("abc")
        second.update("ab")
        second.update("c")
        let firstDigest = first.finalize()
        let secondDigest = second.finalize()
        #expect(firstDigest == secondDigest)
    }
}

@Suite struct HMACTests {
    private static func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    // RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (case 5 is a truncated output).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: [UInt8], data: [UInt8], mac: String) {
        #expect(Hex.encode(HMAC.sha256(key: key, data: data)) == mac)
    }

    @Test func emptyKeyAndData() {
        // HMAC-SHA256 with an empty key over an empty message (a widely published value).
        #expect(Hex.encode(HMAC.sha256(key: [], data: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        #expect(HMAC.sha256(key: [1], data: "x") == HMAC.sha256(key: [1], data: Array("x".utf8)))
    }

    @Test func constantTimeComparison() {
        #expect(constantTimeEquals([], []))
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!constantTimeEquals([0], []))
    }
}

@Suite struct SecureRandomTests {
    @Test func producesTheRequestedBytes() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let first = SecureRandom.bytes(count: 32)
        let second = SecureRandom.bytes(count: 32)
        #expect(first.count == 32 && second.count == 32)
        #expect(first != second)
        var buffer = [UInt8](repeating: 0, count: 4096)
        SecureRandom.fill(&buffer)
        // 4096 random bytes cover most byte values; all zero would mean nothing was written.
        #expect(Set(buffer).count > 200)
        var generator = SecureRandomNumberGenerator()
        let values = (0..<100).map { _ in Int.random(in: 0..<1_000_000, using: &generator) }
        #expect(Set(values).count > 90)
    }
}

@Suite struct HexTests {
    @Test func roundTrips() {
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.decode("00abFF") == [0x00, 0xAB, 0xFF])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("٠١") == nil)
    }
}
