import Foundation
@testable import Gateway
import GuichetCrypto
import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("Gateway: key rotation")
struct KeyRotationTests {
    @Test("a rotated access key signs new tokens at once; tokens of the old key keep verifying")
    func rotation() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-rotation-\(UUID().uuidString)").path
        let fixture = try await GatewayFixture(environment: ["GUICHET_KEYS_DIR": directory, "GUICHET_KEY_RELOAD_INTERVAL_MS": "100"])
        let before = try await fixture.administratorToken()
        let oldKeyID = try SigningKeyLoader.load("access", seed: nil, directory: directory).keyID

        let rotated = try SigningKeyLoader.rotate("access", directory: directory)
        #expect(rotated.keyID != oldKeyID)
        #expect(FileManager.default.fileExists(atPath: directory + "/access.key.previous"))
        // The gateway notices the new file and signs with it (bounded wait, never a timing assertion).
        var after = try await fixture.administratorToken()
        for _ in 0..<200 where Self.keyID(of: after) != rotated.keyID {
            try await Task.sleep(for: .milliseconds(50))
            after = try await fixture.administratorToken()
        }
        #expect(Self.keyID(of: after) == rotated.keyID)
        let published = try await SigningKeyStore(database: fixture.gateway.runtime.database).verificationKeys(for: .access)
        #expect(published[rotated.keyID] != nil && published[oldKeyID] != nil)
        #expect(Self.keyID(of: before) == oldKeyID)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: before).status == 200)
        #expect(try await fixture.send("GET", "/v1/auth/me", token: after).status == 200)
        let jwks = try fixture.json(try await fixture.request("GET", "/.well-known/jwks.json"))
        let kids = (jwks["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String }
        #expect(kids.contains(rotated.keyID) && kids.contains(oldKeyID))
        await fixture.gateway.stop()
    }

    static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".").first, let bytes = Base64URL.decode(header),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return nil }
        return object["kid"] as? String
    }
}
