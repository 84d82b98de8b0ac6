import GuichetCore
import GuichetCrypto
import GuichetIO

/// Creates the platform's administrator, `admin`, at the first start: with the password in
/// `GUICHET_ADMIN_PASSWORD`, or a random one printed once on standard error. Later starts leave
/// the account alone.
enum AdministratorBootstrap {
    static let username = "admin"

    static func run(accounts: AccountStore, authenticator: PasswordAuthenticator, password: Secret<String>?, logger: Logger) async throws {
        guard try await accounts.account(username: username) == nil else { return }
        let chosen = password?.value ?? CrockfordBase32.grouped(CrockfordBase32.encode(SecureRandom.bytes(count: 15)))
        let hash = try await authenticator.hash(chosen)
        guard try await accounts.createIfAbsent(username: username, kind: .platformAdministrator, passwordHash: hash) else {
            return
        }
        logger.info("platform administrator created", ["username": .string(username)])
        if password == nil {
            FileDescriptorLogSink.standardError.write(Array("""

                Guichet: the platform administrator "\(username)" was created with the password

                    \(chosen)

                It is shown once. Set GUICHET_ADMIN_PASSWORD before the first start to choose it.

                """.utf8))
        }
    }
}
