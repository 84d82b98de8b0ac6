import Foundation
import GuichetCore
import GuichetPlatform
import Synchronization

/// Notices a rotated key file (`gateway rotate-key`) while the gateway serves: every interval it
/// reads the key files, and when one holds a new key it publishes the public half (idempotent:
/// the rotation did it already) and then signs with it. Keys given in the environment are not
/// watched.
final class SigningKeyWatcher: Sendable {
    private let directory: String
    private let interval: Duration
    private let keys: SigningKeyStore
    private let tokens: AccessTokens
    private let contextSigner: ContextTokenSigner
    private let watchAccess: Bool
    private let watchContext: Bool
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(
        directory: String, interval: Duration, keys: SigningKeyStore, tokens: AccessTokens, contextSigner: ContextTokenSigner,
        watchAccess: Bool, watchContext: Bool
    ) {
        self.directory = directory
        self.interval = interval
        self.keys = keys
        self.tokens = tokens
        self.contextSigner = contextSigner
        self.watchAccess = watchAccess
        self.watchContext = watchContext
    }

    /// Checks the files once: true when a key was replaced.
    @discardableResult
    func check() async throws -> Bool {
        var replaced = false
        if watchAccess, let key = try Self.current("access", directory: directory), key.keyID != tokens.keyID {
            try await keys.publish(key.privateKey.publicKey, keyID: key.keyID, for: .access, overlap: Gateway.keyOverlap)
            try await tokens.reloadKeys()
            tokens.replaceKey(key.privateKey, keyID: key.keyID)
            replaced = true
        }
        if watchContext, let key = try Self.current("context", directory: directory), key.keyID != contextSigner.keyID {
            try await keys.publish(key.privateKey.publicKey, keyID: key.keyID, for: .context, overlap: Gateway.keyOverlap)
            contextSigner.replaceKey(key.privateKey, keyID: key.keyID)
            replaced = true
        }
        return replaced
    }

    /// Starts checking every interval, logging replacements and failures.
    func start(logger: Logger) {
        guard watchAccess || watchContext, interval > .zero else { return }
        let interval = self.interval
        let started = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                do {
                    if try await self.check() { logger.info("signing key rotated") }
                } catch {
                    logger.warning("signing keys not checked", ["error": .string(String(describing: error))])
                }
            }
        }
        task.withLock { $0 = started }
    }

    /// Stops checking.
    func stop() {
        task.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    /// The key in the file of `name`, when the file exists.
    private static func current(_ name: String, directory: String) throws -> SigningKeyLoader.LoadedKey? {
        guard FileManager.default.fileExists(atPath: SigningKeyLoader.path(name, directory: directory)) else { return nil }
        return try SigningKeyLoader.load(name, seed: nil, directory: directory)
    }
}
