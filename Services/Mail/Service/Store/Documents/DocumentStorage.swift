import FoundationEssentials

/// Where document content lives, addressed by its SHA-256 (lowercase hex) within a tenant. The
/// service records the fixity facts in the database and re-hashes every read; a storage only keeps
/// bytes. ``FileSystemDocumentStorage`` keeps them in a directory; an S3-compatible object store
/// (keys `<tenant>/<sha256>`) would implement the same four calls.
protocol DocumentStorage: Sendable {
    /// Keeps `bytes` under `sha256` (the caller computed it). Content already stored under that
    /// address is left as it is (the verification on read tells if it was altered).
    func store(_ bytes: [UInt8], sha256: String, tenant: UUID) async throws

    /// The bytes stored under `sha256`, or nil when there are none.
    func read(sha256: String, tenant: UUID) async throws -> [UInt8]?

    /// Deletes the content under `sha256` (a purge); no error when it is already gone.
    func delete(sha256: String, tenant: UUID) async throws

    /// Whether content is stored under `sha256`.
    func contains(sha256: String, tenant: UUID) async throws -> Bool
}
