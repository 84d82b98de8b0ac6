import Foundation
import GuichetCore
import GuichetIO
import GuichetPlatform
import GuichetPostgres

/// `gateway context-token <tenant-slug> [agent <roles> <units>]`: prints a context token for an
/// anonymous caller in that tenant — or, with `agent`, for an agent of the tenant holding the
/// comma-separated roles and unit ids — signed with the gateway's context key, so an operator (or
/// `make bench`) can call a service directly, as the gateway would. Reads the same environment as
/// the gateway.
public enum ContextTokenCommand {
    /// Runs the command; returns the process's exit status.
    public static func run(arguments: [String]) async -> Int32 {
        guard arguments.count == 1 || (arguments.count == 4 && arguments[1] == "agent"), let slug = arguments.first else {
            FileDescriptorLogSink.standardError.write(Array("usage: gateway context-token <tenant-slug> [agent <roles> <units>]\n".utf8))
            return 2
        }
        let roles = arguments.count == 4 ? Set(arguments[2].split(separator: ",").map(String.init)) : []
        let units = arguments.count == 4 ? Set(arguments[3].split(separator: ",").compactMap { UUID(uuidString: String($0)) }) : []
        var environment = Environment.process
        let configuration = GatewayConfiguration.read(from: &environment)
        do {
            let service = try ServiceConfiguration.read(from: environment, defaultPort: 8080)
            try environment.validate()
            let key = try SigningKeyLoader.load("context", seed: configuration.contextSigningKey, directory: configuration.keysDirectory)
            let group = try EventLoopGroup(loopCount: 1)
            let database = PostgresPool(configuration: PostgresPool.Configuration(url: service.database.url), group: group)
            let tenant = try await TenantDirectory(database: database).tenant(slug: slug)
            await database.shutdown()
            group.shutdown()
            guard let tenant else {
                FileDescriptorLogSink.standardError.write(Array("no tenant has the slug \(slug)\n".utf8))
                return 1
            }
            let principal =
                roles.isEmpty
                ? Principal.anonymous
                : Principal(
                    subject: "account:\(UUID.timeOrdered().lowercaseString)", kind: .agent, tenantID: tenant.id, roles: roles, units: units)
            let token = try ContextTokenSigner(privateKey: key.privateKey, keyID: key.keyID).token(for: principal, tenant: tenant.reference)
            print(token)
            return 0
        } catch {
            FileDescriptorLogSink.standardError.write(Array("context-token: \(error)\n".utf8))
            return 1
        }
    }
}
