import Testing
import GuichetCrypto

@Suite struct Base64Tests {
    // RFC 4648 section 10.
    @Test(arguments: [
        ("", "", ""), ("f", "Zg==", "Zg"), ("fo", "Zm8=", "Zm8"), ("foo", "Zm9v", "Zm9v"), ("foob", "Zm9vYg==", "Zm9vYg"),
        ("fooba", "Zm9vYmE=", "Zm9vYmE"), ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, padded: String, unpadded: String) {
        let bytes = Array(plain.utf8)
        #expect(Base64.encode(bytes) == padded)
        #expect(Base64.encode(bytes, padding: false) == unpadded)
        #expect(Base64.decode(padded) == bytes)
        #expect(Base64.decode(unpadded) == bytes)
        #expect(Base64URL.encode(bytes) == unpadded)
        #expect(Base64URL.decode(unpadded) == bytes)
    }

    @Test func alphabetsDiffer() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(Base64URL.decode("-_-_") == bytes)
        #expect(Base64URL.decode("+/+/") == nil)
        #expect(Base64.decode("-_-_") == nil)
    }

    @Test(arguments: ["Zg=", "Zg===", "Z", "Zh", "Zm9vY", "Zm9v\n", " Zm9v", "Zm 9v", "Zm9v=", "Zg==Zg==", "Z===", "====",
                      "Zm8=Zm8", "Zm9vYmFy=", "Zm9\u{0}", "Zé9v"])
    func strictStandardDecoding(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zg==", "Zm8=", "Zh", "Z", "Zm9vY", "a.b", "Zm9v\n", "Zm+v", "Zm/v", "Zm9v ", "é"])
    func strictURLDecoding(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func roundTripsRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes, padding: false)) == bytes)
        }
    }
}
