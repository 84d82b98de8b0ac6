import Foundation
import GuichetCore
import GuichetCrypto
import GuichetIO
import GuichetPlatform
import GuichetPostgres

/// `mail audit …`: the audit chain from the command line, with the service's environment
/// (`DATABASE_URL`, `GUICHET_KEYS_DIR`, `MAIL_AUDIT_SIGNING_KEY`).
///
/// ```
/// mail audit verify <tenant-slug> [--trusted-key <key-id>=<base64url public key>]…
///     walks the tenant's chain and its signed heads; prints {valid, checked, first_broken?} as JSON;
///     exit 0 when intact, 3 when broken. With --trusted-key, only the keys given are trusted for heads.
/// mail audit sign-heads [<YYYY-MM-DD>]
///     signs the head of every active tenant's chain for that day (default: yesterday, each tenant's
///     local day) unless one exists.
/// mail audit public-key
///     prints the signing key's id and public key, to keep outside the database.
/// ```
public enum AuditCommand {
    /// Runs the command; returns the process's exit status.
    public static func run(arguments: [String]) async -> Int32 {
        var environment = Environment.process
        let configuration = MailConfiguration.read(from: &environment)
        guard let command = arguments.first else { return usage() }
        do {
            let service = try ServiceConfiguration.read(from: environment, defaultPort: 8083)
            try environment.validate()
            switch command {
            case "public-key":
                let key = try AuditSigningKey.load(seed: configuration.auditSigningKey, directory: configuration.keysDirectory)
                print("\(key.keyID)=\(Base64URL.encode(key.privateKey.publicKey.rawRepresentation))")
                return 0
            case "verify":
                guard arguments.count >= 2 else { return usage() }
                var trusted: [String: Ed25519.PublicKey] = [:]
                var rest = arguments.dropFirst(2)
                while let option = rest.first {
                    guard option == "--trusted-key", let value = rest.dropFirst().first,
                        let separator = value.firstIndex(of: "="),
                        let raw = Base64URL.decode(value[value.index(after: separator)...]),
                        let key = try? Ed25519.PublicKey(rawRepresentation: raw)
                    else { return usage() }
                    trusted[String(value[..<separator])] = key
                    rest = rest.dropFirst(2)
                }
                return try await withDatabase(service) { database in
                    try await verify(slug: arguments[1], trustedKeys: trusted, database: database)
                }
            case "sign-heads":
                var day: LocalDate?
                if arguments.count >= 2 {
                    guard let given = LocalDate(arguments[1]) else { return usage() }
                    day = given
                }
                let key = try AuditSigningKey.load(seed: configuration.auditSigningKey, directory: configuration.keysDirectory)
                return try await withDatabase(service) { database in
                    try await signHeads(day: day, key: key, database: database, clock: configuration.clock)
                }
            default:
                return usage()
            }
        } catch {
            FileDescriptorLogSink.standardError.write(Array("mail audit: \(error)\n".utf8))
            return 1
        }
    }

    private static func usage() -> Int32 {
        FileDescriptorLogSink.standardError.write(
            Array(
                """
                usage: mail audit verify <tenant-slug> [--trusted-key <key-id>=<base64url public key>]...
                       mail audit sign-heads [YYYY-MM-DD]
                       mail audit public-key

                """.utf8))
        return 2
    }

    private static func withDatabase(_ service: ServiceConfiguration, _ body: (PostgresPool) async throws -> Int32) async throws -> Int32 {
        let group = try EventLoopGroup(loopCount: 1)
        let database = PostgresPool(configuration: PostgresPool.Configuration(url: service.database.url), group: group)
        do {
            let status = try await body(database)
            await database.shutdown()
            group.shutdown()
            return status
        } catch {
            await database.shutdown()
            group.shutdown()
            throw error
        }
    }

    /// Verifies one tenant's chain; prints the outcome as JSON.
    static func verify(slug: String, trustedKeys: [String: Ed25519.PublicKey], database: PostgresPool) async throws -> Int32 {
        guard let tenant = try await TenantDirectory(database: database).tenant(slug: slug) else {
            FileDescriptorLogSink.standardError.write(Array("no tenant has the slug \(slug)\n".utf8))
            return 1
        }
        let (verification, heads) = try await AuditLog(database: database).verify(
            tenant: tenant.id, trustedKeys: trustedKeys, onlyTrusted: !trustedKeys.isEmpty)
        var output = verification.jsonValue.objectValue ?? [:]
        output["tenant"] = .string(slug)
        output["signed_heads"] = .number(Double(heads))
        print(String(decoding: JSONValue.object(output).encodedJSON, as: UTF8.self))
        return verification.valid ? 0 : 3
    }

    /// Signs the heads of every active tenant for `day` (each tenant's yesterday by default).
    static func signHeads(day: LocalDate?, key: AuditSigningKey, database: PostgresPool, clock: any WallClock) async throws -> Int32 {
        let audit = AuditLog(database: database)
        try await audit.publish(key)
        let now = clock.now
        var signed = 0
        for tenant in try await TenantDirectory(database: database).activeTenants() {
            let zone = TimeZone.named(tenant.timeZone) ?? .casablanca
            let target = day ?? LocalDate(now, in: zone).adding(days: -1)
            if try await audit.signHead(tenant: tenant.id, day: target, timeZone: zone, key: key, now: now) { signed += 1 }
        }
        print("signed \(signed) head(s) with \(key.keyID)")
        return 0
    }
}
