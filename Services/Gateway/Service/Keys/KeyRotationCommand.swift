import Foundation
import GuichetCore
import GuichetIO
import GuichetPlatform
import GuichetPostgres

/// `gateway rotate-key <access|context>`: rotates one of the gateway's signing keys without
/// downtime. It writes a new key file in `GUICHET_KEYS_DIR` (the old one kept as `.previous`) and
/// publishes its public half in `platform.signing_keys`, where the old key keeps verifying for an
/// hour — longer than any token it signed lives. Running gateways notice the new file within
/// `GUICHET_KEY_RELOAD_INTERVAL_MS` and sign with it; services and the JWKS pick the new public
/// key up when a token first names it.
///
/// A key given in the environment (`GUICHET_ACCESS_SIGNING_KEY`, `GUICHET_CONTEXT_SIGNING_KEY`)
/// is rotated by changing the variable and restarting the gateways one by one instead.
public enum KeyRotationCommand {
    /// Runs the command; returns the process's exit status.
    public static func run(arguments: [String]) async -> Int32 {
        guard arguments.count == 1, let name = arguments.first, name == "access" || name == "context" else {
            FileDescriptorLogSink.standardError.write(Array("usage: gateway rotate-key <access|context>\n".utf8))
            return 2
        }
        var environment = Environment.process
        let configuration = GatewayConfiguration.read(from: &environment)
        let seed = name == "access" ? configuration.accessSigningKey : configuration.contextSigningKey
        guard seed == nil else {
            FileDescriptorLogSink.standardError.write(Array("""
                the \(name) key comes from the environment: set a new seed there and restart the gateways one by one

                """.utf8))
            return 1
        }
        do {
            let service = try ServiceConfiguration.read(from: environment, defaultPort: 8080)
            try environment.validate()
            let group = try EventLoopGroup(loopCount: 1)
            let database = PostgresPool(configuration: PostgresPool.Configuration(url: service.database.url), group: group)
            defer { group.shutdown() }
            let key = try SigningKeyLoader.rotate(name, directory: configuration.keysDirectory)
            do {
                try await SigningKeyStore(database: database).publish(
                    key.privateKey.publicKey, keyID: key.keyID, for: name == "access" ? .access : .context,
                    overlap: Gateway.keyOverlap)
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
            print(key.keyID)
            return 0
        } catch {
            FileDescriptorLogSink.standardError.write(Array("rotate-key: \(error)\n".utf8))
            return 1
        }
    }
}
