import FoundationEssentials
import GuichetCore
import GuichetPostgres

extension MailStore {
    /// The recorded approval of a purge of the item's documents, if any.
    func purgeApproval(item: UUID, tenant: UUID) async throws -> RetentionRule.PurgeApproval? {
        let rows = try await database.query(
            """
            SELECT actor, acted_at FROM mail.retention_actions
            WHERE tenant_id = \(tenant) AND item_id = \(item) AND action = 'purge_approval'
            """,
            tenant: tenant)
        return try rows.first.map { row in
            let (by, at) = try row.decode((String, Date).self)
            return RetentionRule.PurgeApproval(approvedBy: by, approvedAt: at)
        }
    }

    /// Records the approval of a purge (the first one stands) and its audit event; false when one
    /// was already recorded.
    func approvePurge(item: UUID, comment: String?, tenant: UUID, by subject: String) async throws -> Bool {
        let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
        return try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let inserted = try await transaction.query(
                """
                INSERT INTO mail.retention_actions (tenant_id, item_id, action, actor, acted_at, comment)
                VALUES (\(tenant), \(item), 'purge_approval', \(subject), \(now), \(comment))
                ON CONFLICT (tenant_id, item_id, action) DO NOTHING
                """)
            guard inserted.rowsAffected == 1 else { return false }
            var payload: [String: JSONValue] = [:]
            if let comment { payload["comment"] = .string(comment) }
            _ = try await transaction.query(
                try AuditLog.appending(.init(.purgeApproval, item: item, payload: .object(payload)), tenant: tenant, at: now, actor: subject))
            return true
        }
    }

    /// Purges the item's documents once the domain allows it (`check` throws the refusal): records
    /// the purge, empties the search text its documents and notes gave, marks the item, appends the
    /// audit event — then deletes the content no other item of the tenant still uses. The
    /// registry entry, the document versions' fixity facts and the audit chain stay.
    func purge(
        item itemID: UUID, tenant: UUID, by subject: String, storage: any DocumentStorage,
        check: (StoredItem, RetentionRule.PurgeApproval?, Date) throws -> Void
    ) async throws -> [String] {
        let versions = try await documentVersions(item: itemID, tenant: tenant)
        let hashes = Array(Set(versions.map(\.sha256))).sorted()
        try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let rows = try await transaction.execute([
                "SELECT \(unsafeRaw: StoredItem.columns) FROM mail.items i WHERE i.tenant_id = \(tenant) AND i.id = \(itemID) FOR UPDATE",
                """
                SELECT actor, acted_at FROM mail.retention_actions
                WHERE tenant_id = \(tenant) AND item_id = \(itemID) AND action = 'purge_approval'
                """,
            ])
            guard let row = rows[0].first else { throw Refusal.notFound }
            let stored = try StoredItem(row: row, tenant: tenant)
            let approval = try rows[1].first.map { row in
                let (by, at) = try row.decode((String, Date).self)
                return RetentionRule.PurgeApproval(approvedBy: by, approvedAt: at)
            }
            let now = Date(microsecondsSince1970: clock.now.microsecondsSince1970)
            try check(stored, approval, now)
            _ = try await transaction.execute([
                """
                INSERT INTO mail.retention_actions (tenant_id, item_id, action, actor, acted_at, documents)
                VALUES (\(tenant), \(itemID), 'purge', \(subject), \(now), \(versions.count))
                """,
                """
                UPDATE mail.items SET purged_at = \(now), search_extra = '', extra_terms = '{}', version = version + 1, updated_at = \(now)
                WHERE tenant_id = \(tenant) AND id = \(itemID)
                """,
                try AuditLog.appending(
                    .init(
                        .purge, item: itemID,
                        payload: [
                            "documents": .number(Double(versions.count)), "sha256": .array(hashes.map(JSONValue.string)),
                            "approved_by": .string(approval?.approvedBy ?? ""),
                        ]),
                    tenant: tenant, at: now, actor: subject),
            ])
        }
        let stillUsed = try await database.query(
            """
            SELECT DISTINCT v.sha256 FROM mail.document_versions v
            JOIN mail.items i ON i.tenant_id = v.tenant_id AND i.id = v.item_id
            WHERE v.tenant_id = \(tenant) AND i.tenant_id = \(tenant) AND i.purged_at IS NULL AND v.sha256 = ANY (\(hashes))
            """,
            tenant: tenant)
        let kept: Set<String> = Set(try stillUsed.map { row in try row.decode(String.self) })
        let deleted = hashes.filter { !kept.contains($0) }
        for hash in deleted { try await storage.delete(sha256: hash, tenant: tenant) }
        return deleted
    }
}
