import Testing
import GuichetCrypto

@Suite struct Ed25519Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let secret: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { "RFC 8032 vector with \(message.count / 2)-byte message" }
    }

    // RFC 8032 section 7.1, tests 1, 2, 3 and SHA(abc).
    static let vectors = [
        Vector(
            secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Vector(
            secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Vector(
            secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        Vector(
            secret: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"),
    ]

    @Test(arguments: vectors)
    func rfc8032(vector: Vector) throws {
        let key = try Ed25519.PrivateKey(rawRepresentation: Hex.decode(vector.secret)!)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector.publicKey)
        #expect(Hex.encode(key.rawRepresentation) == vector.secret)
        let message = Hex.decode(vector.message)!
        let signature = try key.signature(for: message)
        #expect(Hex.encode(signature) == vector.signature)
        let publicKey = try Ed25519.PublicKey(rawRepresentation: Hex.decode(vector.publicKey)!)
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(signature, for: message))
    }

    @Test func generatedKeysSignAndVerify() throws {
        let key = Ed25519.PrivateKey()
        let other = Ed25519.PrivateKey()
        #expect(key.publicKey != other.publicKey)
        let message = Array("context token".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("context tokeN".utf8)))
        #expect(!key.publicKey.isValidSignature(signature.dropLast(), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([UInt8](repeating: 0, count: 64), for: message))
        for index in [0, 31, 32, 63] {
            var flipped = signature
            flipped[index] ^= 0x01
            #expect(!key.publicKey.isValidSignature(flipped, for: message), "bit flipped at \(index)")
        }
        let restored = try Ed25519.PrivateKey(rawRepresentation: key.rawRepresentation)
        #expect(restored.publicKey == key.publicKey)
        #expect(try restored.signature(for: "x") == key.signature(for: "x"), "Ed25519 is deterministic")
        #expect(key.publicKey.isValidSignature(try key.signature(for: "x"), for: "x"))
    }

    @Test func rejectsKeysOfTheWrongLength() {
        #expect(throws: Ed25519.KeyError.invalidLength(31)) { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: Ed25519.KeyError.invalidLength(33)) { try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        #expect(throws: Ed25519.KeyError.invalidLength(0)) { try Ed25519.PublicKey(rawRepresentation: []) }
    }

    @Test func descriptionsHideThePrivateKey() {
        let key = Ed25519.PrivateKey()
        #expect("\(key)" == "Ed25519.PrivateKey([redacted])")
        #expect("\(key.publicKey)".hasPrefix("Ed25519.PublicKey("))
    }

    @Test func keysAreUsableFromManyTasksAtOnce() async throws {
        let key = Ed25519.PrivateKey()
        let publicKey = key.publicKey
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<50).allSatisfy { index in
                        let message = Array("\(task)-\(index)".utf8)
                        guard let signature = try? key.signature(for: message) else { return false }
                        return publicKey.isValidSignature(signature, for: message)
                    }
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
