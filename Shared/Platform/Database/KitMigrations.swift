import Foundation
import GuichetPostgres

/// The migration streams a service runs at start, in order: the platform's (tenants,
/// provisioning, signing keys), the service's own, then the kit's tables inside the service's
/// schema (idempotency keys, outbox…), then the service's migrations that follow the kit's tables.
/// After them, every existing tenant gets any new partitions.
enum KitMigrations {
    /// The directory of the kit's SQL, a resource of this module.
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Migrations")
    }

    /// The streams for `definition`.
    static func streams(for definition: ServiceDefinition) throws -> [MigrationStream] {
        var streams = [
            try MigrationStream.load(name: "platform", searchPath: nil, directory: directory.appendingPathComponent("platform"))
        ]
        if let own = definition.migrationsDirectory {
            streams.append(try MigrationStream.load(name: definition.name, searchPath: definition.schema, directory: own))
        }
        if definition.usesKitTables, let schema = definition.schema {
            streams.append(
                try MigrationStream.load(
                    name: "\(definition.name).kit", searchPath: schema, directory: directory.appendingPathComponent("service")))
            if let later = definition.migrationsAfterKitTables {
                streams.append(try MigrationStream.load(name: "\(definition.name).after-kit", searchPath: schema, directory: later))
            }
        }
        return streams
    }

    /// Applies the streams of `definition` as the owner role; returns what was applied.
    static func run(for definition: ServiceDefinition, ownerURL: String) async throws -> [Migrator.Applied] {
        let migrator = Migrator(
            configuration: Migrator.Configuration(ownerURL: ownerURL, finalStatement: "SELECT platform.provision_all_tenants()"))
        return try await migrator.run(try streams(for: definition))
    }
}
