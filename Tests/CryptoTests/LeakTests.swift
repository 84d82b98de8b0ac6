import Foundation
import GuichetCrypto
import GuichetTestSupport
import Testing

/// Runs the leak probes below in a process of their own: resident memory is a process-wide figure,
/// and the other tests, running concurrently in this one, would move it.
@Suite struct LeakTests {
    @Test("OpenSSL objects are freed: the probes pass in a process of their own")
    func probesPassAlone() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("leak-probes-\(getpid()).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = try Subprocess.run(
            ["/proc/self/exe", "--testing-library", "swift-testing", "--filter", "LeakProbes"],
            environment: ["GUICHET_LEAK_PROBES=1"], outputPath: output)
        let report = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(report)")
        #expect(report.contains("LeakProbes"), "the probes did not run: \(report)")
    }
}

/// Repeats OpenSSL-backed operations and checks that resident memory does not grow with them:
/// every EVP object must be freed. Runs only in the child process `LeakTests` starts; each check
/// takes the smallest growth over several rounds, since a real leak grows in every round.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["GUICHET_LEAK_PROBES"] == "1"))
struct LeakProbes {
    /// Resident memory in bytes, from `/proc/self/statm` (its second field, in pages).
    private func allocatedBytes() -> Int {
        guard let data = try? Data(contentsOf: URL(filePath: "/proc/self/statm")),
            let field = String(decoding: data, as: UTF8.self).split(separator: " ").dropFirst().first,
            let pages = Int(field)
        else { return 0 }
        return pages * 4096
    }

    private func smallestGrowth(rounds: Int = 4, iterations: Int, _ body: () throws -> Void) rethrows -> Int {
        try body()  // warm up lazily allocated OpenSSL state
        var smallest = Int.max
        for _ in 0..<rounds {
            let before = allocatedBytes()
            for _ in 0..<iterations { try body() }
            smallest = min(smallest, allocatedBytes() - before)
        }
        return smallest
    }

    @Test func signingAndVerifyingDoNotLeak() throws {
        let message = Array("leak check".utf8)
        let growth = try smallestGrowth(iterations: 5000) {
            let key = Ed25519.PrivateKey()
            let signature = try key.signature(for: message)
            _ = key.publicKey.isValidSignature(signature, for: message)
            _ = key.publicKey.isValidSignature([UInt8](repeating: 0, count: 64), for: message)
            _ = try Ed25519.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        }
        // Leaking one EVP_PKEY or EVP_MD_CTX (hundreds of bytes) per iteration grows several MB a round.
        #expect(growth < 1_000_000, "heap grew by \(growth) bytes over 5000 iterations")
    }

    @Test func digestsMACsAndKDFsDoNotLeak() throws {
        let growth = try smallestGrowth(iterations: 5000) {
            var hasher = SHA256()
            hasher.update("abc")
            _ = hasher.finalize()
            _ = SHA256.hash("abc")
            _ = HMAC.sha256(key: [1, 2, 3], data: "abc")
            _ = try Scrypt.derive(password: [1], salt: [2], parameters: .init(logN: 1, blockSize: 1, parallelism: 1), length: 16)
            var abandoned = SHA256()
            abandoned.update("never finalized")
        }
        #expect(growth < 1_000_000, "heap grew by \(growth) bytes over 5000 iterations")
    }
}
