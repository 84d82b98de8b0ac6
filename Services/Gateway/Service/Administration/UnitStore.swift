import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// A tenant's organisation (`platform.units`): a tree of units, each with a code, a kind and
/// names. Every query names the tenant and runs with it set.
struct UnitStore: Sendable {
    let database: PostgresPool

    /// A unit as stored.
    struct Unit: Sendable, Hashable {
        let id: UUID
        let parentID: UUID?
        let code: String
        let kind: String
        let name: LocalizedText
        let version: Int
    }

    /// Why a change was refused.
    enum Refusal: Error {
        /// Another unit has the code.
        case codeTaken
        /// The parent does not exist.
        case unknownParent
        /// The new parent is the unit itself or below it.
        case cycle
        /// The unit has units below it or agents in it.
        case inUse
        /// `If-Match` named another version.
        case versionMismatch
    }

    private static let columns = "id, parent_id, code, kind, name_fr, name_ar, name_en, version"

    private static func unit(from row: PostgresRow) throws -> Unit {
        let (id, parent, code, kind, fr, ar, en, version) = try row.decode(
            (UUID, UUID?, String, String, String, String?, String?, Int).self)
        return Unit(id: id, parentID: parent, code: code, kind: kind, name: LocalizedText(fr: fr, ar: ar, en: en), version: version)
    }

    func units(tenant: UUID) async throws -> [Unit] {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: Self.columns) FROM platform.units WHERE tenant_id = \(tenant) ORDER BY code", tenant: tenant)
        return try rows.map(Self.unit(from:))
    }

    func unit(_ id: UUID, tenant: UUID) async throws -> Unit? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: Self.columns) FROM platform.units WHERE tenant_id = \(tenant) AND id = \(id)", tenant: tenant)
        return try rows.first.map(Self.unit(from:))
    }

    /// The ids of `id`'s ancestors, nearest first.
    func ancestors(of id: UUID, tenant: UUID) async throws -> [UUID] {
        let rows = try await database.query(
            """
            WITH RECURSIVE up (id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM platform.units WHERE tenant_id = \(tenant) AND id = \(id)
                UNION ALL
                SELECT u.id, u.parent_id, up.depth + 1 FROM platform.units u JOIN up ON u.id = up.parent_id
                WHERE u.tenant_id = \(tenant) AND up.depth < 64
            )
            SELECT id FROM up WHERE depth > 0 ORDER BY depth
            """,
            tenant: tenant)
        return try rows.map { try $0.decode((UUID).self) }
    }

    func create(_ unit: Unit, tenant: UUID, audit: PostgresQuery) async throws -> Unit {
        do {
            _ = try await database.transaction(
                [
                    """
                    INSERT INTO platform.units (tenant_id, id, parent_id, code, kind, name_fr, name_ar, name_en)
                    VALUES (\(tenant), \(unit.id), \(unit.parentID), \(unit.code), \(unit.kind), \(unit.name.fr),
                            \(unit.name.ar), \(unit.name.en))
                    """,
                    audit,
                ],
                tenant: tenant)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Refusal.codeTaken
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.unknownParent
        }
        return unit
    }

    /// Changes a unit's kind, names or parent (`parent` nil: unchanged; `.some(nil)`: to the top).
    func update(
        _ id: UUID, tenant: UUID, kind: String?, name: LocalizedText?, parent: UUID??, expectedVersion: Int?,
        audit: PostgresQuery
    ) async throws -> Unit? {
        do {
            return try await database.transaction(tenant: tenant, retryable: true) { transaction -> Unit? in
                let current = try await transaction.query(
                    "SELECT \(unsafeRaw: Self.columns) FROM platform.units WHERE tenant_id = \(tenant) AND id = \(id) FOR UPDATE")
                guard let row = current.first else { return nil }
                let unit = try Self.unit(from: row)
                if let expectedVersion, expectedVersion != unit.version { throw Refusal.versionMismatch }
                let newParent = parent ?? unit.parentID
                if let newParent, newParent != unit.parentID {
                    // The new parent must not be the unit or one of its descendants.
                    let below = try await transaction.query(
                        """
                        WITH RECURSIVE down (id, depth) AS (
                            SELECT id, 0 FROM platform.units WHERE tenant_id = \(tenant) AND id = \(id)
                            UNION ALL
                            SELECT u.id, down.depth + 1 FROM platform.units u JOIN down ON u.parent_id = down.id
                            WHERE u.tenant_id = \(tenant) AND down.depth < 64
                        )
                        SELECT 1 FROM down WHERE id = \(newParent)
                        """)
                    if !below.isEmpty { throw Refusal.cycle }
                }
                let rows = try await transaction.query(
                    """
                    UPDATE platform.units
                    SET kind = \(kind ?? unit.kind), name_fr = \(name?.fr ?? unit.name.fr),
                        name_ar = \(name.map { $0.ar } ?? unit.name.ar), name_en = \(name.map { $0.en } ?? unit.name.en),
                        parent_id = \(newParent), version = version + 1, updated_at = now()
                    WHERE tenant_id = \(tenant) AND id = \(id)
                    RETURNING \(unsafeRaw: Self.columns)
                    """)
                _ = try await transaction.query(audit)
                return try rows.first.map(Self.unit(from:))
            }
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.unknownParent
        }
    }

    /// Deletes a unit without units below it or agents in it; false when there is none.
    func delete(_ id: UUID, tenant: UUID, audit: PostgresQuery) async throws -> Bool {
        do {
            let rows = try await database.transaction(
                ["DELETE FROM platform.units WHERE tenant_id = \(tenant) AND id = \(id)", audit], tenant: tenant)
            return rows[0].rowsAffected == 1
        } catch let error as PostgresError where error.isForeignKeyViolation {
            throw Refusal.inUse
        }
    }
}
